package models

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// SignUpRequest is one person signing up for one role.
type SignUpRequest struct {
	CampaignID uint
	RoleCode   string
	Name       string // as typed; "" when the member typed none
	// DefaultName names a new volunteer when no name was typed (the
	// sender's group name). It never renames anyone.
	DefaultName string
	Phone       string // 11 digits or ""
	Remark      string // words after the phone, kept on a new registration
	// OnlyNew is set for 接龙 lines: a list is re-posted again and again, so
	// a line only ever creates a registration. Anyone the campaign already
	// knows — even cancelled, even moved to another role — is left alone.
	OnlyNew   bool
	GroupName string
	Sender    string // WeChat name of whoever sent it
	MsgID     string
}

// SignUpResult says what a sign-up did.
type SignUpResult struct {
	Reg      Registration // with Role, Volunteer and Group loaded
	Position int          // place on the waitlist, when waitlisted
	Left     int          // places the role has left after this sign-up
	Already  bool         // the person already holds this role: nothing changed
	OrgFull  bool         // waitlisted because the organization's cap is reached
	Moved    []Registration
	Kept     *Registration // old place kept until the waitlisted switch is promoted
	Promoted []Registration
	Renamed  string // the name this sign-up corrected (renameOwn); "" when none
}

// SignUp registers a person, confirming them while the role has places and
// waitlisting them after. Sign-ups are decided one at a time in arrival
// order, inside immediate transactions, so concurrent sign-ups can never
// overfill a role; concurrent ones share a transaction (signup_committer.go).
//
// A sign-up the database gave up as a deadlock with another process
// (PostgreSQL, dialect.retryable) changed nothing and is submitted again,
// a few times.
func (s *Store) SignUp(ctx context.Context, r SignUpRequest) (SignUpResult, error) {
	return retried(ctx, s, func() (SignUpResult, error) { return s.commits.submit(ctx, r) })
}

// signUpTx is one sign-up inside t: SignUp's, or one line of a 接龙 list
// applied all-or-nothing (signup_chain.go). A person new to the campaign — nearly
// every sign-up — takes the hot path: a handful of cached statements whose
// cost does not grow with the campaign. Anyone the campaign already knows
// goes through place, which weighs their other registrations.
func signUpTx(t *txn, r SignUpRequest) (SignUpResult, error) {
	camp, role, err := t.openRole(r.CampaignID, r.RoleCode)
	if err != nil {
		return SignUpResult{}, err
	}
	if !camp.Accepts(t.NowFunc()) {
		return SignUpResult{}, ErrCampaignShut
	}
	if role.PhoneRequired && r.Phone == "" {
		return SignUpResult{}, ErrPhoneRequired
	}
	group, err := t.group(r.GroupName)
	if err != nil {
		return SignUpResult{}, err
	}
	vol, isNew, renamed, err := t.upsertVolunteer(r)
	if err != nil {
		return SignUpResult{}, err
	}
	if !isNew {
		known, err := t.known(camp.ID, vol.ID)
		if err != nil {
			return SignUpResult{}, err
		}
		if known {
			res, err := place(t, camp, role, vol, group, r)
			res.Renamed = renamed
			return res, err
		}
	}
	res, err := newReg(t, role, vol, group, r, nil)
	res.Renamed = renamed
	return res, err
}

// openRole is the cold lookup behind txn.openRole, for its error.
func openRole(tx *gorm.DB, campaignID uint, code string) (Campaign, Role, error) {
	var c Campaign
	if err := tx.First(&c, campaignID).Error; err != nil {
		return c, Role{}, notFound(err, fmt.Sprintf("campaign %d", campaignID))
	}
	var role Role
	err := tx.Where("campaign_id = ? AND code = ?", campaignID, code).First(&role).Error
	return c, role, notFound(err, fmt.Sprintf("role %s", code))
}

// place decides for a person the campaign already knows: unchanged,
// confirmed, or waitlisted, moving them out of another role of the
// campaign where needed.
func place(t *txn, camp Campaign, role Role, vol Volunteer, g Group, r SignUpRequest) (SignUpResult, error) {
	var known []Registration
	if err := t.Preload("Role").Where("campaign_id = ? AND volunteer_id = ?", camp.ID, vol.ID).
		Order("id").Find(&known).Error; err != nil {
		return SignUpResult{}, err
	}
	if r.OnlyNew && len(known) > 0 {
		last := known[len(known)-1]
		last.Volunteer, last.Group = vol, g
		return SignUpResult{Reg: last, Already: true}, nil
	}
	var active []Registration
	for _, k := range known {
		if k.Status != StatusCancelled {
			active = append(active, k)
		}
	}
	for _, a := range active {
		if !ownedBy(a, g.ID, r.Sender) {
			return SignUpResult{}, registered(t, a, g)
		}
	}
	for _, a := range active {
		if a.RoleID == role.ID {
			return already(t, a, role, vol, g)
		}
	}
	return newReg(t, role, vol, g, r, active)
}

// registered builds the refusal of a sign-up that would change someone
// else's registration, or one filed elsewhere (signup_ownership.go).
func registered(t *txn, a Registration, g Group) error {
	reg, err := loadReg(t.DB, a.ID)
	if err != nil {
		return err
	}
	return &RegisteredError{Reg: reg, SameGroup: a.GroupID == g.ID}
}

// already answers the owner signing up again for the role they hold:
// nothing changes.
func already(t *txn, a Registration, role Role, vol Volunteer, g Group) (SignUpResult, error) {
	cnt, err := t.counter(role.ID)
	if err != nil {
		return SignUpResult{}, err
	}
	a.Role, a.Volunteer, a.Group = role, vol, g
	pos, err := position(t.DB, a)
	return SignUpResult{Reg: a, Position: pos, Already: true, Left: max(role.Quota-cnt.Confirmed, 0)}, err
}

// newReg creates the registration, confirmed while the role (and the
// organization's share of it) has room, waitlisted after; active are the
// person's other live registrations in the campaign, given up (or, for a
// waitlisted switch, the confirmed one kept until promotion).
func newReg(t *txn, role Role, vol Volunteer, g Group, r SignUpRequest, active []Registration) (SignUpResult, error) {
	var out SignUpResult
	cnt, err := t.counter(role.ID)
	if err != nil {
		return out, err
	}
	room, orgFull, err := t.room(role, cnt, g.OrganizationID)
	if err != nil {
		return out, err
	}
	now := t.NowFunc()
	reg := Registration{CampaignID: role.CampaignID, RoleID: role.ID, VolunteerID: vol.ID, GroupID: g.ID,
		Sender: r.Sender, SourceMsgID: r.MsgID, Remark: r.Remark, CreatedAt: now, UpdatedAt: now}
	if room {
		reg.Status, reg.ConfirmedAt = StatusConfirmed, &now
		out.Moved, out.Left = active, max(role.Quota-cnt.Confirmed-1, 0)
	} else {
		reg.Status, reg.WaitSeq, out.OrgFull = StatusWaitlisted, cnt.WaitSeq+1, orgFull
		out.Moved, reg.SwitchFrom, out.Kept = splitKept(active)
		out.Left, out.Position = max(role.Quota-cnt.Confirmed, 0), cnt.Waitlisted+1
	}
	if err := t.insertReg(&reg, newReason(reg.Status, r.OnlyNew)); err != nil {
		return out, err
	}
	for _, m := range out.Moved {
		promoted, err := cancelReg(t, m, ReasonMoved)
		if err != nil {
			return out, err
		}
		out.Promoted = append(out.Promoted, promoted...)
	}
	reg.Role, reg.Volunteer, reg.Group = role, vol, g
	out.Reg = reg
	if len(out.Moved) > 0 && reg.Status == StatusWaitlisted {
		// Promotions in other roles may have moved this queue.
		out.Position, err = position(t.DB, reg)
	}
	return out, err
}

// newReason is the history reason of a new registration.
func newReason(status string, chain bool) string {
	switch {
	case chain:
		return ReasonChain
	case status == StatusWaitlisted:
		return ReasonWaitlist
	}
	return ReasonSignUp
}

// splitKept chooses, for a waitlisted switch, which old registration to keep
// until promotion (the confirmed one) and which to give up (other waits: a
// person waits in one queue at a time).
func splitKept(active []Registration) (drop []Registration, keepID uint, kept *Registration) {
	for i, a := range active {
		if a.Status == StatusConfirmed && kept == nil {
			kept = &active[i]
			continue
		}
		drop = append(drop, a)
	}
	if kept != nil {
		keepID = kept.ID
	}
	return drop, keepID, kept
}

// position is a waitlisted registration's place in its role's queue (1 =
// next to be promoted); 0 for any other status. It counts those ahead
// through the queue index, so it costs the position, not the campaign.
func position(tx *gorm.DB, reg Registration) (int, error) {
	if reg.Status != StatusWaitlisted {
		return 0, nil
	}
	var ahead int64
	err := tx.Raw(qPosition, reg.RoleID, reg.WaitSeq).Scan(&ahead).Error
	return int(ahead), err
}

func loadReg(tx *gorm.DB, id uint) (Registration, error) {
	var reg Registration
	err := tx.Preload("Role").Preload("Volunteer").Preload("Group.Organization").First(&reg, id).Error
	return reg, notFound(err, fmt.Sprintf("registration %d", id))
}
