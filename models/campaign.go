package models

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// NewCampaign describes a campaign to create.
type NewCampaign struct {
	Title, Body, CreatedBy string
	Deadline               *time.Time
	Roles                  []Role // ID and CampaignID are filled in
}

// CreateCampaign stores an open campaign with its roles.
func (s *Store) CreateCampaign(ctx context.Context, n NewCampaign) (Campaign, error) {
	var c Campaign
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var err error
		c, err = createCampaign(tx, n)
		return err
	})
	return c, err
}

// createCampaign is CreateCampaign inside a transaction (an admin's
// confirmed draft creates its campaign in the one that marks it).
func createCampaign(tx *gorm.DB, n NewCampaign) (Campaign, error) {
	c := Campaign{Title: n.Title, Body: n.Body, Status: CampaignOpen, Deadline: n.Deadline, CreatedBy: n.CreatedBy}
	if err := tx.Create(&c).Error; err != nil {
		return c, err
	}
	for _, r := range n.Roles {
		r.ID, r.CampaignID = 0, c.ID
		if err := tx.Create(&r).Error; err != nil {
			return c, fmt.Errorf("create role %s: %w", r.Code, err)
		}
		c.Roles = append(c.Roles, r)
	}
	return c, writeAudit(tx, n.CreatedBy, "campaign.create", fmt.Sprintf("倡议 %d「%s」", c.ID, c.Title))
}

// Campaigns lists campaigns, newest first; with openOnly, only open ones.
func (s *Store) Campaigns(ctx context.Context, openOnly bool) ([]Campaign, error) {
	q := s.db.WithContext(ctx).Preload("Roles", func(db *gorm.DB) *gorm.DB { return db.Order("id") }).Order("id DESC")
	if openOnly {
		q = q.Where("status = ?", CampaignOpen)
	}
	var cs []Campaign
	return cs, q.Find(&cs).Error
}

// Campaign returns one campaign with its roles.
func (s *Store) Campaign(ctx context.Context, id uint) (Campaign, error) {
	var c Campaign
	err := s.reads(ctx).Preload("Roles", func(db *gorm.DB) *gorm.DB { return db.Order("id") }).First(&c, id).Error
	return c, notFound(err, fmt.Sprintf("campaign %d", id))
}

// CloseCampaign closes a campaign: no more sign-ups or cancellations, and
// its queued but unsent broadcast messages are withdrawn.
func (s *Store) CloseCampaign(ctx context.Context, id uint, actor string) error {
	_, err := s.CloseCampaignWithdrawing(ctx, id, actor)
	return err
}

// Withdrawn is what closing a campaign took back from the outbox: the
// messages of its initiative not yet sent, and how many groups they were
// for. Staff closing a campaign are told, so that no group is thought to
// have had the initiative when it never went out.
type Withdrawn struct{ Messages, Groups int64 }

// CloseCampaignWithdrawing is CloseCampaign, saying what it withdrew.
func (s *Store) CloseCampaignWithdrawing(ctx context.Context, id uint, actor string) (Withdrawn, error) {
	var w Withdrawn
	err := s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&Campaign{}).Where("id = ?", id).Update("status", CampaignClosed)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("campaign %d: %w", id, ErrNotFound)
		}
		// Whatever of its initiative has not gone out yet never will.
		groups, msgs, err := withdrawDeliveries(tx, id)
		if err != nil {
			return fmt.Errorf("withdraw deliveries of campaign %d: %w", id, err)
		}
		w = Withdrawn{Messages: msgs, Groups: groups}
		return writeAudit(tx, actor, "campaign.close",
			fmt.Sprintf("倡议 %d；撤回未发出的消息 %d 条（%d 个群）", id, msgs, groups))
	})
	return w, err
}

// AliasList splits a role's stored aliases, with its name and code, into the
// words a member may type for it.
func (r Role) AliasList() []string {
	words := []string{r.Name, r.Code}
	for _, a := range strings.Split(r.Aliases, ",") {
		if a = strings.TrimSpace(a); a != "" {
			words = append(words, a)
		}
	}
	return words
}

// Accepts reports whether the campaign takes sign-ups (and cancellations)
// at time now: open, and before its deadline if it has one.
func (c Campaign) Accepts(now time.Time) bool {
	return c.Status == CampaignOpen && (c.Deadline == nil || now.Before(*c.Deadline))
}
