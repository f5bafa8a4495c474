package models

import (
	"context"
	"fmt"
)

// PromoteByHand promotes up to n people from a role's waitlist, in order,
// when staff decide to take more than the quota (递补 N 先锋 3): the quota
// grows by n and the places are filled through the ordinary promotion path
// (organization caps, switches and status history included); places that
// found nobody are taken back off the quota. It returns everyone promoted,
// with Volunteer, Role and Group loaded, and writes an audit record. The
// net change of the quota is recorded once (QuotaChange), so past days'
// tallies keep the quota they had.
func (s *Store) PromoteByHand(ctx context.Context, campaignID uint, roleID uint, n int, actor string) ([]Registration, error) {
	return retried(ctx, s, func() ([]Registration, error) { return s.promoteByHandTxn(ctx, campaignID, roleID, n, actor) })
}

// promoteByHandTxn is one try of PromoteByHand: a promotion that gives up
// a waiter's place in another role locks that role's counter too, and
// can be given up as a deadlock on PostgreSQL (retried runs it again).
func (s *Store) promoteByHandTxn(ctx context.Context, campaignID uint, roleID uint, n int, actor string) ([]Registration, error) {
	var promoted []Registration
	err := s.inTxn(ctx, func(tx *txn) error {
		var c Campaign
		if err := tx.First(&c, campaignID).Error; err != nil {
			return notFound(err, fmt.Sprintf("campaign %d", campaignID))
		}
		if c.Status != CampaignOpen {
			return ErrCampaignShut
		}
		var role Role
		if err := tx.Where("id = ? AND campaign_id = ?", roleID, campaignID).First(&role).Error; err != nil {
			return notFound(err, fmt.Sprintf("role %d", roleID))
		}
		before := role.Quota
		role.Quota += n
		if err := tx.Model(&Role{}).Where("id = ?", role.ID).Update("quota", role.Quota).Error; err != nil {
			return err
		}
		var err error
		if promoted, err = promote(tx, role); err != nil {
			return err
		}
		filled := 0
		for _, p := range promoted {
			if p.RoleID == role.ID {
				filled++
			}
		}
		if filled < n {
			if err := tx.Model(&Role{}).Where("id = ?", role.ID).Update("quota", role.Quota-(n-filled)).Error; err != nil {
				return err
			}
		}
		if err := recordQuota(tx, role.ID, before, before+filled, s.Now()); err != nil {
			return err
		}
		return writeAudit(tx.DB, actor, "registration.promote", fmt.Sprintf("倡议 %d %s：加 %d 个名额，递补 %d 人", campaignID, role.Name, n, filled))
	})
	return promoted, err
}
