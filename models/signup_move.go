package models

import (
	"context"
	"errors"
	"fmt"
)

// Moving a registration to another group (改到本群). A repeat sign-up from
// another group changes nothing (signup_ownership.go); a member who means to move
// says so, from the group they move to. The registration keeps its role,
// its status and its place in the queue: only the group, and so the
// organization credited with it, changes.

// ReasonRegrouped is the history reason of a registration moved to another
// group: its status is unchanged, its group (the event's) is the new one,
// so every count by organization follows it from that moment.
const ReasonRegrouped = "regrouped"

// AuditRegroup is the audit action of a registration moved to another
// group, by its owner in the chat or on the personal page.
const AuditRegroup = "registration.regroup"

// ErrAlreadyHere refuses a move to the group the registration is filed in.
var ErrAlreadyHere = errors.New("registration already filed in this group")

// OrgCapError refuses a move that would put a confirmed place in an
// organization holding its share of the role already; nothing changed.
type OrgCapError struct{ Role Role }

func (e *OrgCapError) Error() string {
	return fmt.Sprintf("role %s: the organization holds its %d places", e.Role.Code, e.Role.OrgCap)
}

// MoveResult says what a move did.
type MoveResult struct {
	// Moved are the registrations now filed in the new group, with Role,
	// Volunteer and Group (with Organization) loaded.
	Moved []Registration
	// From names where they were filed before (Registration.Place).
	From string
	// Promoted are the people an organization's cap freed room for.
	Promoted []Registration
}

// MoveHere moves a person's active registrations in campaign (0: every open
// campaign) to the asking group, for the chat's 改到本群: by the phone
// given, else those the sender made. Only the sender who made them may
// move them; anyone else gets a NotOwnerError and nothing changes.
func (s *Store) MoveHere(ctx context.Context, campaignID uint, who Who) (MoveResult, error) {
	return retried(ctx, s, func() (MoveResult, error) { return s.moveHereTxn(ctx, campaignID, who) })
}

// moveHereTxn is one try of MoveHere, run again by retried if PostgreSQL
// gave it up as a deadlock with another process's change.
func (s *Store) moveHereTxn(ctx context.Context, campaignID uint, who Who) (MoveResult, error) {
	var out MoveResult
	err := s.inTxn(ctx, func(t *txn) error {
		regs, err := findMovable(t, campaignID, who)
		if err != nil {
			return err
		}
		for _, r := range regs {
			if r.Sender != who.Sender || Nobody(who.Sender) || r.Sender == WebSender {
				reg, err := loadReg(t.DB, r.ID)
				if err != nil {
					return err
				}
				return &NotOwnerError{Reg: reg}
			}
		}
		g, err := t.group(who.GroupName)
		if err != nil {
			return err
		}
		out, err = regroup(t, regs, g, who.Sender)
		return err
	})
	return out, err
}

// findMovable finds the person's active registrations in open campaigns,
// in any group: by phone, or those the sender made (one person only).
func findMovable(t *txn, campaignID uint, who Who) ([]Registration, error) {
	return onePerson(activeBy(t.DB, campaignID, who, false))
}

// regroup files regs (one person's active registrations) under group g,
// keeping role, status and queue place: refused when all are there
// already, or when a confirmed place would exceed the new organization's
// cap. Caps freed in the old organization promote whoever waited for them.
func regroup(t *txn, regs []Registration, g Group, actor string) (MoveResult, error) {
	var out MoveResult
	var moving []Registration
	for _, r := range regs {
		if r.GroupID != g.ID {
			moving = append(moving, r)
		}
	}
	if len(moving) == 0 {
		return out, ErrAlreadyHere
	}
	from, err := loadReg(t.DB, moving[0].ID)
	if err != nil {
		return out, err
	}
	out.From = from.Place()
	// The caps are counted holding the roles' counters, as a sign-up
	// counts them: on PostgreSQL two moves (or a move and a sign-up) in
	// different processes otherwise both saw 4 of 5 places taken and both
	// came in (TestMovesKeepCapsAcrossStores).
	if err := t.lockCounters(moving); err != nil {
		return out, err
	}
	roles := map[uint]Role{}
	for _, r := range moving {
		role, err := t.roleByID(r.RoleID)
		if err != nil {
			return out, err
		}
		roles[role.ID] = role
		if err := t.fitsOrgCap(r, role, g); err != nil {
			return out, err
		}
		if err := t.moveReg(r, g); err != nil {
			return out, err
		}
	}
	for _, role := range roles {
		if role.OrgCap == 0 {
			continue // no cap: nobody waits for an organization's share
		}
		promoted, err := promote(t, role)
		if err != nil {
			return out, err
		}
		out.Promoted = append(out.Promoted, promoted...)
	}
	for _, r := range moving {
		reg, err := loadReg(t.DB, r.ID)
		if err != nil {
			return out, err
		}
		out.Moved = append(out.Moved, reg)
	}
	m := out.Moved[0]
	return out, writeAudit(t.DB, actor, AuditRegroup, fmt.Sprintf("倡议 %d %s %s：%s → %s",
		m.CampaignID, m.Volunteer.MaskedName(), m.Role.Name, out.From, m.Place()))
}

func (t *txn) roleByID(id uint) (Role, error) {
	var role Role
	err := t.First(&role, id).Error
	return role, notFound(err, fmt.Sprintf("role %d", id))
}

// fitsOrgCap refuses to bring a confirmed place into an organization that
// holds its share of the role; a waitlisted one may come (it waits).
func (t *txn) fitsOrgCap(r Registration, role Role, g Group) error {
	if r.Status != StatusConfirmed || role.OrgCap == 0 {
		return nil
	}
	var inOrg int
	if err := t.scan(qOrgConfirmed, []any{g.OrganizationID, role.ID}, &inOrg); err != nil {
		return err
	}
	if inOrg >= role.OrgCap {
		return &OrgCapError{Role: role}
	}
	return nil
}

const qRegroup = `UPDATE registrations SET group_id = ?, updated_at = ? WHERE id = ?`

// moveReg files r under g, with its history event, and makes g the
// volunteer's last-seen group (a person without a phone is found by name
// in that group).
func (t *txn) moveReg(r Registration, g Group) error {
	now := t.NowFunc()
	if err := t.Exec(qRegroup, g.ID, now, r.ID).Error; err != nil {
		return fmt.Errorf("move registration %d: %w", r.ID, err)
	}
	if err := t.Exec(`UPDATE volunteers SET group_name = ?, updated_at = ? WHERE id = ?`, g.Name, now, r.VolunteerID).Error; err != nil {
		return fmt.Errorf("move volunteer %d: %w", r.VolunteerID, err)
	}
	r.GroupID = g.ID
	return t.event(r, r.Status, ReasonRegrouped)
}
