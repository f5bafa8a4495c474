package loadgen

import (
	"cmp"
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"mobilize/internal/pgtest"
	"mobilize/models"
	"mobilize/report"
)

// alikeSizes has waitlists, cancellations and promotions in every role's
// queue, and more rows than one batch of every table (batch.go).
var alikeSizes = Sizes{Registrations: 3_000, ServiceLogs: 700, Pledges: 600, Organizations: 20, Days: 30}

// TestGeneratedAlikeOnBothDatabases: the fixture generated on PostgreSQL
// holds what the one generated on SQLite holds — the roster in queue
// order with every time, the service records, the pledges, the ledger's
// day-by-day counts and the tally of every day — so the benchmarks' figures
// on the two compare.
func TestGeneratedAlikeOnBothDatabases(t *testing.T) {
	if pgtest.URL() == "" {
		t.Skip(pgtest.Env + " is not set (.ci/run sets it)")
	}
	loc := time.FixedZone("CST", 8*3600)
	lite := fingerprint(t, filepath.Join(t.TempDir(), "bench.db"), loc)
	dsn := pgtest.Schema(t)
	pg := fingerprint(t, dsn, loc)
	settled(t, dsn)
	if len(lite) != len(pg) {
		t.Fatalf("SQLite has %d lines, PostgreSQL %d", len(lite), len(pg))
	}
	for i := range lite {
		if lite[i] != pg[i] {
			t.Fatalf("line %d differs:\nSQLite     %s\nPostgreSQL %s", i, lite[i], pg[i])
		}
	}
}

// fingerprint generates alikeSizes at dsn and prints what it holds, one
// line per row or day.
func fingerprint(t *testing.T, dsn string, loc *time.Location) []string {
	t.Helper()
	ctx := context.Background()
	c, last, err := At(ctx, dsn, alikeSizes, loc)
	if err != nil {
		t.Fatal(err)
	}
	s, err := models.OpenExisting(dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var lines []string
	add := func(v any) error { lines = append(lines, fmt.Sprintf("%+v", inUTC(v))); return nil }
	end, _ := time.ParseInLocation("2006-01-02", last, loc)
	end = end.AddDate(0, 0, 1)
	err = s.EachRosterRow(ctx, c, func(r models.RosterRow) error { return add(r) })
	if err == nil {
		err = s.EachServiceRow(ctx, c, last, func(r models.ServiceRow) error { return add(r) })
	}
	if err == nil {
		err = s.EachPledgeRow(ctx, c, end, func(r models.PledgeRow) error { return add(r) })
	}
	if err != nil {
		t.Fatal(err)
	}
	days, err := s.DailyCounts(ctx, c, end, 8*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	// in no order the query promises
	slices.SortFunc(days, func(a, b models.DayCount) int {
		return cmp.Or(strings.Compare(a.Day, b.Day), cmp.Compare(a.RoleID, b.RoleID), strings.Compare(a.Status, b.Status))
	})
	for _, d := range days {
		add(d)
	}
	for day := time.Date(2026, 11, 1, 0, 0, 0, 0, loc); day.Before(end); day = day.AddDate(0, 0, 1) {
		tally, err := report.Compute(ctx, s, c, day.Format("2006-01-02"), loc)
		if err != nil {
			t.Fatal(err)
		}
		tally.Generated = time.Time{}
		add(tally)
	}
	if len(lines) < alikeSizes.Registrations+alikeSizes.ServiceLogs+alikeSizes.Pledges+alikeSizes.Days {
		t.Fatalf("%s: only %d lines", dsn, len(lines))
	}
	return lines
}

// inUTC is v (a struct) with its time fields in UTC, as each database's
// driver hands times back in a zone of its own.
func inUTC(v any) any {
	rv := reflect.ValueOf(&v).Elem().Elem()
	cp := reflect.New(rv.Type()).Elem()
	cp.Set(rv)
	for i := range cp.NumField() {
		f := cp.Field(i)
		if !f.CanSet() {
			continue
		}
		switch x := f.Interface().(type) {
		case time.Time:
			f.Set(reflect.ValueOf(x.UTC()))
		case *time.Time:
			if x != nil {
				u := x.UTC()
				f.Set(reflect.ValueOf(&u))
			}
		}
	}
	return strings.TrimSpace(fmt.Sprintf("%+v", cp.Interface()))
}

// settled: At left the PostgreSQL fixture as autovacuum would, every page
// of the registrations all-visible, so counts can be answered from an index.
func settled(t *testing.T, dsn string) {
	t.Helper()
	s, err := models.OpenExisting(dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var pages, visible int
	err = s.Autocommit(context.Background(), func(db models.Raw) error {
		return db.QueryRow(`SELECT relpages, relallvisible FROM pg_class WHERE oid = 'registrations'::regclass`).Scan(&pages, &visible)
	})
	if err != nil || pages == 0 || visible != pages {
		t.Fatalf("registrations: %d of %d pages all-visible (%v)", visible, pages, err)
	}
}
