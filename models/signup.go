package models

import (
	"context"
	"errors"
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
}

// SignUp registers a person, confirming them while the role has places and
// waitlisting them after. The whole decision runs in one immediate
// transaction, so concurrent sign-ups can never overfill a role.
func (s *Store) SignUp(ctx context.Context, r SignUpRequest) (SignUpResult, error) {
	var out SignUpResult
	err := s.tx(ctx, func(tx *gorm.DB) (err error) {
		out, err = signUpTx(tx, r)
		return err
	})
	return out, err
}

// signUpTx is one sign-up inside a transaction: SignUp's, or one line of a
// 接龙 list applied all-or-nothing (chain.go).
func signUpTx(tx *gorm.DB, r SignUpRequest) (SignUpResult, error) {
	camp, role, err := openRole(tx, r.CampaignID, r.RoleCode)
	if err != nil {
		return SignUpResult{}, err
	}
	if !camp.Accepts(tx.NowFunc()) {
		return SignUpResult{}, ErrCampaignShut
	}
	if role.PhoneRequired && r.Phone == "" {
		return SignUpResult{}, ErrPhoneRequired
	}
	group, err := ensureGroupID(tx, r.GroupName)
	if err != nil {
		return SignUpResult{}, err
	}
	vol, err := upsertVolunteer(tx, r)
	if err != nil {
		return SignUpResult{}, err
	}
	return place(tx, camp, role, vol, group, r)
}

func openRole(tx *gorm.DB, campaignID uint, code string) (Campaign, Role, error) {
	var c Campaign
	if err := tx.First(&c, campaignID).Error; err != nil {
		return c, Role{}, notFound(err, fmt.Sprintf("campaign %d", campaignID))
	}
	var role Role
	err := tx.Where("campaign_id = ? AND code = ?", campaignID, code).First(&role).Error
	return c, role, notFound(err, fmt.Sprintf("role %s", code))
}

// upsertVolunteer finds the person by phone (or, without one, by name in the
// group) and refreshes where they were last seen. A phone already held under
// another name is refused rather than renaming its owner: a mistyped phone
// must not rewrite someone else's registration.
func upsertVolunteer(tx *gorm.DB, r SignUpRequest) (Volunteer, error) {
	var v Volunteer
	name := firstOf(r.Name, r.DefaultName)
	q := tx.Where("phone = ?", r.Phone)
	if r.Phone == "" {
		q = tx.Where("phone = '' AND name = ? AND group_name = ?", name, r.GroupName)
	}
	err := q.Order("id").First(&v).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		v.Name = name
	case err != nil:
		return v, err
	case r.Name != "" && v.Name != r.Name:
		return v, ErrPhoneOwned
	}
	v.Phone, v.Nickname, v.GroupName = r.Phone, r.Sender, r.GroupName
	return v, tx.Save(&v).Error
}

// place decides the new registration: unchanged, confirmed, or waitlisted,
// moving the person out of another role of the campaign where needed.
func place(tx *gorm.DB, camp Campaign, role Role, vol Volunteer, g Group, r SignUpRequest) (SignUpResult, error) {
	var out SignUpResult
	var known []Registration
	if err := tx.Preload("Role").Where("campaign_id = ? AND volunteer_id = ?", camp.ID, vol.ID).
		Order("id").Find(&known).Error; err != nil {
		return out, err
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
	room, orgFull, confirmed, err := hasRoomCount(tx, role, g.OrganizationID)
	if err != nil {
		return out, err
	}
	out.Left = max(role.Quota-confirmed, 0)
	for _, a := range active {
		if a.RoleID == role.ID {
			// The person signing up again takes the registration over, so
			// someone put on a 接龙 by another member can then 打卡, 查询 and
			// 取消 themselves.
			if err := tx.Model(&Registration{}).Where("id = ?", a.ID).
				Updates(map[string]any{"sender": r.Sender, "group_id": g.ID}).Error; err != nil {
				return out, err
			}
			a.Role, a.Volunteer, a.Group, a.Sender, a.GroupID = role, vol, g, r.Sender, g.ID
			pos, err := position(tx, a)
			return SignUpResult{Reg: a, Position: pos, Already: true, Left: out.Left}, err
		}
	}
	reg := Registration{CampaignID: camp.ID, RoleID: role.ID, VolunteerID: vol.ID, GroupID: g.ID,
		Sender: r.Sender, SourceMsgID: r.MsgID, Remark: r.Remark}
	if room {
		now := tx.NowFunc()
		reg.Status, reg.ConfirmedAt = StatusConfirmed, &now
		out.Moved, out.Left = active, max(out.Left-1, 0)
	} else {
		if reg.WaitSeq, err = nextWaitSeq(tx, camp.ID); err != nil {
			return out, err
		}
		reg.Status, out.OrgFull = StatusWaitlisted, orgFull
		out.Moved, reg.SwitchFrom, out.Kept = splitKept(active)
	}
	if err := tx.Create(&reg).Error; err != nil {
		return out, fmt.Errorf("create registration: %w", err)
	}
	if err := appendEvent(tx, reg, reg.Status, newReason(reg.Status, r.OnlyNew)); err != nil {
		return out, err
	}
	for _, m := range out.Moved {
		promoted, err := cancelReg(tx, m, ReasonMoved)
		if err != nil {
			return out, err
		}
		out.Promoted = append(out.Promoted, promoted...)
	}
	reg.Role, reg.Volunteer, reg.Group = role, vol, g
	out.Reg = reg
	out.Position, err = position(tx, reg)
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

// hasRoom reports whether role has a free place, overall and for the
// organization (when the role caps organizations).
func hasRoom(tx *gorm.DB, role Role, orgID uint) (room, orgFull bool, err error) {
	room, orgFull, _, err = hasRoomCount(tx, role, orgID)
	return room, orgFull, err
}

// hasRoomCount is hasRoom that also returns how many hold the role.
func hasRoomCount(tx *gorm.DB, role Role, orgID uint) (room, orgFull bool, confirmed int, err error) {
	var n int64
	if err := tx.Model(&Registration{}).Where("role_id = ? AND status = ?", role.ID, StatusConfirmed).
		Count(&n).Error; err != nil {
		return false, false, 0, err
	}
	confirmed = int(n)
	if confirmed >= role.Quota {
		return false, false, confirmed, nil
	}
	if role.OrgCap == 0 {
		return true, false, confirmed, nil
	}
	var inOrg int64
	err = tx.Model(&Registration{}).Joins("JOIN groups ON groups.id = registrations.group_id").
		Where("registrations.role_id = ? AND registrations.status = ? AND groups.organization_id = ?", role.ID, StatusConfirmed, orgID).
		Count(&inOrg).Error
	return int(inOrg) < role.OrgCap, int(inOrg) >= role.OrgCap, confirmed, err
}

func nextWaitSeq(tx *gorm.DB, campaignID uint) (int64, error) {
	var max int64
	err := tx.Model(&Registration{}).Where("campaign_id = ?", campaignID).
		Select("COALESCE(MAX(wait_seq), 0)").Scan(&max).Error
	return max + 1, err
}

// position is a waitlisted registration's place in its role's queue (1 =
// next to be promoted); 0 for any other status.
func position(tx *gorm.DB, reg Registration) (int, error) {
	if reg.Status != StatusWaitlisted {
		return 0, nil
	}
	var ahead int64
	err := tx.Model(&Registration{}).Where("role_id = ? AND status = ? AND wait_seq <= ?", reg.RoleID, StatusWaitlisted, reg.WaitSeq).
		Count(&ahead).Error
	return int(ahead), err
}

func loadReg(tx *gorm.DB, id uint) (Registration, error) {
	var reg Registration
	err := tx.Preload("Role").Preload("Volunteer").Preload("Group.Organization").First(&reg, id).Error
	return reg, notFound(err, fmt.Sprintf("registration %d", id))
}
