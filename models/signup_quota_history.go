package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// QuotaChange records one change of a role's quota (递补 taking more than
// the quota). A past day's tally must show the quota as it stood that
// day, not today's: without the history, a 递补 today would rewrite
// every earlier day's 名额 and its 剩余. The quota at a moment is the From
// of the first change after it, or the role's current quota when there
// was none — so a campaign that never changed needs no rows at all.
type QuotaChange struct {
	ID     uint      `gorm:"primaryKey"`
	RoleID uint      `gorm:"not null;index:idx_quota_change,priority:1"`
	From   int       `gorm:"not null"`
	To     int       `gorm:"not null"`
	At     time.Time `gorm:"not null;index:idx_quota_change,priority:2"`
}

// recordQuota writes that role's quota went from → to now, inside the
// transaction that changed it. A change to the same figure is not one.
func recordQuota(tx *txn, roleID uint, from, to int, at time.Time) error {
	if from == to {
		return nil
	}
	c := QuotaChange{RoleID: roleID, From: from, To: to, At: at.UTC()}
	if err := tx.Create(&c).Error; err != nil {
		return fmt.Errorf("record quota of role %d: %w", roleID, err)
	}
	return nil
}

// QuotasAt returns each role of the campaign with the quota it had at
// at. A change made exactly at at is not yet counted: a 递补 at midnight
// belongs to the day it starts, not to the day before.
func (s *Store) QuotasAt(ctx context.Context, campaignID uint, at time.Time) (map[uint]int, error) {
	var roles []Role
	db := s.reads(ctx)
	if err := db.Where("campaign_id = ?", campaignID).Find(&roles).Error; err != nil {
		return nil, fmt.Errorf("roles of campaign %d: %w", campaignID, err)
	}
	out := make(map[uint]int, len(roles))
	for _, r := range roles {
		q, err := quotaAt(db, r, at)
		if err != nil {
			return nil, err
		}
		out[r.ID] = q
	}
	return out, nil
}

// quotaAt is one role's quota at a moment: the From of its first change
// at or after it, else the current quota.
func quotaAt(db *gorm.DB, r Role, at time.Time) (int, error) {
	var first []QuotaChange
	err := db.Where("role_id = ? AND at >= ?", r.ID, at.UTC()).Order("at, id").Limit(1).Find(&first).Error
	if err != nil {
		return 0, fmt.Errorf("quota history of role %d: %w", r.ID, err)
	}
	if len(first) == 0 {
		return r.Quota, nil
	}
	return first[0].From, nil
}
