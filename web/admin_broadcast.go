package web

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"mobilize/broadcast"
	"mobilize/models"
)

// broadcastForm is the console's 发布倡议 form as posted: the new
// campaign's title and body, targets, the configured roles chosen, the
// deadline, and the draft key that makes a repeated confirm harmless.
type broadcastForm struct {
	Title, Body, Targets, Deadline, Key string
	Roles                               map[string]bool
}

// broadcastView is the form page: the form, the configured roles, and after
// a preview the groups reached and exactly what one group receives.
type broadcastView struct {
	Form     broadcastForm
	Roles    []string // "code|名称" of the configured roles
	Error    string
	Notice   string // why a confirm showed a fresh preview instead
	Groups   string
	Messages string
	Ready    bool
}

func (s *Server) broadcastPage(w http.ResponseWriter, r *http.Request, admin string) {
	f := broadcastForm{Targets: "all", Key: newDraftKey(), Roles: map[string]bool{}}
	for _, role := range s.deps.Config.Roles {
		f.Roles[role.Code] = true
	}
	s.renderAdmin(w, r, "broadcast", ctxt.Broadcast, admin, s.broadcastView(f))
}

func (s *Server) broadcastView(f broadcastForm) broadcastView {
	v := broadcastView{Form: f}
	for _, role := range s.deps.Config.Roles {
		v.Roles = append(v.Roles, role.Code+"|"+role.Name)
	}
	return v
}

// broadcastSubmit previews the draft (action=preview) or queues what was
// previewed (action=confirm), through the same broadcast package as
// `mobilize broadcast`.
func (s *Server) broadcastSubmit(w http.ResponseWriter, r *http.Request, admin string) {
	var tooBig *http.MaxBytesError
	err := r.ParseForm()
	if errors.As(err, &tooBig) {
		s.message(w, r, http.StatusRequestEntityTooLarge, ctxt.Broadcast,
			fmt.Sprintf(ctxt.BcTooBig, s.deps.Config.Broadcast.MaxBodyChars))
		return
	}
	if err != nil || !s.csrfOK(r) {
		s.message(w, r, http.StatusForbidden, txt.BadRequest, txt.Expired)
		return
	}
	f := readBroadcastForm(r)
	if r.PostFormValue("action") == "confirm" {
		s.broadcastConfirm(w, r, admin, f)
		return
	}
	s.broadcastPreview(w, r, admin, f, "")
}

// broadcastPreview plans the form, keeps it in the database as the draft
// its key names (what a confirm will queue), and shows the groups reached
// and one group's messages. notice says why a confirm showed a preview
// instead.
func (s *Server) broadcastPreview(w http.ResponseWriter, r *http.Request, admin string, f broadcastForm, notice string) {
	v := s.broadcastView(f)
	d, err := s.draft(f, admin)
	var plan broadcast.Plan
	if err == nil {
		plan, err = s.broadcaster().Plan(r.Context(), d)
	}
	if err == nil {
		v.Form.Key, err = s.saveDraft(r.Context(), f, d, admin)
	}
	if err != nil {
		s.broadcastError(w, r, admin, v, err)
		return
	}
	v.Notice = notice
	v.Groups, v.Messages, v.Ready = broadcast.PreviewGroups(plan), broadcast.PreviewMessages(plan.Messages), true
	s.renderAdmin(w, r, "broadcast", ctxt.Broadcast, admin, v)
}

// bodyLimit is the most a request may carry: a few kilobytes, but for
// the console's 发布倡议 and 发给更多群, whose body may be as long as
// broadcast.max_body_chars allows — a Chinese character is 9 bytes once
// percent-encoded, an emoji 12 — so a long 倡议书 pasted into the form
// reaches the length check (a Chinese answer that keeps the form) instead
// of being cut off as an expired page.
func (s *Server) bodyLimit(r *http.Request) int64 {
	if r.URL.Path == "/admin/broadcast" || (strings.HasPrefix(r.URL.Path, "/admin/c/") && strings.HasSuffix(r.URL.Path, "/send")) {
		return int64(s.deps.Config.Broadcast.MaxBodyChars)*12 + maxBody
	}
	return maxBody
}

func (s *Server) broadcaster() *broadcast.Broadcaster {
	b := broadcast.New(s.deps.Store, s.deps.Config)
	b.OrgLink = s.footerLink()
	return b
}

// broadcastError shows a problem staff can fix next to the form, in
// Chinese; anything else is an internal error.
func (s *Server) broadcastError(w http.ResponseWriter, r *http.Request, admin string, v broadcastView, err error) {
	text, ok := broadcast.UserText(err)
	if !ok {
		s.internal(w, r, "console broadcast", err)
		return
	}
	v.Error = text
	s.renderPage(w, r, http.StatusUnprocessableEntity, "broadcast",
		page{T: txt, C: ctxt, Title: ctxt.Broadcast, D: v, Admin: admin})
}

func readBroadcastForm(r *http.Request) broadcastForm {
	f := broadcastForm{Title: r.PostFormValue("title"), Body: r.PostFormValue("body"),
		Targets: r.PostFormValue("targets"), Deadline: r.PostFormValue("deadline"),
		Key: r.PostFormValue("draft"), Roles: map[string]bool{}}
	for _, code := range r.PostForm["role"] {
		f.Roles[code] = true
	}
	if f.Key == "" {
		f.Key = newDraftKey()
	}
	return f
}

// draft turns the form into a broadcast draft: the chosen configured
// roles (all when none is ticked) and the deadline in the configured zone.
func (s *Server) draft(f broadcastForm, admin string) (broadcast.Draft, error) {
	d := broadcast.Draft{Title: f.Title, Body: f.Body, Targets: strings.Fields(f.Targets), By: "web:" + admin}
	if len(d.Targets) == 0 {
		d.Targets = []string{"all"}
	}
	for _, role := range s.deps.Config.Roles {
		if f.Roles[role.Code] {
			d.Roles = append(d.Roles, models.Role{Code: role.Code, Name: role.Name, Aliases: strings.Join(role.Aliases, ","),
				Quota: role.Quota, OrgCap: role.OrgCap, PhoneRequired: role.PhoneRequired})
		}
	}
	if f.Deadline != "" {
		t, err := time.ParseInLocation("2006-01-02T15:04", f.Deadline, s.deps.Config.Location)
		if err != nil {
			return d, &broadcast.Error{Text: ctxt.BadDeadline}
		}
		d.Deadline = &t
	}
	return d, nil
}

// footerLink is the organizations' own links for broadcast footers, when
// web.public_url is set.
func (s *Server) footerLink() func(campaignID, orgID uint) string {
	if s.deps.Config.Web.PublicURL == "" {
		return nil
	}
	return s.links.Signup
}

func newDraftKey() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}
