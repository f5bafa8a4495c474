package loadgen

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"mobilize/models"
)

// ScaleSizes are the trust issue's scale goals: a million registrations,
// a hundred thousand service records, ten thousand pledges, a thousand
// organizations, over thirty days.
var ScaleSizes = Sizes{Registrations: 1_000_000, ServiceLogs: 100_000, Pledges: 10_000, Organizations: 1_000, Days: 30}

// Scaled is n in the proportions of ScaleSizes with regs registrations
// (at least one organization, the same days), for measuring below a
// million where a million takes too long to generate.
func Scaled(regs int) Sizes {
	n := ScaleSizes
	part := func(of int) int { return int(int64(of) * int64(regs) / int64(n.Registrations)) }
	return Sizes{Registrations: regs, ServiceLogs: part(n.ServiceLogs), Pledges: part(n.Pledges),
		Organizations: max(part(n.Organizations), 1), Days: n.Days}
}

// Database returns the path of a generated database of n for the report
// and export benchmarks: $MOBILIZE_BENCH_DB when it names an existing
// file (generated earlier: a million rows take minutes on a shared
// machine), otherwise a new file in dir (generated now, and kept at
// $MOBILIZE_BENCH_DB when that is set). It returns the campaign and the
// day the generated data ends.
func Database(ctx context.Context, dir string, n Sizes, loc *time.Location) (path string, campaign uint, last string, err error) {
	path = os.Getenv("MOBILIZE_BENCH_DB")
	if path != "" {
		if _, err := os.Stat(path); err == nil {
			return path, 1, lastDay(n, loc), nil
		}
	} else {
		path = filepath.Join(dir, "bench.db")
	}
	campaign, last, err = At(ctx, path, n, loc)
	return path, campaign, last, err
}

// At makes the database at dsn — a SQLite path or a postgres:// URL, as
// models.Open takes — a generated one of n: an empty database is filled
// (Generate), one generated earlier with n's registrations is kept as it
// is, anything else is refused. On PostgreSQL the new tables are then
// rewritten compact and analysed (VACUUM FULL, 30 s at a million): in the
// one loading transaction every event's trigger left a new version of its
// ledger row that no later commit could prune, so status_days held 99,128
// rows in 99 MB where a live deployment's, pruned as it goes, or a copy's
// hold them in 9 MB, and the report read ten times the pages it would.
// A plain VACUUM follows, which marks the pages all-visible as autovacuum
// would (FULL does not): without it no count could be answered from an
// index alone, and the roles' counts read the whole table's heap (1.26 s
// for what takes 0.32 s). It returns the campaign and the day the
// generated data ends.
func At(ctx context.Context, dsn string, n Sizes, loc *time.Location) (campaign uint, last string, err error) {
	s, err := models.Open(dsn, nil)
	if err != nil {
		return 0, "", err
	}
	defer s.Close()
	if empty, err := s.IsEmpty(ctx); err != nil {
		return 0, "", err
	} else if !empty {
		return kept(ctx, s, n, loc)
	}
	c, _, err := Generate(ctx, s, n, loc)
	if err != nil {
		return 0, "", err
	}
	return c.ID, lastDay(n, loc), s.Autocommit(ctx, compact)
}

// compact is At's VACUUM FULL on PostgreSQL, of the schema's own tables
// only: the server may hold others' (the tests' schemas), which a
// database-wide one would lock one after the other.
func compact(db models.Raw) error {
	if !db.Postgres() {
		return nil
	}
	var tables string
	err := db.QueryRow(`SELECT string_agg(quote_ident(tablename), ', ') FROM pg_tables WHERE schemaname = current_schema()`).Scan(&tables)
	if err == nil {
		_, err = db.Exec("VACUUM (FULL, ANALYZE) " + tables)
	}
	if err == nil {
		_, err = db.Exec("VACUUM " + tables)
	}
	return err
}

// kept accepts a database generated earlier: campaign 1 with n's
// registrations. A generation cut off halfway leaves the campaign without
// them (Generate writes them in one transaction after creating it).
func kept(ctx context.Context, s *models.Store, n Sizes, loc *time.Location) (uint, string, error) {
	got, err := s.CountRegistrations(ctx, 1)
	if err != nil {
		return 0, "", err
	}
	if got != n.Registrations {
		return 0, "", fmt.Errorf("bench database is not empty and not a generated one of %d registrations (campaign 1 has %d): empty it first",
			n.Registrations, got)
	}
	return 1, lastDay(n, loc), nil
}

// lastDay is the day the generated data ends, YYYY-MM-DD in loc.
func lastDay(n Sizes, loc *time.Location) string {
	return time.Date(2026, 11, 1, 0, 0, 0, 0, loc).AddDate(0, 0, n.Days-1).Format("2006-01-02")
}
