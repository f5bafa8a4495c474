package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Pledge is a donation promised on behalf of an organization (the group's),
// and whether it has been delivered.
type Pledge struct {
	ID             uint `gorm:"primaryKey"`
	CampaignID     uint `gorm:"index;not null"`
	OrganizationID uint `gorm:"index;not null"`
	Organization   Organization
	GroupID        uint
	Sender         string
	Item           string `gorm:"not null"`
	Quantity       float64
	Unit           string
	Value          float64 // 元
	Delivered      bool
	DeliveredAt    *time.Time
	MsgID          string
	CreatedAt      time.Time
}

// PledgeRequest is a 捐赠 / 认捐 / 捐款 to store.
type PledgeRequest struct {
	CampaignID               uint
	GroupName, Sender, MsgID string
	Item, Unit               string
	Quantity, Value          float64
}

// AddPledge stores a pledge for the group's organization.
func (s *Store) AddPledge(ctx context.Context, r PledgeRequest) (Pledge, error) {
	var p Pledge
	err := s.tx(ctx, func(tx *gorm.DB) error {
		g, err := ensureGroup(tx, r.GroupName)
		if err != nil {
			return err
		}
		p = Pledge{CampaignID: r.CampaignID, OrganizationID: g.OrganizationID, Organization: g.Organization,
			GroupID: g.ID, Sender: r.Sender, Item: r.Item, Quantity: r.Quantity, Unit: r.Unit, Value: r.Value, MsgID: r.MsgID}
		return tx.Create(&p).Error
	})
	return p, err
}

// PledgeOwner says who may mark a pledge delivered: an admin, or the member
// who pledged it, in the group they pledged from.
type PledgeOwner struct {
	Admin             string // admin remark; "" for a member
	GroupName, Sender string
}

// MarkDelivered marks pledge id delivered. A member may only mark their own
// pledge; ErrNotFound covers both "no such pledge" and "not yours", so the
// answer does not reveal other organizations' pledges.
func (s *Store) MarkDelivered(ctx context.Context, id uint, by PledgeOwner) (Pledge, error) {
	var p Pledge
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var err error
		if p, err = pledgeOf(tx, id, by); err != nil {
			return err
		}
		if p.Delivered {
			return nil
		}
		now := tx.NowFunc()
		p.Delivered, p.DeliveredAt = true, &now
		if err := tx.Model(&Pledge{}).Where("id = ?", p.ID).
			Updates(map[string]any{"delivered": true, "delivered_at": now}).Error; err != nil {
			return err
		}
		return writeAudit(tx, pledgeActor(by), "pledge.delivered", fmt.Sprintf("认捐 %d 号", id))
	})
	return p, err
}

// pledgeOf loads pledge id with its organization, when by may act on it:
// an admin on any, a member on their own from the group they pledged in.
// Any other is ErrNotFound, so an answer does not reveal other
// organizations' pledges.
func pledgeOf(tx *gorm.DB, id uint, by PledgeOwner) (Pledge, error) {
	var p Pledge
	q := tx.Preload("Organization")
	if by.Admin == "" {
		q = q.Joins("JOIN groups ON groups.id = pledges.group_id").
			Where("groups.name = ? AND pledges.sender = ?", by.GroupName, by.Sender)
	}
	if err := q.First(&p, "pledges.id = ?", id).Error; err != nil {
		return p, notFound(err, fmt.Sprintf("pledge %d", id))
	}
	return p, nil
}

// Pledges lists a campaign's pledges with their organizations.
func (s *Store) Pledges(ctx context.Context, campaignID uint) ([]Pledge, error) {
	var ps []Pledge
	// Joined, not preloaded: no parameter list grows with the data.
	err := s.db.WithContext(ctx).Joins("Organization").Where("pledges.campaign_id = ?", campaignID).
		Order("pledges.id").Find(&ps).Error
	return ps, err
}

// pledgeActor names who marked a pledge delivered: an admin by the one
// actor naming of the audit log, else the member who pledged it.
func pledgeActor(by PledgeOwner) string {
	if by.Admin != "" {
		return ActorAdmin(by.Admin)
	}
	return by.Sender
}
