package models

import (
	"context"
	"time"
)

// RoleStatus counts one organization's people in one role.
type RoleStatus struct {
	Confirmed, Waitlisted int
}

// OrgProgress is one organization's answer to a campaign, for the staff
// console: its groups, when its first sign-up came (nil: not answered
// yet), and its people per role id.
type OrgProgress struct {
	Organization
	Groups  []string
	FirstAt *time.Time
	Roles   map[uint]RoleStatus
}

// Progress lists every organization with its answer to the campaign, in
// the order of ListOrgs. A cancelled sign-up still counts as an answer.
func (s *Store) Progress(ctx context.Context, campaignID uint) ([]OrgProgress, error) {
	orgs, err := s.ListOrgs(ctx)
	if err != nil {
		return nil, err
	}
	db := s.reads(ctx)
	type countRow struct {
		OrgID  uint
		RoleID uint
		Status string
		N      int
		First  uint
	}
	var rows []countRow
	if err := db.Model(&Registration{}).
		Select("groups.organization_id AS org_id, registrations.role_id, registrations.status, COUNT(*) AS n, MIN(registrations.id) AS first").
		Joins("JOIN groups ON groups.id = registrations.group_id").
		Where("registrations.campaign_id = ?", campaignID).
		Group("groups.organization_id, registrations.role_id, registrations.status").Scan(&rows).Error; err != nil {
		return nil, err
	}
	first := map[uint]uint{}
	byOrg := map[uint]map[uint]RoleStatus{}
	for _, r := range rows {
		if f, ok := first[r.OrgID]; !ok || r.First < f {
			first[r.OrgID] = r.First
		}
		if byOrg[r.OrgID] == nil {
			byOrg[r.OrgID] = map[uint]RoleStatus{}
		}
		rs := byOrg[r.OrgID][r.RoleID]
		switch r.Status {
		case StatusConfirmed:
			rs.Confirmed += r.N
		case StatusWaitlisted:
			rs.Waitlisted += r.N
		}
		byOrg[r.OrgID][r.RoleID] = rs
	}
	firstAt, err := s.createdAt(ctx, first)
	if err != nil {
		return nil, err
	}
	out := make([]OrgProgress, len(orgs))
	for i, o := range orgs {
		out[i] = OrgProgress{Organization: o.Organization, Groups: o.Groups, Roles: byOrg[o.ID]}
		if t, ok := firstAt[o.ID]; ok {
			out[i].FirstAt = &t
		}
	}
	return out, nil
}

// createdAt loads the creation times of the registrations ids names (org
// id → registration id): the first sign-up of each organization is its
// lowest id, as ids grow with time.
func (s *Store) createdAt(ctx context.Context, ids map[uint]uint) (map[uint]time.Time, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	list := make([]uint, 0, len(ids))
	for _, id := range ids {
		list = append(list, id)
	}
	var regs []Registration
	if err := s.reads(ctx).Select("id", "created_at").Where("id IN ?", list).Find(&regs).Error; err != nil {
		return nil, err
	}
	at := map[uint]time.Time{}
	for _, r := range regs {
		at[r.ID] = r.CreatedAt
	}
	out := map[uint]time.Time{}
	for org, id := range ids {
		out[org] = at[id]
	}
	return out, nil
}

// CampaignEvents returns a campaign's registration history in time order,
// for the sign-ups-over-time chart.
func (s *Store) CampaignEvents(ctx context.Context, campaignID uint) ([]RegistrationEvent, error) {
	var evs []RegistrationEvent
	err := s.reads(ctx).Where("campaign_id = ?", campaignID).Order("at, id").Find(&evs).Error
	return evs, err
}
