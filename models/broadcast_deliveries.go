package models

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Delivery is one campaign's initiative queued for one group. The unique
// (campaign, group) pair is what makes a broadcast exactly-once per group:
// the delivery and all its outbox rows are written in one transaction, so a
// repeated command, or one killed half-way, queues each group once or not
// at all.
type Delivery struct {
	ID         uint   `gorm:"primaryKey"`
	CampaignID uint   `gorm:"not null;uniqueIndex:idx_delivery_once,priority:1"`
	GroupID    uint   `gorm:"not null;uniqueIndex:idx_delivery_once,priority:2"`
	GroupName  string `gorm:"not null"`
	QueuedBy   string
	QueuedAt   time.Time
	// Account is the account its rows were queued for ("" while no
	// account serves the group), set by QueueDelivery when it queues
	// them, for the audit record. Not stored: the rows carry it.
	Account string `gorm:"-"`
}

// DeliveryPart links a delivery to one of its outbox rows, in the order the
// group receives them (text parts, image, file, footer).
type DeliveryPart struct {
	ID         uint `gorm:"primaryKey"`
	DeliveryID uint `gorm:"not null;uniqueIndex:idx_delivery_part,priority:1"`
	Seq        int  `gorm:"not null;uniqueIndex:idx_delivery_part,priority:2"`
	OutboxID   uint `gorm:"not null;uniqueIndex"`
}

// DeliveryRequest is one group's share of a broadcast: the messages it
// receives, in order.
type DeliveryRequest struct {
	CampaignID uint
	GroupID    uint
	GroupName  string
	By         string
	Messages   []OutboxMessage // Target, IsGroup, Kind and Text (and media) filled in
}

// WithdrawnReason is the last error of an outbox row withdrawn because its
// campaign closed before it went out.
const WithdrawnReason = "campaign closed before it was sent; withdrawn"

// withdrawnReasons are the last errors of rows taken back before they
// were sent (counted as withdrawn, never as failed).
var withdrawnReasons = []string{WithdrawnReason, AdminRemovedReason}

// QueueDelivery queues one group's messages unless this campaign was
// already queued for this group. It reports whether it queued anything. A
// closed campaign queues nothing (ErrCampaignShut).
func (s *Store) QueueDelivery(ctx context.Context, r DeliveryRequest) (Delivery, bool, error) {
	var d Delivery
	created := false
	now := s.Now().UTC()
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var c Campaign
		if err := tx.Select("id", "status").First(&c, r.CampaignID).Error; err != nil {
			return notFound(err, fmt.Sprintf("campaign %d", r.CampaignID))
		}
		if c.Status != CampaignOpen {
			return ErrCampaignShut
		}
		err := tx.Where("campaign_id = ? AND group_id = ?", r.CampaignID, r.GroupID).First(&d).Error
		if err == nil {
			return nil
		}
		if !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		d = Delivery{CampaignID: r.CampaignID, GroupID: r.GroupID, GroupName: r.GroupName, QueuedBy: r.By, QueuedAt: now}
		if err := tx.Create(&d).Error; err != nil {
			return err
		}
		for i, m := range r.Messages {
			m.ID, m.Status, m.Attempts, m.CreatedAt, m.NotBefore = 0, OutboxPending, 0, now, now
			m.SentAt, m.FinishedAt, m.LastError, m.WxMsgID = nil, nil, "", ""
			if m.Account, err = s.accountFor(tx, m); err != nil {
				return err
			}
			d.Account = m.Account
			if err := tx.Create(&m).Error; err != nil {
				return err
			}
			if err := tx.Create(&DeliveryPart{DeliveryID: d.ID, Seq: i + 1, OutboxID: m.ID}).Error; err != nil {
				return err
			}
		}
		created = true
		return nil
	})
	if err != nil {
		return d, false, fmt.Errorf("queue campaign %d for group %q: %w", r.CampaignID, r.GroupName, err)
	}
	return d, created, nil
}

// withdrawDeliveries fails the campaign's outbox rows that have not gone
// out yet, inside the transaction that closes it: the sender only claims
// pending rows, so nothing of a closed campaign is sent afterwards. It
// returns how many groups lost messages and how many messages, for the
// audit log.
func withdrawDeliveries(tx *gorm.DB, campaignID uint) (groups, msgs int64, err error) {
	unsent := tx.Model(&DeliveryPart{}).
		Joins("JOIN deliveries ON deliveries.id = delivery_parts.delivery_id").
		Joins("JOIN outbox_messages ON outbox_messages.id = delivery_parts.outbox_id").
		Where("deliveries.campaign_id = ? AND outbox_messages.status = ?", campaignID, OutboxPending)
	if err := unsent.Distinct("delivery_parts.delivery_id").Count(&groups).Error; err != nil {
		return 0, 0, err
	}
	parts := tx.Model(&DeliveryPart{}).Select("delivery_parts.outbox_id").
		Joins("JOIN deliveries ON deliveries.id = delivery_parts.delivery_id").
		Where("deliveries.campaign_id = ?", campaignID)
	res := tx.Model(&OutboxMessage{}).Where("status = ? AND id IN (?)", OutboxPending, parts).
		Updates(map[string]any{"status": OutboxFailed, "last_error": WithdrawnReason, "finished_at": tx.NowFunc().UTC()})
	return groups, res.RowsAffected, res.Error
}

// DeliveryPartView is one outbox row of a delivery with its state.
type DeliveryPartView struct {
	DeliveryID     uint
	GroupID        uint
	GroupName      string
	OrganizationID uint
	OrgName        string
	QueuedAt       time.Time
	Seq            int
	OutboxID       uint
	Status         string
	LastError      string
	SentAt         *time.Time
	// Account is the bot account the row is (or was) sent by: the
	// group's owner when it was queued, another account when a failover
	// moved it, "" while no account serves the group.
	Account string
}

// DeliveryParts lists every outbox row of the campaign's deliveries with
// its state, by group (in queueing order) and part.
func (s *Store) DeliveryParts(ctx context.Context, campaignID uint) ([]DeliveryPartView, error) {
	var out []DeliveryPartView
	err := s.reads(ctx).Table("deliveries").
		Select(`deliveries.id AS delivery_id, deliveries.group_id, deliveries.group_name,
			groups.organization_id, organizations.name AS org_name, deliveries.queued_at,
			delivery_parts.seq, delivery_parts.outbox_id, outbox_messages.status,
			outbox_messages.last_error, outbox_messages.sent_at, outbox_messages.account`).
		Joins("JOIN delivery_parts ON delivery_parts.delivery_id = deliveries.id").
		Joins("JOIN outbox_messages ON outbox_messages.id = delivery_parts.outbox_id").
		Joins("LEFT JOIN groups ON groups.id = deliveries.group_id").
		Joins("LEFT JOIN organizations ON organizations.id = groups.organization_id").
		Where("deliveries.campaign_id = ?", campaignID).
		Order("deliveries.id, delivery_parts.seq").Scan(&out).Error
	return out, err
}

// DeliveredGroupIDs returns the ids of the groups the campaign was queued
// for.
func (s *Store) DeliveredGroupIDs(ctx context.Context, campaignID uint) (map[uint]bool, error) {
	var ids []uint
	err := s.reads(ctx).Model(&Delivery{}).Where("campaign_id = ?", campaignID).Pluck("group_id", &ids).Error
	out := make(map[uint]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, err
}
