package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"mobilize/broadcast"
)

// sendView is 发给更多群: an existing campaign sent to groups it has not
// reached yet (new organizations, a wider target). A bare campaign (made
// by `mobilize campaign create` without a body) gets its 正文 here, once.
type sendView struct {
	campaignHead
	Targets, Body string
	NeedsBody     bool
	Error, Notice string
	Groups        string
	Messages      string
	Seen          string // the previewed plan's seal: a confirm queues only what was seen
	Ready         bool
}

func (s *Server) sendPage(w http.ResponseWriter, r *http.Request, admin string) {
	camp, ok := s.campaign(w, r)
	if !ok {
		return
	}
	v := sendView{campaignHead: s.head(camp, "send"), Targets: "all", NeedsBody: strings.TrimSpace(camp.Body) == ""}
	s.renderAdmin(w, r, "send", camp.Title, admin, v)
}

// sendSubmit previews (action=preview) or queues (action=confirm) the
// campaign for the targets, through the same broadcast package as
// `mobilize broadcast --campaign N`. Groups that had it are skipped, so a
// repeated confirm sends nothing twice; a confirm whose plan differs from
// the preview's seal (new groups bound since, changed form) queues
// nothing and shows the fresh preview.
func (s *Server) sendSubmit(w http.ResponseWriter, r *http.Request, admin string) {
	camp, ok := s.campaign(w, r)
	if !ok {
		return
	}
	var tooBig *http.MaxBytesError
	if err := r.ParseForm(); errors.As(err, &tooBig) {
		s.message(w, r, http.StatusRequestEntityTooLarge, ctxt.Send, fmt.Sprintf(ctxt.BcTooBig, s.deps.Config.Broadcast.MaxBodyChars))
		return
	} else if err != nil || !s.csrfOK(r) {
		s.message(w, r, http.StatusForbidden, txt.BadRequest, txt.Expired)
		return
	}
	v := sendView{campaignHead: s.head(camp, "send"), Targets: r.PostFormValue("targets"),
		Body: r.PostFormValue("body"), NeedsBody: strings.TrimSpace(camp.Body) == ""}
	if v.NeedsBody && strings.TrimSpace(v.Body) == "" {
		v.Error = ctxt.SendNeedBody
		s.renderPage(w, r, http.StatusUnprocessableEntity, "send", page{T: txt, C: ctxt, Title: camp.Title, D: v, Admin: admin})
		return
	}
	d := broadcast.Draft{CampaignID: camp.ID, Body: v.Body, Targets: strings.Fields(v.Targets), By: "web:" + admin}
	if len(d.Targets) == 0 {
		d.Targets = []string{"all"}
	}
	b := s.broadcaster()
	plan, err := b.Plan(r.Context(), d)
	if err != nil {
		s.sendError(w, r, admin, v, err)
		return
	}
	v.Groups, v.Messages = broadcast.PreviewGroups(plan), broadcast.PreviewMessages(plan.Messages)
	v.Seen, v.Ready = s.seal(v.Groups, v.Messages), plan.New() > 0
	if !v.Ready {
		v.Notice = ctxt.SendNone
	}
	if r.PostFormValue("action") != "confirm" || !v.Ready {
		s.renderAdmin(w, r, "send", camp.Title, admin, v)
		return
	}
	if !hmac.Equal([]byte(r.PostFormValue("seen")), []byte(v.Seen)) {
		v.Notice = ctxt.BcChanged
		s.renderAdmin(w, r, "send", camp.Title, admin, v)
		return
	}
	res, err := b.QueueCampaign(r.Context(), plan, nil)
	if err != nil {
		s.sendError(w, r, admin, v, err)
		return
	}
	s.deps.Log.Info("console send queued", "admin", d.By, "campaign", camp.ID, "groups", res.Queued, "skipped", res.Skipped)
	http.Redirect(w, r, fmt.Sprintf("/admin/c/%d", camp.ID), http.StatusSeeOther)
}

// sendError shows a problem staff can fix above the form, in Chinese.
func (s *Server) sendError(w http.ResponseWriter, r *http.Request, admin string, v sendView, err error) {
	text, ok := broadcast.UserText(err)
	if !ok {
		s.internal(w, r, "console send", err)
		return
	}
	v.Error = text
	s.renderPage(w, r, http.StatusUnprocessableEntity, "send", page{T: txt, C: ctxt, Title: v.Campaign.Title, D: v, Admin: admin})
}

// seal is the HMAC of what a preview showed, under the form key.
func (s *Server) seal(parts ...string) string {
	m := hmac.New(sha256.New, s.csrfKey)
	for _, p := range parts {
		fmt.Fprintf(m, "%d:%s", len(p), p)
	}
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:16])
}
