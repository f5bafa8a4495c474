package models

import (
	"context"
	"fmt"

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

// Cancel cancels the person's active registrations in the campaign (0: in
// every open campaign) and, in the same transaction, promotes the first
// waitlisted person of each role that gained a place.
func (s *Store) Cancel(ctx context.Context, campaignID uint, who Who) (CancelResult, error) {
	var out CancelResult
	err := s.tx(ctx, func(tx *gorm.DB) error {
		regs, err := findActive(tx, campaignID, who)
		if err != nil {
			return err
		}
		var promoted []Registration
		for _, r := range regs {
			if !r.campaignAccepts(tx) {
				continue // a past campaign does not block leaving a live one
			}
			more, err := cancelReg(tx, r, ReasonCancelled)
			if err != nil {
				return err
			}
			promoted = append(promoted, more...)
			if r, err = loadReg(tx, r.ID); err != nil {
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

func (r Registration) campaignAccepts(tx *gorm.DB) bool {
	var c Campaign
	return tx.First(&c, r.CampaignID).Error == nil && c.Accepts(tx.NowFunc())
}

// findActive finds the person's active registrations. By sender, it refuses
// to guess when the sender signed up more than one person (a team leader
// signing up members): the caller asks for a phone number.
func findActive(tx *gorm.DB, campaignID uint, who Who) ([]Registration, error) {
	regs, err := findAllActive(tx, campaignID, who)
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
	q := tx.Model(&Registration{}).Joins("JOIN campaigns ON campaigns.id = registrations.campaign_id").
		Where("registrations.status <> ? AND campaigns.status = ?", StatusCancelled, CampaignOpen)
	if campaignID != 0 {
		q = q.Where("registrations.campaign_id = ?", campaignID)
	}
	// Always within the asking group: a phone number typed in another group
	// must not reveal or cancel anyone.
	q = q.Joins("JOIN groups ON groups.id = registrations.group_id").Where("groups.name = ?", who.GroupName)
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

// cancelReg cancels one registration and fills the place it frees; reason
// (ReasonCancelled or ReasonMoved) goes into its history.
//
// The status is read again here: earlier promotions in the same transaction
// (a chain of switches) may have changed it since the caller loaded r.
func cancelReg(tx *gorm.DB, r Registration, reason string) ([]Registration, error) {
	now := tx.NowFunc()
	var cur Registration
	if err := tx.Select("id", "status").First(&cur, r.ID).Error; err != nil {
		return nil, fmt.Errorf("reload registration %d: %w", r.ID, err)
	}
	if cur.Status == StatusCancelled {
		return nil, nil
	}
	wasConfirmed := cur.Status == StatusConfirmed
	if err := tx.Model(&Registration{}).Where("id = ?", r.ID).
		Updates(map[string]any{"status": StatusCancelled, "cancelled_at": now}).Error; err != nil {
		return nil, fmt.Errorf("cancel registration %d: %w", r.ID, err)
	}
	if err := appendEvent(tx, r, StatusCancelled, reason); err != nil {
		return nil, err
	}
	// A waitlisted switch that counted on this place keeps waiting, as a
	// plain sign-up.
	if err := tx.Model(&Registration{}).Where("switch_from = ? AND status = ?", r.ID, StatusWaitlisted).
		Update("switch_from", 0).Error; err != nil {
		return nil, err
	}
	if !wasConfirmed {
		return nil, nil
	}
	var role Role
	if err := tx.First(&role, r.RoleID).Error; err != nil {
		return nil, err
	}
	return promote(tx, role)
}

// promote confirms waitlisted people, in order, while the role has room,
// skipping those whose organization is at its cap. A promoted switch gives
// up its old place, which may promote someone in that role in turn.
func promote(tx *gorm.DB, role Role) ([]Registration, error) {
	var promoted []Registration
	for {
		next, ok, err := nextEligible(tx, role)
		if err != nil || !ok {
			return promoted, err
		}
		now := tx.NowFunc()
		if err := tx.Model(&Registration{}).Where("id = ?", next.ID).
			Updates(map[string]any{"status": StatusConfirmed, "confirmed_at": now, "switch_from": 0}).Error; err != nil {
			return promoted, err
		}
		if err := appendEvent(tx, next, StatusConfirmed, ReasonPromoted); err != nil {
			return promoted, err
		}
		reg, err := loadReg(tx, next.ID)
		if err != nil {
			return promoted, err
		}
		promoted = append(promoted, reg)
		if next.SwitchFrom != 0 {
			var old Registration
			if err := tx.First(&old, next.SwitchFrom).Error; err == nil && old.Status != StatusCancelled {
				more, err := cancelReg(tx, old, ReasonMoved)
				if err != nil {
					return promoted, err
				}
				promoted = append(promoted, more...)
			}
		}
	}
}

func nextEligible(tx *gorm.DB, role Role) (Registration, bool, error) {
	var waiting []Registration
	if err := tx.Preload("Group").Where("role_id = ? AND status = ?", role.ID, StatusWaitlisted).
		Order("wait_seq").Find(&waiting).Error; err != nil {
		return Registration{}, false, err
	}
	for _, w := range waiting {
		room, _, err := hasRoom(tx, role, w.Group.OrganizationID)
		if err != nil {
			return w, false, err
		}
		if room {
			return w, true, nil
		}
		if role.OrgCap == 0 {
			break // no place at all
		}
	}
	return Registration{}, false, nil
}
