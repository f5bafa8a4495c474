package models

import (
	"context"
	"errors"
	"fmt"
	"iter"

	"gorm.io/gorm"
)

// ErrImportConflict means an import named a group twice for different
// organizations, or would move a group away from the organization it is
// bound to without being allowed to: nothing was imported.
var ErrImportConflict = errors.New("organization import has conflicts")

// Import notes: what a line of an import did, or would have done.
const (
	// ImportClaimed: an earlier line already bound this group to another
	// organization. Always a conflict: the file must say which is right.
	ImportClaimed = "claimed"
	// ImportMove: the group is bound to another organization; moving it
	// (with its sign-ups and pledges) needs ImportOptions.Move.
	ImportMove = "move"
	// ImportMoved: the group moved to this line's organization.
	ImportMoved = "moved"
	// ImportAdopted: a group that spoke (and signed people up or pledged)
	// before anyone imported it left its automatic organization for this
	// line's, taking its sign-ups and pledges along (the normal first import).
	ImportAdopted = "adopted"
)

// ImportOptions says what an import may do beyond adding.
type ImportOptions struct {
	// Move lets a group bound to one organization move to another.
	Move bool
}

// ImportNote is one line of an import worth telling the user about.
type ImportNote struct {
	Line     int
	Kind     string // ImportClaimed, ImportMove, ImportMoved, ImportAdopted
	Group    string
	From, To string // organizations
	// FromLine is the earlier line that claimed the group (ImportClaimed).
	FromLine int
	// Signups and Pledges are what moves with the group.
	Signups, Pledges int64
}

// Conflict reports whether the note stopped the import.
func (n ImportNote) Conflict() bool { return n.Kind == ImportClaimed || n.Kind == ImportMove }

// ImportReport is what an import did: counts, and a note per line that
// moved a group or could not.
type ImportReport struct {
	Orgs, Groups int
	Notes        []ImportNote
	// Changed is false when the import found everything as the file says
	// (the same file imported twice): staff are told nothing changed.
	Changed bool
}

// Conflicts returns the notes that stopped the import.
func (r ImportReport) Conflicts() []ImportNote {
	var out []ImportNote
	for _, n := range r.Notes {
		if n.Conflict() {
			out = append(out, n)
		}
	}
	return out
}

// ImportOrgs binds groups to organizations, refusing (ErrImportConflict,
// nothing imported) any group claimed twice or moving between
// organizations. It returns how many organizations and groups the rows
// named. Use ImportOrgsReport for the line-by-line report and moves.
func (s *Store) ImportOrgs(ctx context.Context, rows []OrgRow) (orgs, groups int, err error) {
	rep, err := s.ImportOrgsReport(ctx, rows, ImportOptions{})
	return rep.Orgs, rep.Groups, err
}

// ImportOrgsReport is ImportOrgsFrom over a slice of rows.
func (s *Store) ImportOrgsReport(ctx context.Context, rows []OrgRow, opts ImportOptions) (ImportReport, error) {
	return s.ImportOrgsFrom(ctx, func(yield func(OrgRow, error) bool) {
		for _, r := range rows {
			if !yield(r, nil) {
				return
			}
		}
	}, opts)
}

// ImportOrgsFrom binds groups to organizations, creating either as
// needed, all in one transaction, taking rows one at a time from rows (a
// file being read): an error from rows rolls everything back and is
// returned. A group that spoke before it was imported leaves its
// automatic organization (removed once empty) and is noted. A group bound
// to another organization moves only with opts.Move; otherwise, or when
// two lines claim one group, the whole import is refused with
// ErrImportConflict and the report names every such line. Memory grows
// with the names seen (to find a group claimed twice), not with the
// statements run: the store keeps no statement cache (gormConfig).
func (s *Store) ImportOrgsFrom(ctx context.Context, rows iter.Seq2[OrgRow, error], opts ImportOptions) (ImportReport, error) {
	var rep ImportReport
	err := s.tx(ctx, func(tx *gorm.DB) error {
		rep = ImportReport{}
		before, err := totalChanges(tx)
		if err != nil {
			return err
		}
		im := importer{tx: tx, rep: &rep, opts: opts, seen: map[string]bool{}, claimed: map[string]groupClaim{}}
		i := 0
		for r, err := range rows {
			if err != nil {
				return err
			}
			i++
			if r.Line == 0 {
				r.Line = i
			}
			if err := im.row(r.printable()); err != nil {
				return err
			}
		}
		if len(rep.Conflicts()) > 0 {
			return ErrImportConflict
		}
		after, err := totalChanges(tx)
		rep.Changed = after != before
		return err
	})
	return rep, err
}

// groupClaim is the line that first bound a group, and to which organization.
type groupClaim struct {
	line int
	org  string
}

// importer is one import's transaction and what it has seen so far.
type importer struct {
	tx      *gorm.DB
	rep     *ImportReport
	opts    ImportOptions
	seen    map[string]bool       // organization names
	claimed map[string]groupClaim // group names
}

// row imports one line: its organization, and its group if it names one.
func (im *importer) row(r OrgRow) error {
	org, err := findOrCreateOrg(im.tx, r, false)
	if err != nil {
		return fmt.Errorf("import organization %q: %w", r.Name, err)
	}
	if !im.seen[r.Name] {
		im.seen[r.Name], im.rep.Orgs = true, im.rep.Orgs+1
	}
	if r.Group == "" {
		return nil
	}
	if first, ok := im.claimed[r.Group]; ok {
		if first.org != r.Name {
			im.rep.Notes = append(im.rep.Notes, ImportNote{Line: r.Line, Kind: ImportClaimed, Group: r.Group,
				From: first.org, To: r.Name, FromLine: first.line})
		}
		return nil
	}
	im.claimed[r.Group] = groupClaim{line: r.Line, org: r.Name}
	note, err := bindGroup(im.tx, r.Group, org, im.opts.Move)
	if err != nil {
		return fmt.Errorf("bind group %q: %w", r.Group, err)
	}
	if note.Kind != "" {
		note.Line = r.Line
		im.rep.Notes = append(im.rep.Notes, note)
	}
	im.rep.Groups++
	return nil
}

// bindGroup binds the named group to org. A move from another organization
// that is not allowed is only noted (the caller rolls everything back).
func bindGroup(tx *gorm.DB, name string, org Organization, allowMove bool) (ImportNote, error) {
	g, err := ensureGroup(tx, name)
	if err != nil || g.OrganizationID == org.ID {
		return ImportNote{}, err
	}
	old := g.Organization
	note := ImportNote{Group: name, From: old.Name, To: org.Name, Kind: ImportAdopted}
	if note.Signups, note.Pledges, err = groupHoldings(tx, g.ID); err != nil {
		return note, err
	}
	if old.Unbound && note.Signups+note.Pledges == 0 {
		note.Kind = "" // an empty automatic organization: nothing to tell
	}
	if !old.Unbound {
		note.Kind = ImportMoved
		if !allowMove {
			note.Kind = ImportMove
			return note, nil
		}
	}
	if err := tx.Model(&Group{}).Where("id = ?", g.ID).Update("organization_id", org.ID).Error; err != nil {
		return note, err
	}
	if err := tx.Model(&Pledge{}).Where("group_id = ?", g.ID).Update("organization_id", org.ID).Error; err != nil {
		return note, err
	}
	var left int64
	if err := tx.Model(&Group{}).Where("organization_id = ?", old.ID).Count(&left).Error; err != nil {
		return note, err
	}
	if old.Unbound && left == 0 {
		return note, tx.Delete(&old).Error
	}
	return note, nil
}

// groupHoldings counts the sign-ups and pledges a group carries with it.
func groupHoldings(tx *gorm.DB, groupID uint) (signups, pledges int64, err error) {
	if err = tx.Model(&Registration{}).Where("group_id = ?", groupID).Count(&signups).Error; err != nil {
		return
	}
	err = tx.Model(&Pledge{}).Where("group_id = ?", groupID).Count(&pledges).Error
	return
}
