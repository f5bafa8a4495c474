package web

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"mobilize/models"
	"mobilize/pii"
)

// manualView is the manual mode: per organization, the text to paste into
// its group and the QR code of its link, for when the bot is down.
type manualView struct {
	campaignHead
	Orgs []manualOrg
	// NoPublicURL warns that web.public_url is unset: every link and QR
	// below points at the listen address and opens on no member's phone.
	// This page is for the moment the bot is down, so it must not hand out
	// dead links silently.
	NoPublicURL string
}

type manualOrg struct {
	Name, Groups, Text, Link, QR, QRAlt string
	// Unserved names the organization's groups no working bot account
	// serves: their messages wait, so staff forward to them first.
	Unserved string
}

func (s *Server) manualPage(w http.ResponseWriter, r *http.Request, admin string) {
	camp, ok := s.campaign(w, r)
	if !ok {
		return
	}
	links, err := s.links.OrgLinks(r.Context(), s.deps.Store, camp.ID)
	if err != nil {
		s.internal(w, r, "list links", err)
		return
	}
	v := manualView{campaignHead: s.head(camp, "manual")}
	if s.deps.Config.Web.PublicURL == "" {
		v.NoPublicURL = fmt.Sprintf(ctxt.NoPublicURL, BaseURL(s.deps.Config.Web))
	}
	unserved, err := s.deps.Store.UnservedGroups(r.Context(), models.LivenessAt(s.deps.Store.Now(), s.deps.Config.Failover.AfterD()))
	if err != nil {
		s.internal(w, r, "list unserved groups", err)
		return
	}
	for _, l := range links {
		name := pii.Mask(l.Org.Name) // the text is pasted into a group
		var waiting []string
		for _, g := range l.Org.Groups {
			if unserved[g] {
				waiting = append(waiting, g)
			}
		}
		v.Orgs = append(v.Orgs, manualOrg{Name: name, Groups: pii.MaskJoin(l.Org.Groups, "、"), Link: l.URL,
			Text:     fmt.Sprintf(txtManual, camp.Title, camp.Body, name, l.URL),
			QR:       fmt.Sprintf("/admin/c/%d/qr/%d", camp.ID, l.Org.ID),
			QRAlt:    fmt.Sprintf(ctxt.QRAlt, name),
			Unserved: pii.MaskJoin(waiting, "、")})
	}
	// The groups whose messages wait come first (docs/accounts.md).
	slices.SortStableFunc(v.Orgs, func(a, b manualOrg) int { return cmp.Compare(boolRank(a.Unserved == ""), boolRank(b.Unserved == "")) })
	s.renderAdmin(w, r, "manual", camp.Title, admin, v)
}

// qrImage is the QR code of an organization's sign-up link.
func (s *Server) qrImage(w http.ResponseWriter, r *http.Request, admin string) {
	camp, ok := s.campaign(w, r)
	if !ok {
		return
	}
	org, err := strconv.ParseUint(r.PathValue("org"), 10, 32)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	png, err := QRPNG(s.links.Signup(camp.ID, uint(org)), 6)
	if err != nil {
		s.internal(w, r, "draw QR code", err)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "private, max-age=3600")
	w.Write(png)
}

// boolRank orders false before true.
func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}
