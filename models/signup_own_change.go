package models

import (
	"context"
	"errors"
	"fmt"
)

// The owner's personal page changes their registration's role and
// organization: its secret link is the proof of ownership, as for its
// cancel button. It goes through the same steps as the chat — a role
// change is the owner's sign-up for another role (newReg: quotas, caps,
// a waitlisted switch keeping the old place, the freed place promoting
// the next in line), an organization change is 改到本群 to that
// organization's first group (regroup) — so every view counts it alike.

// AuditOwnChange is the audit action of an owner changing their
// registration on the personal page.
const AuditOwnChange = "registration.own_change"

// ErrNotActive refuses a change of a registration that is cancelled.
var ErrNotActive = errors.New("registration is not active")

// OwnChange is what the owner asks for: a role (code) and an
// organization (id); either may be the registration's own (no change).
type OwnChange struct {
	RoleCode string
	OrgID    uint
}

// OwnChangeResult says what a change did.
type OwnChangeResult struct {
	// Reg is the person's registration after the change (a new one when
	// the role changed), with Role, Volunteer and Group loaded.
	Reg      Registration
	Position int
	Changed  bool
	Promoted []Registration
}

// ChangeOwn applies the owner's change to registration regID: the new
// role is signed up for from the chosen organization's first group (so its
// share is counted where it will be), then whatever the person keeps (a
// place kept while a switch waits, or the registration itself when only
// the organization changes) moves there. All or nothing: a refusal
// (ErrNotActive, ErrCampaignShut, *OrgCapError, ErrNotFound for an
// organization with no group) changes nothing.
func (s *Store) ChangeOwn(ctx context.Context, regID uint, ch OwnChange) (OwnChangeResult, error) {
	return retried(ctx, s, func() (OwnChangeResult, error) { return s.changeOwnTxn(ctx, regID, ch) })
}

// changeOwnTxn is one try of ChangeOwn: a role change locks two roles'
// counters, so on PostgreSQL it can meet another process's change in the
// opposite order and be given up as a deadlock (retried runs it again).
func (s *Store) changeOwnTxn(ctx context.Context, regID uint, ch OwnChange) (OwnChangeResult, error) {
	var out OwnChangeResult
	err := s.inTxn(ctx, func(t *txn) error {
		reg, err := loadReg(t.DB, regID)
		if err != nil {
			return err
		}
		if reg.Status == StatusCancelled {
			return ErrNotActive
		}
		if !reg.campaignAccepts(t.DB) {
			return ErrCampaignShut
		}
		from := reg.Place() + " " + reg.Role.Name
		g, err := orgGroup(t, reg, ch.OrgID)
		if err != nil {
			return err
		}
		if reg, err = changeRole(t, reg, ch.RoleCode, g, &out); err != nil {
			return err
		}
		if err := changeOrg(t, reg, g, &out); err != nil {
			return err
		}
		if out.Reg, err = loadReg(t.DB, reg.ID); err != nil {
			return err
		}
		if out.Position, err = position(t.DB, out.Reg); err != nil || !out.Changed {
			return err
		}
		return writeAudit(t.DB, ActorPersonalPage, AuditOwnChange, fmt.Sprintf("倡议 %d %s：%s → %s %s",
			reg.CampaignID, out.Reg.Volunteer.MaskedName(), from, out.Reg.Place(), out.Reg.Role.Name))
	})
	return out, err
}

// ActorPersonalPage is the audit actor of a change made on a personal
// page: the owner, proven by the link, unnamed.
const ActorPersonalPage = "personal-page"

// orgGroup is the group a change files under: the registration's own, or
// the first group of organization orgID when that is another.
func orgGroup(t *txn, reg Registration, orgID uint) (Group, error) {
	if orgID == 0 || orgID == reg.Group.OrganizationID {
		return reg.Group, nil
	}
	var g Group
	err := t.Where("organization_id = ?", orgID).Order("id").First(&g).Error
	return g, notFound(err, fmt.Sprintf("group of organization %d", orgID))
}

// activeOf lists the person's live registrations in the campaign.
func activeOf(t *txn, reg Registration) ([]Registration, error) {
	var regs []Registration
	err := t.Where("campaign_id = ? AND volunteer_id = ? AND status <> ?", reg.CampaignID, reg.VolunteerID, StatusCancelled).
		Order("id").Find(&regs).Error
	return regs, err
}

// changeOrg files the person's live registrations not yet in g under g.
func changeOrg(t *txn, reg Registration, g Group, out *OwnChangeResult) error {
	regs, err := activeOf(t, reg)
	if err != nil {
		return err
	}
	res, err := regroup(t, regs, g, ActorPersonalPage)
	if errors.Is(err, ErrAlreadyHere) {
		return nil
	}
	if err != nil {
		return err
	}
	out.Changed, out.Promoted = true, append(out.Promoted, res.Promoted...)
	return nil
}

// changeRole signs the owner up for role code from group g, as their own
// repeat sign-up for another role would.
func changeRole(t *txn, reg Registration, code string, g Group, out *OwnChangeResult) (Registration, error) {
	if code == "" || code == reg.Role.Code {
		return reg, nil
	}
	_, role, err := t.openRole(reg.CampaignID, code)
	if err != nil {
		return reg, err
	}
	active, err := activeOf(t, reg)
	if err != nil {
		return reg, err
	}
	for _, a := range active {
		if a.RoleID == role.ID {
			return a, nil // already waiting for it (a switch): nothing more
		}
	}
	res, err := newReg(t, role, reg.Volunteer, g, SignUpRequest{CampaignID: reg.CampaignID, RoleCode: code,
		Sender: reg.Sender, MsgID: reg.SourceMsgID, Remark: reg.Remark}, active)
	if err != nil {
		return reg, err
	}
	out.Changed, out.Promoted = true, append(out.Promoted, res.Promoted...)
	return res.Reg, nil
}

// Current follows a registration replaced by its owner's role change (a
// personal link, once issued, keeps showing the person's real state): the
// person's latest active registration in the campaign when regID was
// given up for another role; regID itself otherwise.
func (s *Store) Current(ctx context.Context, regID uint) (uint, error) {
	db := s.db.WithContext(ctx)
	var reg Registration
	if err := db.Select("id", "campaign_id", "volunteer_id", "status").First(&reg, regID).Error; err != nil {
		return 0, notFound(err, fmt.Sprintf("registration %d", regID))
	}
	if reg.Status != StatusCancelled {
		return regID, nil
	}
	var last RegistrationEvent
	if err := db.Where("registration_id = ?", regID).Order("at DESC, id DESC").First(&last).Error; err != nil || last.Reason != ReasonMoved {
		return regID, nil
	}
	var next Registration
	err := db.Select("id").Where("campaign_id = ? AND volunteer_id = ? AND status <> ? AND id > ?",
		reg.CampaignID, reg.VolunteerID, StatusCancelled, regID).Order("id DESC").First(&next).Error
	if err != nil {
		return regID, nil
	}
	return next.ID, nil
}
