package models

import (
	"context"
	"time"
)

// OrgRoleCount is how many of an organization's registrations for one role
// of a campaign are in one status.
type OrgRoleCount struct {
	OrganizationID uint
	RoleID         uint
	Status         string
	N              int
}

// ResponseCounts counts a campaign's active registrations per organization
// (of the group they signed up from), role and status, in SQL.
func (s *Store) ResponseCounts(ctx context.Context, campaignID uint) ([]OrgRoleCount, error) {
	var out []OrgRoleCount
	err := s.reads(ctx).Table("registrations").
		Select("groups.organization_id, registrations.role_id, registrations.status, COUNT(*) AS n").
		Joins("JOIN groups ON groups.id = registrations.group_id").
		Where("registrations.campaign_id = ? AND registrations.status <> ?", campaignID, StatusCancelled).
		Group("groups.organization_id, registrations.role_id, registrations.status").Scan(&out).Error
	return out, err
}

// OrgFirstSignup is when an organization first answered a campaign: the
// time of the first sign-up from any of its groups (kept even if later
// cancelled — the organization did answer).
type OrgFirstSignup struct {
	OrganizationID uint
	CreatedAt      time.Time
}

// FirstSignups returns each answering organization's first sign-up.
func (s *Store) FirstSignups(ctx context.Context, campaignID uint) ([]OrgFirstSignup, error) {
	db := s.reads(ctx)
	first := db.Table("registrations AS r").Select("MIN(r.id)").
		Joins("JOIN groups AS g ON g.id = r.group_id").
		Where("r.campaign_id = ?", campaignID).Group("g.organization_id")
	var out []OrgFirstSignup
	err := db.Table("registrations").Select("groups.organization_id, registrations.created_at").
		Joins("JOIN groups ON groups.id = registrations.group_id").
		Where("registrations.id IN (?)", first).Scan(&out).Error
	return out, err
}
