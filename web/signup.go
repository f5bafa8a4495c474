package web

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"mobilize/grammar"
	"mobilize/models"
	"mobilize/pii"
)

// webSender is the Sender recorded on web sign-ups: one no chat message
// can have (models.WebSender), so nobody in a group — not even a member
// WeChat gives a blank name — can see or cancel a web sign-up by sender.
const webSender = models.WebSender

// signupForm is the sign-up page's data: the campaign, the organization,
// the places, and the form as typed with its errors.
type signupForm struct {
	Campaign models.Campaign
	Org      models.Organization
	Roles    []roleView
	Deadline string
	Name     string
	Phone    string
	Role     string
	Remark   string
	Errors   map[string]string
	Problem  string // a page-level problem (expired form)
}

// roleView is a role with its places for the page.
type roleView struct {
	Code, Name, Places string
	Full               bool
}

func (s *Server) signupPage(w http.ResponseWriter, r *http.Request) {
	target, ok := s.signupTarget(w, r)
	if !ok {
		return
	}
	form := signupForm{Errors: map[string]string{}}
	s.showSignup(w, r, http.StatusOK, target, form)
}

// signupTarget resolves the link's token; on failure it has answered.
func (s *Server) signupTarget(w http.ResponseWriter, r *http.Request) (models.SignupTarget, bool) {
	campID, orgID, err := s.links.parseSignup(r.PathValue("token"))
	if err != nil {
		s.message(w, r, http.StatusNotFound, txt.NotFound, txt.NotFoundBody)
		return models.SignupTarget{}, false
	}
	t, err := s.targets.get(r.Context(), s.deps.Store, campID, orgID)
	if errors.Is(err, models.ErrNotFound) {
		s.message(w, r, http.StatusNotFound, txt.NotFound, txt.NotFoundBody)
		return t, false
	}
	if err != nil {
		s.internal(w, r, "load sign-up target", err)
		return t, false
	}
	if !t.Campaign.Accepts(s.deps.Store.Now()) {
		s.message(w, r, http.StatusGone, txt.Shut, fmt.Sprintf(txt.ShutBody, t.Campaign.Title))
		return t, false
	}
	return t, true
}

func (s *Server) showSignup(w http.ResponseWriter, r *http.Request, status int, t models.SignupTarget, form signupForm) {
	counts, err := s.deps.Store.RoleCounts(r.Context(), t.Campaign.ID)
	if err != nil {
		s.internal(w, r, "count places", err)
		return
	}
	form.Campaign, form.Org = t.Campaign, t.Organization
	form.Org.Name = pii.Mask(form.Org.Name)
	for _, c := range counts {
		rv := roleView{Code: c.Code, Name: c.Name, Places: fmt.Sprintf(txt.PlacesLeft, c.Left(), c.Quota), Full: c.Left() == 0}
		if rv.Full {
			rv.Places = txt.PlacesFull
			if c.Waitlisted > 0 {
				rv.Places += "，" + fmt.Sprintf(txt.Waiting, c.Waitlisted)
			}
		}
		form.Roles = append(form.Roles, rv)
	}
	if len(form.Roles) == 1 && form.Role == "" {
		form.Role = form.Roles[0].Code
	}
	if d := t.Campaign.Deadline; d != nil {
		form.Deadline = fmt.Sprintf(txt.Deadline, d.In(s.deps.Config.Location).Format("2006-01-02 15:04"))
	}
	s.render(w, r, status, "signup", t.Campaign.Title, form)
}

// signupSubmit checks the form as the chat grammar checks a 报名, then signs
// up through the same Store call. Success goes to the personal page (a
// redirect, so reloading it never submits twice).
func (s *Server) signupSubmit(w http.ResponseWriter, r *http.Request) {
	target, ok := s.signupTarget(w, r)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		s.message(w, r, http.StatusBadRequest, txt.BadRequest, txt.BadRequest)
		return
	}
	form := signupForm{Name: strings.TrimSpace(r.PostFormValue("name")), Phone: strings.TrimSpace(r.PostFormValue("phone")),
		Role: r.PostFormValue("role"), Remark: r.PostFormValue("remark"), Errors: map[string]string{}}
	if !s.csrfOK(r) {
		form.Problem = txt.Expired
		s.showSignup(w, r, http.StatusForbidden, target, form)
		return
	}
	if r.PostFormValue("website") != "" { // the honeypot: people never see it
		s.deps.Log.Info("web sign-up honeypot", "path", redactPath(r.URL.Path))
		s.message(w, r, http.StatusBadRequest, txt.BadRequest, txt.BadRequest)
		return
	}
	req, ok := s.checkSignup(target, &form)
	if !ok {
		form.Problem = txt.FormErrors
		s.showSignup(w, r, http.StatusUnprocessableEntity, target, form)
		return
	}
	res, err := s.deps.Store.SignUp(r.Context(), req)
	var held *models.RegisteredError
	switch {
	case errors.Is(err, models.ErrPhoneOwned):
		form.Errors["phone"], form.Problem = errPhoneOwned, txt.FormErrors
		s.showSignup(w, r, http.StatusUnprocessableEntity, target, form)
		return
	case errors.As(err, &held):
		form.Errors["phone"], form.Problem = registeredText(held.Reg), txt.FormErrors
		s.showSignup(w, r, http.StatusConflict, target, form)
		return
	case errors.Is(err, models.ErrCampaignShut):
		s.message(w, r, http.StatusGone, txt.Shut, fmt.Sprintf(txt.ShutBody, target.Campaign.Title))
		return
	case err != nil:
		s.internal(w, r, "web sign-up", err)
		return
	}
	s.announce(r, res.Promoted)
	note := "new"
	if res.Already {
		note = "already"
	}
	http.Redirect(w, r, s.links.personalPath(res.Reg.ID)+"?n="+note, http.StatusSeeOther)
}

// registeredText answers a form submitted for a phone already registered
// in the campaign: masked, since knowing a name and a phone proves nothing,
// with the ways the owner manages it (the personal link, or the chat).
func registeredText(reg models.Registration) string {
	status := stateConfirmed
	if reg.Status == models.StatusWaitlisted {
		status = stateWaiting
	}
	return fmt.Sprintf(errRegistered, reg.Volunteer.MaskedName(), grammar.MaskPhone(reg.Volunteer.Phone), reg.Role.Name, status)
}

// checkSignup validates the form with the grammar's own checks and builds
// the Store request; errors go next to their fields.
func (s *Server) checkSignup(t models.SignupTarget, form *signupForm) (models.SignUpRequest, bool) {
	var roleOK bool
	vocab := grammar.Vocabulary{Roles: map[string]string{}}
	for _, role := range t.Campaign.Roles {
		roleOK = roleOK || role.Code == form.Role
		for _, a := range role.AliasList() {
			vocab.Roles[a] = role.Code
		}
	}
	name, nameOK := grammar.FormName(form.Name, &vocab)
	phone, phoneOK := grammar.FormPhone(form.Phone)
	switch {
	case !nameOK && pii.Has(form.Name):
		form.Errors["name"] = errNamePhone
	case !nameOK:
		form.Errors["name"] = errName
	}
	if !phoneOK {
		form.Errors["phone"] = errPhone
	}
	if !roleOK {
		form.Errors["role"] = errRole
	}
	if len(form.Errors) > 0 {
		return models.SignUpRequest{}, false
	}
	return models.SignUpRequest{CampaignID: t.Campaign.ID, RoleCode: form.Role, Name: name, DefaultName: name,
		Phone: phone, Remark: grammar.FormRemark(form.Remark), GroupName: t.Group.Name, Sender: webSender, MsgID: "web"}, true
}

// announce queues the group notices of people promoted by a web action.
// The action itself is committed: a failure to queue is logged, not shown.
func (s *Server) announce(r *http.Request, promoted []models.Registration) {
	if len(promoted) == 0 {
		return
	}
	if err := s.deps.Announce(r.Context(), promoted); err != nil {
		s.deps.Log.Error("queue promotion notices", "n", len(promoted), "err", err)
	}
}
