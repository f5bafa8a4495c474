package models

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// ErrDraftConfirmed: the console draft key was already confirmed; its
// content can no longer change (a new preview needs a new key).
var ErrDraftConfirmed = errors.New("console draft already confirmed")

// ConsoleDraft is an initiative previewed in the staff console's 发布倡议
// form, under the random key the form carries. It lives in the database,
// not in the web process, so confirming is idempotent across restarts
// and across processes serving the same database (`mobilize web` beside
// `mobilize run`): the first confirm creates the campaign and records it
// here in the same transaction, and every later post of the same form (a
// double tap, a second tab, a replayed POST) finds that campaign instead
// of creating another. It also keeps what was previewed, so a confirm
// queues exactly what staff saw. Confirmed drafts are kept: they are the
// record that makes a replay harmless.
type ConsoleDraft struct {
	ID       uint   `gorm:"primaryKey"`
	Key      string `gorm:"uniqueIndex;not null"`
	Admin    string `gorm:"not null"` // who previewed it (备注)
	Title    string `gorm:"not null"`
	Body     string
	Targets  string
	Roles    string // the role codes ticked, comma-separated
	Deadline *time.Time
	// CampaignID is set by the first confirm, in the transaction that
	// creates the campaign.
	CampaignID uint
	CreatedAt  time.Time
	ExpiresAt  time.Time // an unconfirmed draft confirmed after this is refused
}

// SaveConsoleDraft stores a previewed draft under its key, replacing an
// earlier unconfirmed preview of the same form. A confirmed key is never
// overwritten: it returns the stored draft and ErrDraftConfirmed. Expired
// unconfirmed drafts are dropped on the way, so abandoned previews do not
// pile up.
func (s *Store) SaveConsoleDraft(ctx context.Context, d ConsoleDraft, now time.Time) (ConsoleDraft, error) {
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var old ConsoleDraft
		err := tx.Where("key = ?", d.Key).First(&old).Error
		switch {
		case err == nil && old.CampaignID != 0:
			d = old
			return ErrDraftConfirmed
		case err != nil && !errors.Is(err, gorm.ErrRecordNotFound):
			return err
		}
		if err := tx.Where("campaign_id = 0 AND (key = ? OR expires_at < ?)", d.Key, now).Delete(&ConsoleDraft{}).Error; err != nil {
			return err
		}
		d.ID, d.CampaignID, d.CreatedAt = 0, 0, now
		return tx.Create(&d).Error
	})
	return d, err
}

// ConsoleDraftByKey returns the draft stored under key (ErrNotFound: none).
func (s *Store) ConsoleDraftByKey(ctx context.Context, key string) (ConsoleDraft, error) {
	var d ConsoleDraft
	err := s.db.WithContext(ctx).Where("key = ?", key).First(&d).Error
	return d, notFound(err, "console draft")
}

// ConfirmConsoleDraft turns the draft under key into a campaign, once: the
// first call creates the campaign build describes and records it on the
// draft in the same transaction; every later call returns that campaign,
// even after the draft's expiry (a replay must find it). ErrNotFound: no
// such draft, or an unconfirmed one that expired at now.
func (s *Store) ConfirmConsoleDraft(ctx context.Context, key string, now time.Time, build func(ConsoleDraft) NewCampaign) (ConsoleDraft, Campaign, error) {
	var d ConsoleDraft
	var c Campaign
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("key = ?", key).First(&d).Error; err != nil {
			return notFound(err, "console draft")
		}
		if d.CampaignID == 0 && !now.Before(d.ExpiresAt) {
			return fmt.Errorf("console draft expired: %w", ErrNotFound)
		}
		var err error
		c, err = campaignOnce(tx, &ConsoleDraft{}, d.ID, d.CampaignID, func() NewCampaign { return build(d) })
		d.CampaignID = c.ID
		return err
	})
	return d, c, err
}

// campaignOnce is the create-once step both kinds of draft share (the
// admin chat's and the console's): a draft row that already names its
// campaign gets that campaign back; otherwise the campaign build describes
// is created and recorded on the row (model's table, id rowID), in the
// caller's transaction, so a crash between the two is impossible.
func campaignOnce(tx *gorm.DB, model any, rowID, campaignID uint, build func() NewCampaign) (Campaign, error) {
	var c Campaign
	if campaignID != 0 {
		err := tx.Preload("Roles", func(db *gorm.DB) *gorm.DB { return db.Order("id") }).First(&c, campaignID).Error
		return c, notFound(err, fmt.Sprintf("campaign %d", campaignID))
	}
	c, err := createCampaign(tx, build())
	if err != nil {
		return c, err
	}
	return c, tx.Model(model).Where("id = ?", rowID).Update("campaign_id", c.ID).Error
}
