package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"mobilize/models"
	"mobilize/pii"
)

// choice is one option of the personal page's change form.
type choice struct {
	Value, Label string
	Selected     bool
}

// changeChoices fills the change form: every role with its places, and
// every organization with a group (where a sign-up can be filed), the
// registration's own selected.
func (s *Server) changeChoices(ctx context.Context, camp models.Campaign, reg models.RegView, v *personalView) error {
	counts, err := s.deps.Store.RoleCounts(ctx, camp.ID)
	if err != nil {
		return err
	}
	for _, c := range counts {
		label := c.Name + "（" + fmt.Sprintf(txt.PlacesLeft, c.Left(), c.Quota) + "）"
		if c.Left() == 0 {
			label = c.Name + "（" + txt.PlacesFull + "）"
		}
		v.Roles = append(v.Roles, choice{Value: c.Code, Label: label, Selected: c.ID == reg.RoleID})
	}
	orgs, err := s.deps.Store.ListOrgs(ctx)
	if err != nil {
		return err
	}
	for _, o := range orgs {
		if len(o.Groups) == 0 || (o.Unbound && o.ID != reg.Group.OrganizationID) {
			continue
		}
		v.Orgs = append(v.Orgs, choice{Value: strconv.FormatUint(uint64(o.ID), 10), Label: pii.Mask(o.Name),
			Selected: o.ID == reg.Group.OrganizationID})
	}
	v.ChangePath = s.links.personalPath(reg.ID) + "/change"
	return nil
}

// followChange sends a personal link whose registration its owner gave up
// for another role to the registration that replaced it: the link keeps
// showing the person's real state. It reports whether it redirected.
func (s *Server) followChange(w http.ResponseWriter, r *http.Request, regID uint) bool {
	cur, err := s.deps.Store.Current(r.Context(), regID)
	if err != nil || cur == regID {
		return false
	}
	target := s.links.personalPath(cur)
	if q := r.URL.RawQuery; q != "" {
		target += "?" + q
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
	return true
}

// personalChange applies the owner's change of role or organization
// through the same Store steps as the chat (models.ChangeOwn): quotas,
// caps, the waitlist and the promotion of whoever gains a place, audited.
func (s *Server) personalChange(w http.ResponseWriter, r *http.Request) {
	reg, ok := s.personalForm(w, r)
	if !ok {
		return
	}
	orgID, _ := strconv.ParseUint(r.PostFormValue("org"), 10, 64)
	res, err := s.deps.Store.ChangeOwn(r.Context(), reg.ID, models.OwnChange{RoleCode: r.PostFormValue("role"), OrgID: uint(orgID)})
	var capErr *models.OrgCapError
	switch {
	case errors.As(err, &capErr):
		s.message(w, r, http.StatusConflict, txt.Unchanged, fmt.Sprintf(txt.ChangeOrgFull, capErr.Role.Name, capErr.Role.OrgCap))
		return
	case errors.Is(err, models.ErrCampaignShut), errors.Is(err, models.ErrNotActive):
		s.message(w, r, http.StatusGone, txt.Shut, txt.ChangeShut)
		return
	case errors.Is(err, models.ErrNotFound):
		s.message(w, r, http.StatusBadRequest, txt.BadRequest, txt.BadRequest)
		return
	case err != nil:
		s.internal(w, r, "personal change", err)
		return
	}
	s.announce(r, res.Promoted)
	note := "?n=unchanged"
	if res.Changed {
		note = "?n=changed"
	}
	http.Redirect(w, r, s.links.personalPath(res.Reg.ID)+note, http.StatusSeeOther)
}
