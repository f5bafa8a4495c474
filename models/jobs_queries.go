package models

import "context"

// CampaignGroups lists the enabled groups a campaign reaches, with their
// organizations, by name: where the scheduled jobs send reminders and
// progress lines. A campaign broadcast to chosen groups reaches those
// groups; one never broadcast (created on the command line) reaches every
// enabled group.
func (s *Store) CampaignGroups(ctx context.Context, campaignID uint) ([]Group, error) {
	db := s.db.WithContext(ctx)
	var n int64
	if err := db.Model(&Delivery{}).Where("campaign_id = ?", campaignID).Count(&n).Error; err != nil {
		return nil, err
	}
	q := db.Preload("Organization").Where("enabled = ?", true).Order("name")
	if n > 0 {
		q = q.Where("id IN (?)", db.Model(&Delivery{}).Select("group_id").Where("campaign_id = ?", campaignID))
	}
	var gs []Group
	return gs, q.Find(&gs).Error
}

// ConfirmedByOrg counts a campaign's confirmed places per role and
// organization (role id → organization id → count), to see which
// organizations a per-organization cap has filled.
func (s *Store) ConfirmedByOrg(ctx context.Context, campaignID uint) (map[uint]map[uint]int, error) {
	var rows []struct {
		RoleID, OrganizationID uint
		N                      int
	}
	err := s.db.WithContext(ctx).Model(&Registration{}).
		Select("registrations.role_id, groups.organization_id, COUNT(*) AS n").
		Joins("JOIN groups ON groups.id = registrations.group_id").
		Where("registrations.campaign_id = ? AND registrations.status = ?", campaignID, StatusConfirmed).
		Group("registrations.role_id, groups.organization_id").Scan(&rows).Error
	out := map[uint]map[uint]int{}
	for _, r := range rows {
		if out[r.RoleID] == nil {
			out[r.RoleID] = map[uint]int{}
		}
		out[r.RoleID][r.OrganizationID] = r.N
	}
	return out, err
}

// SignUpsByOrg counts a campaign's registrations per organization, any
// status: an organization with none has not answered the initiative.
func (s *Store) SignUpsByOrg(ctx context.Context, campaignID uint) (map[uint]int, error) {
	var rows []struct {
		OrganizationID uint
		N              int
	}
	err := s.db.WithContext(ctx).Model(&Registration{}).
		Select("groups.organization_id, COUNT(*) AS n").
		Joins("JOIN groups ON groups.id = registrations.group_id").
		Where("registrations.campaign_id = ?", campaignID).
		Group("groups.organization_id").Scan(&rows).Error
	out := map[uint]int{}
	for _, r := range rows {
		out[r.OrganizationID] = r.N
	}
	return out, err
}
