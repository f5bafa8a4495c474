package models

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sort"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// ErrTargetNotEmpty refuses a copy into a database that holds data: a
// copy merges nothing and overwrites nothing.
var ErrTargetNotEmpty = fmt.Errorf("the target database is not empty")

// ErrCopyMismatch means the copy does not hold what the source does (a
// row count or a tally differs); the target's transaction was rolled back.
var ErrCopyMismatch = fmt.Errorf("the copy differs from the source")

// copyBatch is how many rows go in one INSERT of the copy.
const copyBatch = 500

// copiedTables are every table of the schema with the rows that make a
// database: allModels, the counters and the history. The status ledger
// (status_days) is not copied but recounted, by the target's own
// triggers, from the history as it goes in, and its zone comes with the
// target's opening (the caller opens it in the source's LedgerZone).
func copiedTables() []any {
	return append(allModels(), &RoleCounter{}, &RegistrationEvent{})
}

// derivedTables are tables the copy leaves to the target to make: the
// schema mark and the status ledger.
var derivedTables = []string{"mobilize_schema", "status_days", "status_ledger", "status_zone"}

// CopyTable is one table's rows in the source and in the copy.
type CopyTable struct {
	Table        string
	Source, Copy int64
}

// CopyAll copies every row of from into to, which must be empty, in one
// transaction of to, keeping every id; then it checks, inside that
// transaction, that each table holds as many rows as the source and that
// every campaign's status counts (the tally's base) are the same, and
// rolls everything back if not. A table in the source this version does
// not know is refused before anything is written.
func CopyAll(ctx context.Context, from, to *Store) ([]CopyTable, error) {
	if err := knownTables(ctx, from); err != nil {
		return nil, err
	}
	if empty, err := to.IsEmpty(ctx); err != nil || !empty {
		if err == nil {
			err = ErrTargetNotEmpty
		}
		return nil, err
	}
	var report []CopyTable
	err := from.Snapshot(ctx, func(ctx context.Context) error {
		// No statement cache on either side (gormConfig): inside a
		// transaction each cached copy would be kept to the end, over a
		// million rows memory without bound.
		src := from.reads(ctx)
		return to.db.WithContext(ctx).Transaction(func(dst *gorm.DB) error {
			report = nil
			for _, m := range copiedTables() {
				n, err := copyTable(src, dst, m)
				if err != nil {
					return err
				}
				var got int64
				if err := dst.Model(m).Count(&got).Error; err != nil {
					return err
				}
				report = append(report, CopyTable{Table: tableName(dst, m), Source: n, Copy: got})
				if got != n {
					return fmt.Errorf("%w: %s has %d rows, the copy %d", ErrCopyMismatch, tableName(dst, m), n, got)
				}
			}
			if err := dialectOf(dst).syncSequences(dst); err != nil {
				return err
			}
			return sameCounts(src, dst)
		})
	})
	return report, err
}

// copyTable streams one table from src into dst in id order, in batches.
func copyTable(src, dst *gorm.DB, model any) (int64, error) {
	rows := reflect.New(reflect.SliceOf(reflect.TypeOf(model).Elem())).Interface()
	var n int64
	res := src.Model(model).Order(primaryOrder(src, model)).FindInBatches(rows, copyBatch, func(tx *gorm.DB, _ int) error {
		n += tx.RowsAffected
		return dst.Omit(clause.Associations).Create(rows).Error
	})
	if res.Error != nil {
		return n, fmt.Errorf("copy %s: %w", tableName(src, model), res.Error)
	}
	return n, nil
}

// primaryOrder is the table's primary key, as ORDER BY wants it.
func primaryOrder(db *gorm.DB, model any) string {
	stmt := &gorm.Statement{DB: db}
	if err := stmt.Parse(model); err != nil || len(stmt.Schema.PrimaryFieldDBNames) == 0 {
		return ""
	}
	return stmt.Schema.PrimaryFieldDBNames[0]
}

func tableName(db *gorm.DB, model any) string {
	stmt := &gorm.Statement{DB: db}
	if err := stmt.Parse(model); err != nil {
		return fmt.Sprintf("%T", model)
	}
	return stmt.Schema.Table
}

// knownTables refuses a source holding a table the copy would leave
// behind.
func knownTables(ctx context.Context, s *Store) error {
	db := s.reads(ctx)
	have, err := dialectOf(db).tables(db)
	if err != nil {
		return err
	}
	known := slices.Clone(derivedTables)
	for _, m := range copiedTables() {
		known = append(known, tableName(db, m))
	}
	var unknown []string
	for _, t := range have {
		if !slices.Contains(known, t) {
			unknown = append(unknown, t)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return fmt.Errorf("the source has tables this version cannot copy: %v", unknown)
	}
	return nil
}

// sameCounts compares every campaign's registrations by group, role and
// status, and the ledger's sums, in the source and the copy.
func sameCounts(src, dst *gorm.DB) error {
	const q = `SELECT campaign_id, group_id, role_id, status, COUNT(*) AS n FROM registrations
		GROUP BY campaign_id, group_id, role_id, status ORDER BY campaign_id, group_id, role_id, status`
	const ql = `SELECT campaign_id, group_id, role_id, status, SUM(ins - outs) AS n FROM status_days
		GROUP BY campaign_id, group_id, role_id, status HAVING SUM(ins - outs) <> 0
		ORDER BY campaign_id, group_id, role_id, status`
	type row struct {
		CampaignID, GroupID, RoleID uint
		Status                      string
		N                           int64
	}
	var a, b, la, lb []row
	for _, r := range []struct {
		db  *gorm.DB
		q   string
		out *[]row
	}{{src, q, &a}, {dst, q, &b}, {src, ql, &la}, {dst, ql, &lb}} {
		if err := r.db.Raw(r.q).Scan(r.out).Error; err != nil {
			return err
		}
	}
	if !slices.Equal(a, b) {
		return fmt.Errorf("%w: registrations by campaign, group, role and status", ErrCopyMismatch)
	}
	if !slices.Equal(la, lb) {
		return fmt.Errorf("%w: the status ledger", ErrCopyMismatch)
	}
	return nil
}
