package models

import (
	"cmp"
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
)

// OrgRow is one organization to import: its name, kind, group and contact.
type OrgRow struct {
	Name, Kind, Group, Contact string
}

// OrgSummary is an organization with its groups, for listing.
type OrgSummary struct {
	Organization
	Groups []string
}

// EnsureGroup returns the group with this name, creating it — and an
// unbound organization named after it — the first time it is seen, so a
// sign-up from a group nobody imported is never lost.
func (s *Store) EnsureGroup(ctx context.Context, name string) (Group, error) {
	var g Group
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var err error
		g, err = ensureGroup(tx, name)
		return err
	})
	return g, err
}

func ensureGroup(tx *gorm.DB, name string) (Group, error) {
	var g Group
	err := tx.Preload("Organization").Where("name = ?", name).First(&g).Error
	if err == nil {
		return g, nil
	}
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return g, err
	}
	org, err := findOrCreateOrg(tx, OrgRow{Name: name}, true)
	if err != nil {
		return g, err
	}
	g = Group{Name: name, OrganizationID: org.ID, Organization: org, Enabled: true}
	if err := tx.Create(&g).Error; err != nil {
		return g, fmt.Errorf("create group %q: %w", name, err)
	}
	return g, nil
}

// ensureGroupID is ensureGroup for the sign-up hot path: the group row
// without its organization loaded, one query when the group exists.
func ensureGroupID(tx *gorm.DB, name string) (Group, error) {
	var g Group
	err := tx.Where("name = ?", name).First(&g).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return ensureGroup(tx, name)
	}
	return g, err
}

func findOrCreateOrg(tx *gorm.DB, row OrgRow, unbound bool) (Organization, error) {
	var org Organization
	err := tx.Where("name = ?", row.Name).First(&org).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		org = Organization{Name: row.Name, Kind: row.Kind, Contact: row.Contact, Unbound: unbound}
		return org, tx.Create(&org).Error
	}
	if err != nil {
		return org, err
	}
	if !unbound {
		org.Kind, org.Contact, org.Unbound = cmp.Or(row.Kind, org.Kind), cmp.Or(row.Contact, org.Contact), false
		err = tx.Save(&org).Error
	}
	return org, err
}

// ImportOrgs binds groups to organizations, creating either as needed. A
// group that was bound to an automatic (unbound) organization moves, with
// its sign-ups, to the imported one; the automatic one is removed when no
// group is left on it. It returns how many organizations and groups the
// rows named.
func (s *Store) ImportOrgs(ctx context.Context, rows []OrgRow) (orgs, groups int, err error) {
	err = s.tx(ctx, func(tx *gorm.DB) error {
		seen := map[string]bool{}
		for _, r := range rows {
			org, err := findOrCreateOrg(tx, r, false)
			if err != nil {
				return fmt.Errorf("import organization %q: %w", r.Name, err)
			}
			if !seen[r.Name] {
				seen[r.Name], orgs = true, orgs+1
			}
			if r.Group == "" {
				continue
			}
			if err := bindGroup(tx, r.Group, org); err != nil {
				return fmt.Errorf("bind group %q: %w", r.Group, err)
			}
			groups++
		}
		return nil
	})
	return orgs, groups, err
}

func bindGroup(tx *gorm.DB, name string, org Organization) error {
	g, err := ensureGroup(tx, name)
	if err != nil || g.OrganizationID == org.ID {
		return err
	}
	old := g.Organization
	if err := tx.Model(&Group{}).Where("id = ?", g.ID).Update("organization_id", org.ID).Error; err != nil {
		return err
	}
	if err := tx.Model(&Pledge{}).Where("group_id = ?", g.ID).Update("organization_id", org.ID).Error; err != nil {
		return err
	}
	var left int64
	if err := tx.Model(&Group{}).Where("organization_id = ?", old.ID).Count(&left).Error; err != nil {
		return err
	}
	if old.Unbound && left == 0 {
		return tx.Delete(&old).Error
	}
	return nil
}

// ListOrgs lists organizations with their groups, unbound ones first so
// staff see what needs fixing.
func (s *Store) ListOrgs(ctx context.Context) ([]OrgSummary, error) {
	var orgs []Organization
	if err := s.db.WithContext(ctx).Order("unbound DESC, name").Find(&orgs).Error; err != nil {
		return nil, err
	}
	var groups []Group
	if err := s.db.WithContext(ctx).Order("name").Find(&groups).Error; err != nil {
		return nil, err
	}
	byOrg := map[uint][]string{}
	for _, g := range groups {
		byOrg[g.OrganizationID] = append(byOrg[g.OrganizationID], g.Name)
	}
	out := make([]OrgSummary, len(orgs))
	for i, o := range orgs {
		out[i] = OrgSummary{Organization: o, Groups: byOrg[o.ID]}
	}
	return out, nil
}
