package models

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// KindRoster is an outbox kind: a full roster (名单 N 完整) sent to an
// admin's private chat. Like broadcasts it skips the outbox's phone
// masking, and only for private chats: phones there are the point, and the
// request is in the audit log.
const KindRoster = "roster"

// AdminPending is an initiative an admin drafted in a private chat and has
// not confirmed yet. It lives in the database, not in memory, so a restart
// between 发布倡议 and 确认 neither loses it nor lets it be confirmed twice.
// One per admin: a new draft replaces the old.
type AdminPending struct {
	ID      uint   `gorm:"primaryKey"`
	Admin   string `gorm:"uniqueIndex;not null"` // the admin's 备注
	Title   string `gorm:"not null"`
	Body    string
	Targets string // the target expression, "all" by default
	Image   string // local path of an attached image
	File    string // local path of an attached file
	// CampaignID is set, in the transaction that creates the campaign, by
	// the first 确认: a 确认 repeated after a crash resumes queueing it
	// instead of creating a second campaign.
	CampaignID  uint
	CreatedAt   time.Time
	AttachUntil time.Time // an image or file sent before this is attached
	ExpiresAt   time.Time // 确认 after this is refused
}

// SavePending stores an admin's draft, replacing any earlier one.
func (s *Store) SavePending(ctx context.Context, p AdminPending) (AdminPending, error) {
	p.ID = 0
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("admin = ?", p.Admin).Delete(&AdminPending{}).Error; err != nil {
			return err
		}
		return tx.Create(&p).Error
	})
	return p, err
}

// Pending returns the admin's draft, or ErrNotFound when there is none or
// it expired at now (an expired draft stays until replaced or dropped, but
// is never confirmed).
func (s *Store) Pending(ctx context.Context, admin string, now time.Time) (AdminPending, error) {
	return livePending(s.db.WithContext(ctx), admin, now)
}

func livePending(tx *gorm.DB, admin string, now time.Time) (AdminPending, error) {
	var p AdminPending
	err := tx.Where("admin = ?", admin).First(&p).Error
	if err != nil {
		return p, notFound(err, "pending initiative")
	}
	if !now.Before(p.ExpiresAt) {
		return p, fmt.Errorf("pending initiative expired: %w", ErrNotFound)
	}
	return p, nil
}

// AttachToPending attaches an image ("image") or a file ("file") to the
// admin's draft if it is still open for attachments at now. It returns
// ErrNotFound when there is no draft taking attachments.
func (s *Store) AttachToPending(ctx context.Context, admin, media, path string, now time.Time) (AdminPending, error) {
	var p AdminPending
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var err error
		if p, err = livePending(tx, admin, now); err != nil {
			return err
		}
		if p.CampaignID != 0 || !now.Before(p.AttachUntil) {
			return fmt.Errorf("pending initiative takes no attachment now: %w", ErrNotFound)
		}
		col := map[string]string{"image": "image", "file": "file"}[media]
		if col == "" {
			return fmt.Errorf("attach %q: unknown media", media)
		}
		if col == "image" {
			p.Image = path
		} else {
			p.File = path
		}
		return tx.Model(&AdminPending{}).Where("id = ?", p.ID).Update(col, path).Error
	})
	return p, err
}

// ConfirmPending turns the admin's draft into a campaign, once: the first
// call creates the campaign that build describes and records it on the
// draft in the same transaction; a later call (a 确认 repeated after a
// crash mid-queueing) returns that same campaign. ErrNotFound: no live
// draft.
func (s *Store) ConfirmPending(ctx context.Context, admin string, now time.Time, build func(AdminPending) NewCampaign) (AdminPending, Campaign, error) {
	var p AdminPending
	var c Campaign
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var err error
		if p, err = livePending(tx, admin, now); err != nil {
			return err
		}
		c, err = campaignOnce(tx, &AdminPending{}, p.ID, p.CampaignID, func() NewCampaign { return build(p) })
		p.CampaignID = c.ID
		return err
	})
	return p, c, err
}

// DropPending removes the admin's draft (取消, or done after queueing). It
// reports whether there was one.
func (s *Store) DropPending(ctx context.Context, admin string) (bool, error) {
	res := s.db.WithContext(ctx).Where("admin = ?", admin).Delete(&AdminPending{})
	if res.Error != nil && !errors.Is(res.Error, gorm.ErrRecordNotFound) {
		return false, res.Error
	}
	return res.RowsAffected > 0, nil
}
