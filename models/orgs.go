package models

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"mobilize/pii"
)

// OrgRow is one organization to import: its name, kind, group, contact and
// tags, and the line of the file it came from (for the report).
type OrgRow struct {
	Name, Kind, Group, Contact string
	Tags                       []string
	Line                       int
}

// printable is the row less the control characters a terminal would act
// on: an imported name is printed by orgs list, roster and report.
func (r OrgRow) printable() OrgRow {
	r.Name, r.Kind, r.Group, r.Contact = pii.Printable(r.Name), pii.Printable(r.Kind), pii.Printable(r.Group), pii.Printable(r.Contact)
	for i, t := range r.Tags {
		r.Tags[i] = pii.Printable(t)
	}
	return r
}

// OrgSummary is an organization with its groups, for listing.
type OrgSummary struct {
	Organization
	Groups []string
}

// TagList splits the organization's stored tags.
func (o Organization) TagList() []string { return splitTags(o.Tags) }

// HasTag reports whether the organization carries tag.
func (o Organization) HasTag(tag string) bool { return slices.Contains(o.TagList(), tag) }

// joinTags stores tags as ";a;b;" (trimmed, without empties or repeats), so
// a tag never matches part of another.
func joinTags(tags []string) string {
	var out []string
	for _, t := range tags {
		if t = strings.TrimSpace(t); t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return ""
	}
	return ";" + strings.Join(out, ";") + ";"
}

func splitTags(s string) []string {
	var out []string
	for _, t := range strings.Split(s, ";") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
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
	if err := createByName(tx, &g, name); err != nil {
		return g, fmt.Errorf("create group %q: %w", name, err)
	}
	if g.OrganizationID != org.ID { // made by another process, with its own organization
		err = tx.First(&g.Organization, g.OrganizationID).Error
	}
	return g, err
}

// createByName creates row, unique by name, unless another process made
// one of that name since this transaction looked (two processes on one
// PostgreSQL database, each seeing a new group first): then row is that
// one. Inserting with ON CONFLICT DO NOTHING waits for the other
// transaction and, once it commits, reads what it made, instead of failing
// on the unique index.
func createByName[T any](tx *gorm.DB, row *T, name string) error {
	res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(row)
	if res.Error != nil || res.RowsAffected == 1 {
		return res.Error
	}
	var found T
	if err := tx.Where("name = ?", name).First(&found).Error; err != nil {
		return err
	}
	*row = found
	return nil
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
		org = Organization{Name: row.Name, Kind: row.Kind, Contact: row.Contact, Tags: joinTags(row.Tags), Unbound: unbound}
		return org, createByName(tx, &org, row.Name)
	}
	if err != nil {
		return org, err
	}
	if !unbound {
		before := org
		org.Kind, org.Contact, org.Unbound = cmp.Or(row.Kind, org.Kind), cmp.Or(row.Contact, org.Contact), false
		org.Tags = cmp.Or(joinTags(row.Tags), org.Tags)
		if org != before { // an unchanged row writes nothing: a repeated import changes nothing
			err = tx.Save(&org).Error
		}
	}
	return org, err
}

// ListOrgs lists organizations with their groups, unbound ones first so
// staff see what needs fixing.
func (s *Store) ListOrgs(ctx context.Context) ([]OrgSummary, error) {
	var orgs []Organization
	if err := s.reads(ctx).Order("unbound DESC, name").Find(&orgs).Error; err != nil {
		return nil, err
	}
	var groups []Group
	if err := s.reads(ctx).Order("name").Find(&groups).Error; err != nil {
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

// TargetGroup is a group with its organization: what broadcast targets are
// resolved against.
type TargetGroup struct {
	GroupID        uint
	Group          string
	Enabled        bool
	OrganizationID uint
	Org, Kind      string
	Tags           string // stored form, ";a;b;"
	Unbound        bool
}

// TagList splits the group's organization's tags.
func (g TargetGroup) TagList() []string { return splitTags(g.Tags) }

// TargetGroups lists every group with its organization, by group name.
func (s *Store) TargetGroups(ctx context.Context) ([]TargetGroup, error) {
	var out []TargetGroup
	err := s.db.WithContext(ctx).Table("groups").
		Select(`groups.id AS group_id, groups.name AS "group", groups.enabled, groups.organization_id,
			organizations.name AS org, organizations.kind, organizations.tags, organizations.unbound`).
		Joins("JOIN organizations ON organizations.id = groups.organization_id").
		Order("groups.name").Scan(&out).Error
	return out, err
}
