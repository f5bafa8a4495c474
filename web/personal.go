package web

import (
	"errors"
	"fmt"
	"net/http"

	"mobilize/models"
	"mobilize/pii"
)

// personalView is the personal page's data: one registration, shown with
// a masked phone, and what the visitor may do with it.
type personalView struct {
	Campaign   string
	Org        string
	Person     string
	Status     string
	Waiting    bool
	Confirmed  bool
	Note       string // what just happened: signed up, already, cancelled
	Link       string
	CancelPath string
	CanCancel  bool
	Shut       bool
	// The change form (personal_change.go): the campaign's roles and the
	// organizations to choose from, the registration's own selected.
	ChangePath string
	Roles      []choice
	Orgs       []choice
}

// personalPath is the path of a registration's personal page.
func (l *Links) personalPath(regID uint) string {
	return "/r/" + l.token(kindPersonal, uint64(regID))
}

// personalReg resolves the page's token; on failure it has answered.
func (s *Server) personalReg(w http.ResponseWriter, r *http.Request) (models.RegView, bool) {
	id, err := s.links.parsePersonal(r.PathValue("token"))
	if err != nil {
		s.message(w, r, http.StatusNotFound, txt.NotFound, txt.NotFoundBody)
		return models.RegView{}, false
	}
	reg, err := s.deps.Store.RegistrationView(r.Context(), id)
	if errors.Is(err, models.ErrNotFound) {
		s.message(w, r, http.StatusNotFound, txt.NotFound, txt.NotFoundBody)
		return reg, false
	}
	if err != nil {
		s.internal(w, r, "load registration", err)
		return reg, false
	}
	return reg, true
}

func (s *Server) personalPage(w http.ResponseWriter, r *http.Request) {
	reg, ok := s.personalReg(w, r)
	if !ok {
		return
	}
	if s.followChange(w, r, reg.ID) {
		return
	}
	camp, err := s.deps.Store.Campaign(r.Context(), reg.CampaignID)
	if err != nil {
		s.internal(w, r, "load campaign", err)
		return
	}
	v := personalView{Campaign: camp.Title, Org: pii.Mask(reg.Group.Organization.Name),
		Person: fmt.Sprintf(txt.Person, pii.Mask(reg.Volunteer.Name), pii.MaskPhone(reg.Volunteer.Phone)),
		Link:   s.links.Personal(reg.ID), CancelPath: s.links.personalPath(reg.ID) + "/cancel"}
	role := reg.Role.Name
	switch {
	case reg.Status == models.StatusCancelled:
		v.Status = fmt.Sprintf(txt.StatusCancelled, role)
	case reg.Status == models.StatusWaitlisted:
		v.Status, v.Waiting = fmt.Sprintf(txt.StatusWaiting, role, reg.Position), true
	case reg.Promoted():
		v.Status, v.Confirmed = fmt.Sprintf(txt.StatusPromoted, role), true
	default:
		v.Status, v.Confirmed = fmt.Sprintf(txt.StatusConfirmed, role), true
	}
	active := reg.Status != models.StatusCancelled
	v.CanCancel = active && camp.Accepts(s.deps.Store.Now())
	v.Shut = active && !v.CanCancel
	if v.CanCancel {
		if err := s.changeChoices(r.Context(), camp, reg, &v); err != nil {
			s.internal(w, r, "personal page choices", err)
			return
		}
	}
	switch r.URL.Query().Get("n") {
	case "new":
		v.Note = txt.NewConfirmed
		if v.Waiting {
			v.Note = txt.NewWaiting
		}
	case "already":
		v.Note = txt.Already
	case "cancelled":
		if !active {
			v.Note = txt.CancelledNow
		}
	case "changed":
		v.Note = txt.Changed
	case "unchanged":
		v.Note = txt.Unchanged
	}
	s.render(w, r, http.StatusOK, "personal", txt.YourSignup, v)
}

// personalForm resolves the page's token and checks a form posted from
// it (its CSRF token); on failure it has answered.
func (s *Server) personalForm(w http.ResponseWriter, r *http.Request) (models.RegView, bool) {
	reg, ok := s.personalReg(w, r)
	if !ok {
		return reg, false
	}
	if r.ParseForm() != nil || !s.csrfOK(r) {
		s.message(w, r, http.StatusForbidden, txt.BadRequest, txt.Expired)
		return reg, false
	}
	return reg, true
}

// personalCancel cancels through the same Store call as the chat's
// 取消报名 with a phone: the person's registrations in this campaign, filed
// under this group. Whoever gains a place is promoted in the same
// transaction and announced in their group.
func (s *Server) personalCancel(w http.ResponseWriter, r *http.Request) {
	reg, ok := s.personalForm(w, r)
	if !ok {
		return
	}
	back := s.links.personalPath(reg.ID) + "?n=cancelled"
	if reg.Status == models.StatusCancelled {
		http.Redirect(w, r, back, http.StatusSeeOther)
		return
	}
	res, err := s.deps.Store.CancelByAdmin(r.Context(), reg.CampaignID,
		models.Who{Phone: reg.Volunteer.Phone, GroupName: reg.Group.Name})
	switch {
	case errors.Is(err, models.ErrCampaignShut):
		s.message(w, r, http.StatusGone, txt.Shut, txt.CancelShut)
		return
	case errors.Is(err, models.ErrNotFound):
		// Already cancelled elsewhere (in the chat): the page says so.
	case err != nil:
		s.internal(w, r, "web cancel", err)
		return
	}
	s.announce(r, res.Promoted)
	http.Redirect(w, r, back, http.StatusSeeOther)
}
