package models

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"gorm.io/gorm"
)

// Who names a person's registrations in a group: by phone when given,
// otherwise by the WeChat name that sent the sign-ups.
type Who struct {
	Phone     string
	GroupName string
	Sender    string
}

// CancelResult says what a cancellation did.
type CancelResult struct {
	Cancelled []Registration
	Promoted  []Registration // with Volunteer, Role and Group loaded
}

// CancelByAdmin cancels the person's active registrations in the campaign
// (0: in every open campaign) whoever made them: for an admin, and for the
// owner's personal page (its secret link is the proof). In the same
// transaction it promotes the first waitlisted person of each role that
// gained a place.
func (s *Store) CancelByAdmin(ctx context.Context, campaignID uint, who Who) (CancelResult, error) {
	return s.cancel(ctx, campaignID, who, false)
}

// CancelAsMember is a member's 取消报名 in a group: as CancelByAdmin, but
// only registrations the sender made (their own, or those they signed up
// with 代报名 or a 接龙) may go; any other is refused with a NotOwnerError
// and nothing changes (signup_ownership.go).
func (s *Store) CancelAsMember(ctx context.Context, campaignID uint, who Who) (CancelResult, error) {
	return s.cancel(ctx, campaignID, who, true)
}

// cancel runs cancelTxn, again after a deadlock (retried).
func (s *Store) cancel(ctx context.Context, campaignID uint, who Who, owned bool) (CancelResult, error) {
	return retried(ctx, s, func() (CancelResult, error) { return s.cancelTxn(ctx, campaignID, who, owned) })
}

func (s *Store) cancelTxn(ctx context.Context, campaignID uint, who Who, owned bool) (CancelResult, error) {
	var out CancelResult
	err := s.inTxn(ctx, func(t *txn) error {
		regs, err := findActive(t.DB, campaignID, who)
		if err != nil {
			return err
		}
		if owned {
			if err := checkOwned(t.DB, regs, who.Sender); err != nil {
				return err
			}
		}
		if err := t.lockCounters(regs); err != nil {
			return err
		}
		var promoted []Registration
		for _, r := range waitingFirst(regs) {
			if !r.campaignAccepts(t.DB) {
				continue // a past campaign does not block leaving a live one
			}
			more, err := cancelReg(t, r, ReasonCancelled)
			if err != nil {
				return err
			}
			promoted = append(promoted, more...)
			if r, err = loadReg(t.DB, r.ID); err != nil {
				return err
			}
			out.Cancelled = append(out.Cancelled, r)
		}
		if len(out.Cancelled) == 0 {
			return ErrCampaignShut
		}
		// Someone promoted in a chain and then cancelled here is not news.
		for _, p := range promoted {
			if p.VolunteerID != out.Cancelled[0].VolunteerID {
				out.Promoted = append(out.Promoted, p)
			}
		}
		return nil
	})
	return out, err
}

// waitingFirst orders a person's registrations for cancelling: the
// waiting ones first. Cancelling a confirmed place first could promote
// the person's own waiting switch in the chain of promotions it starts,
// only for it to be cancelled next — a confirmation and a second place
// given up that never were, in the day's tally.
func waitingFirst(regs []Registration) []Registration {
	out := slices.Clone(regs)
	slices.SortStableFunc(out, func(a, b Registration) int {
		return cmp.Compare(waitRank(a.Status), waitRank(b.Status))
	})
	return out
}

func waitRank(status string) int {
	if status == StatusWaitlisted {
		return 0
	}
	return 1
}

// checkOwned refuses when any of regs was made by someone other than sender.
func checkOwned(tx *gorm.DB, regs []Registration, sender string) error {
	for _, r := range regs {
		if ownedBy(r, r.GroupID, sender) {
			continue
		}
		reg, err := loadReg(tx, r.ID)
		if err != nil {
			return err
		}
		return &NotOwnerError{Reg: reg}
	}
	return nil
}

func (r Registration) campaignAccepts(tx *gorm.DB) bool {
	var c Campaign
	return tx.First(&c, r.CampaignID).Error == nil && c.Accepts(tx.NowFunc())
}

// findActive finds the person's active registrations. By sender, it refuses
// to guess when the sender signed up more than one person (a team leader
// signing up members): the caller asks for a phone number.
func findActive(tx *gorm.DB, campaignID uint, who Who) ([]Registration, error) {
	return onePerson(findAllActive(tx, campaignID, who))
}

// onePerson passes on regs when they are all one person's, and refuses
// with ErrAmbiguous otherwise (a team leader's sign-ups, found by sender).
func onePerson(regs []Registration, err error) ([]Registration, error) {
	if err != nil {
		return nil, err
	}
	for _, r := range regs[1:] {
		if r.VolunteerID != regs[0].VolunteerID {
			return nil, ErrAmbiguous
		}
	}
	return regs, nil
}

// findAllActive finds every active registration the phone or the sender
// names, whoever they are for.
func findAllActive(tx *gorm.DB, campaignID uint, who Who) ([]Registration, error) {
	return activeBy(tx, campaignID, who, true)
}

// activeBy finds the active registrations the phone or the sender names
// in open campaigns: within the asking group when inGroup (a phone typed
// in another group must not reveal or cancel anyone), else in any group
// (改到本群, which then checks who made them).
func activeBy(tx *gorm.DB, campaignID uint, who Who, inGroup bool) ([]Registration, error) {
	q := tx.Model(&Registration{}).Joins("JOIN campaigns ON campaigns.id = registrations.campaign_id").
		Where("registrations.status <> ? AND campaigns.status = ?", StatusCancelled, CampaignOpen)
	if campaignID != 0 {
		q = q.Where("registrations.campaign_id = ?", campaignID)
	}
	if inGroup {
		q = q.Joins("JOIN groups ON groups.id = registrations.group_id").Where("groups.name = ?", who.GroupName)
	}
	if who.Phone == "" && Nobody(who.Sender) {
		return nil, ErrNobody // a blank name is nobody's: never matched
	}
	if who.Phone != "" {
		q = q.Joins("JOIN volunteers ON volunteers.id = registrations.volunteer_id").Where("volunteers.phone = ?", who.Phone)
	} else {
		q = q.Where("registrations.sender = ?", who.Sender)
	}
	var regs []Registration
	if err := q.Order("registrations.id").Find(&regs).Error; err != nil {
		return nil, err
	}
	if len(regs) == 0 {
		return nil, fmt.Errorf("registration: %w", ErrNotFound)
	}
	return regs, nil
}

const (
	qCancelReg  = `UPDATE registrations SET status = 'cancelled', cancelled_at = ?, updated_at = ? WHERE id = ?`
	qPromoteReg = `UPDATE registrations SET status = 'confirmed', confirmed_at = ?, switch_from = 0, updated_at = ?
		WHERE id = ?`
	// qUnswitch: waitlisted switches that counted on a cancelled place
	// (the partial index on switch_from needs the <> 0 term).
	qUnswitch = `UPDATE registrations SET switch_from = 0
		WHERE switch_from = ? AND switch_from <> 0 AND status = 'waitlisted'`
	// qWaiting pages through a role's queue, with what promotion needs.
	qWaiting = `SELECT r.id, r.wait_seq, r.switch_from, COALESCE(g.organization_id, 0)
		FROM registrations r LEFT JOIN groups g ON g.id = r.group_id
		WHERE r.role_id = ? AND r.status = 'waitlisted' AND r.wait_seq > ? ORDER BY r.wait_seq LIMIT ?`
)

// cancelReg cancels one registration and fills the place it frees; reason
// (ReasonCancelled or ReasonMoved) goes into its history.
//
// The status is read again here: earlier promotions in the same transaction
// (a chain of switches) may have changed it since the caller loaded r. It
// is read holding the role's counter, the lock every sign-up and promotion
// takes before it changes a registration of the role: on PostgreSQL a
// cancellation that wrote the row first and then waited for the counter
// deadlocked with a promotion of that very person, or, a moment later,
// read "waitlisted" while that promotion committed and cancelled a place
// as a wait — the place never given on (TestOrgCapsAcrossProcesses).
func cancelReg(t *txn, r Registration, reason string) ([]Registration, error) {
	if _, err := t.counter(r.RoleID); err != nil {
		return nil, err
	}
	now := t.NowFunc()
	var cur Registration
	if err := t.Select("id", "status").First(&cur, r.ID).Error; err != nil {
		return nil, fmt.Errorf("reload registration %d: %w", r.ID, err)
	}
	if cur.Status == StatusCancelled {
		return nil, nil
	}
	if _, err := t.exec(qCancelReg, now, now, r.ID); err != nil {
		return nil, fmt.Errorf("cancel registration %d: %w", r.ID, err)
	}
	if err := t.bump(r.RoleID, cur.Status, StatusCancelled, 0); err != nil {
		return nil, err
	}
	if err := t.event(r, StatusCancelled, reason); err != nil {
		return nil, err
	}
	// A waitlisted switch that counted on this place keeps waiting, as a
	// plain sign-up.
	if err := t.Exec(qUnswitch, r.ID).Error; err != nil {
		return nil, err
	}
	if cur.Status != StatusConfirmed {
		return nil, nil
	}
	var role Role
	if err := t.First(&role, r.RoleID).Error; err != nil {
		return nil, err
	}
	return promote(t, role)
}

// promote confirms waitlisted people, in order, while the role has room,
// skipping those whose organization is at its cap. A promoted switch gives
// up its old place, which may promote someone in that role in turn.
func promote(t *txn, role Role) ([]Registration, error) {
	var promoted []Registration
	for {
		next, ok, err := nextEligible(t, role)
		if err != nil || !ok {
			return promoted, err
		}
		now := t.NowFunc()
		if _, err := t.exec(qPromoteReg, now, now, next.id); err != nil {
			return promoted, err
		}
		if err := t.bump(role.ID, StatusWaitlisted, StatusConfirmed, 0); err != nil {
			return promoted, err
		}
		reg, err := loadReg(t.DB, next.id)
		if err != nil {
			return promoted, err
		}
		if err := t.event(reg, StatusConfirmed, ReasonPromoted); err != nil {
			return promoted, err
		}
		promoted = append(promoted, reg)
		if next.switchFrom != 0 {
			var old Registration
			if err := t.First(&old, next.switchFrom).Error; err == nil && old.Status != StatusCancelled {
				more, err := cancelReg(t, old, ReasonMoved)
				if err != nil {
					return promoted, err
				}
				promoted = append(promoted, more...)
			}
		}
	}
}

// waiting is one place in a queue, as promotion sees it.
type waiting struct {
	id         uint
	seq        int64
	switchFrom uint
	orgID      uint
}

// waitPage is how many queued registrations nextEligible reads at a time:
// with no organization cap the first is the one; with a cap, a page is
// read only past those whose organization is full.
const waitPage = 32

// nextEligible finds the first in the role's queue who may take a place.
func nextEligible(t *txn, role Role) (waiting, bool, error) {
	cnt, err := t.counter(role.ID)
	if err != nil || cnt.Confirmed >= role.Quota {
		return waiting{}, false, err
	}
	after := int64(math.MinInt64)
	for {
		page, err := waitingPage(t, role.ID, after)
		if err != nil {
			return waiting{}, false, err
		}
		for _, w := range page {
			room, _, err := t.room(role, cnt, w.orgID)
			if err != nil || room {
				return w, room, err
			}
		}
		if len(page) < waitPage {
			return waiting{}, false, nil
		}
		after = page[len(page)-1].seq
	}
}

func waitingPage(t *txn, roleID uint, after int64) ([]waiting, error) {
	rows, err := t.query(qWaiting, roleID, after, waitPage)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var page []waiting
	for rows.Next() {
		var w waiting
		if err := rows.Scan(&w.id, &w.seq, &w.switchFrom, &w.orgID); err != nil {
			return nil, err
		}
		page = append(page, w)
	}
	return page, rows.Err()
}
