package models

import (
	"context"
	"fmt"
)

// SignupTarget is what an organization's sign-up link opens: the campaign
// with its roles, the organization, and the group its web sign-ups are
// filed under (its first group), so quotas, caps, rosters and promotion
// notices treat them exactly like sign-ups typed in that group.
type SignupTarget struct {
	Campaign     Campaign
	Organization Organization
	Group        Group
}

// SignupTarget loads a campaign and an organization for the sign-up page.
// An organization without a group has no link (there is nowhere to
// announce its promotions): ErrNotFound.
func (s *Store) SignupTarget(ctx context.Context, campaignID, orgID uint) (SignupTarget, error) {
	var t SignupTarget
	var err error
	if t.Campaign, err = s.Campaign(ctx, campaignID); err != nil {
		return t, err
	}
	db := s.db.WithContext(ctx)
	if err := db.First(&t.Organization, orgID).Error; err != nil {
		return t, notFound(err, fmt.Sprintf("organization %d", orgID))
	}
	err = db.Where("organization_id = ?", orgID).Order("id").First(&t.Group).Error
	return t, notFound(err, fmt.Sprintf("group of organization %d", orgID))
}

// RegistrationView returns one registration with its volunteer, role,
// group and organization, and its waitlist position: the personal page.
func (s *Store) RegistrationView(ctx context.Context, id uint) (RegView, error) {
	return view(s.db.WithContext(ctx), id)
}

// Promoted reports whether a confirmed registration got its place from the
// waitlist: only a waitlisted registration is ever given a queue number.
func (r Registration) Promoted() bool {
	return r.Status == StatusConfirmed && r.WaitSeq > 0
}

// AuditTrail lists the audit records of one action ("" for all), oldest
// first: who looked at full phones, who exported.
func (s *Store) AuditTrail(ctx context.Context, action string) ([]AuditLog, error) {
	q := s.db.WithContext(ctx).Order("id")
	if action != "" {
		q = q.Where("action = ?", action)
	}
	var out []AuditLog
	return out, q.Find(&out).Error
}
