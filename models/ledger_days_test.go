package models

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// openZone opens a fresh database whose ledger counts days in zone.
func openZone(tb testing.TB, path string, zone *time.Location) *Store {
	tb.Helper()
	s, err := Open(path, nil, WithZone(zone))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// history drives a random history through the Store's own paths on a
// clock it owns: sign-ups from three groups into small quotas (waitlists),
// the same person again from another group (the registration changes group
// without an event), role switches (moves, waitlisted switches), 接龙
// lists, cancellations (promotions), hand promotions. The clock walks over
// days, lands now and then exactly on a local midnight or a nanosecond
// before it, and sometimes steps back an hour.
type history struct {
	t   *testing.T
	s   *Store
	c   Campaign
	rnd *rand.Rand
	now time.Time
}

func newHistory(t *testing.T, s *Store, start time.Time, seed uint64) *history {
	h := &history{t: t, s: s, rnd: rand.New(rand.NewPCG(seed, 11)), now: start}
	s.Now = func() time.Time { return h.now }
	h.c = mustCampaign(t, s, 5, 7)
	return h
}

// tick moves the clock for the next action.
func (h *history) tick() {
	loc := h.now.Location()
	switch h.rnd.IntN(10) {
	case 0: // the next local midnight, exactly
		y, m, d := h.now.Date()
		h.now = time.Date(y, m, d+1, 0, 0, 0, 0, loc)
	case 1: // a nanosecond before it
		y, m, d := h.now.Date()
		h.now = time.Date(y, m, d+1, 0, 0, 0, 0, loc).Add(-time.Nanosecond)
	case 2: // the clock set back
		h.now = h.now.Add(-time.Hour)
	default:
		h.now = h.now.Add(time.Duration(h.rnd.IntN(5*3600)) * time.Second)
	}
}

// act does one random thing; errors a member could cause are fine.
func (h *history) act() {
	ctx := context.Background()
	p := h.rnd.IntN(40)
	// Mostly the person's own group; now and then another, which is refused.
	gi := p % 3
	if h.rnd.IntN(5) == 0 {
		gi = h.rnd.IntN(3)
	}
	g := []string{"甲群", "乙群", "丙群"}[gi]
	req := SignUpRequest{CampaignID: h.c.ID, RoleCode: []string{"pioneer", "reserve"}[h.rnd.IntN(2)],
		Name: fmt.Sprintf("人%d", p), Phone: phone(p), GroupName: g, Sender: fmt.Sprintf("微信%d", p)}
	var err error
	switch h.rnd.IntN(9) {
	case 0, 1:
		_, err = h.s.CancelByAdmin(ctx, h.c.ID, Who{Phone: phone(p), GroupName: g})
	case 2:
		req.OnlyNew = true
		_, err = h.s.SignUpList(ctx, []SignUpRequest{req, {CampaignID: h.c.ID, RoleCode: "reserve",
			Name: fmt.Sprintf("人%d", p+1), Phone: phone(p + 1), GroupName: g, OnlyNew: true}})
	case 3:
		_, err = h.s.PromoteByHand(ctx, h.c.ID, h.c.Roles[h.rnd.IntN(2)].ID, 1, "测试")
	case 4:
		h.olderWriter()
	default:
		_, err = h.s.SignUp(ctx, req)
	}
	var held *RegisteredError
	if err != nil && !strings.Contains(err.Error(), "not found") && !errors.As(err, &held) {
		h.t.Fatal(err)
	}
}

// olderWriter writes a change event the way a program without the clock
// guard of ledger_history.go could, or an operator by hand: dated up to a day
// before now, so often before the registration's latest event (but not
// before its creation).
func (h *history) olderWriter() {
	var reg Registration
	if err := h.s.db.Order("RANDOM()").First(&reg).Error; err != nil {
		return // no registration yet
	}
	status := []string{StatusConfirmed, StatusWaitlisted, StatusCancelled}[h.rnd.IntN(3)]
	reason := []string{ReasonPromoted, ReasonMoved, ReasonCancelled}[h.rnd.IntN(3)]
	var first time.Time
	if err := h.s.db.Raw(`SELECT at FROM registration_events WHERE registration_id = ? ORDER BY at, id LIMIT 1`, reg.ID).Row().Scan(&first); err != nil {
		return // none yet: (only) a change dated before its registration's creation breaks the history's arithmetic
	}
	at := maxTime(first, h.now.Add(-time.Duration(h.rnd.IntN(24*3600))*time.Second)).UTC()
	if err := h.s.db.Exec(qEventInsert, reg.ID, reg.CampaignID, reg.RoleID, reg.GroupID, status, reason, at).Error; err != nil {
		h.t.Fatal(err)
	}
}

// run does n actions, each after a tick.
func (h *history) run(n int) {
	for range n {
		h.tick()
		h.act()
	}
}

// backfilled turns the first people's history into what a database from
// before the history gets at migration (one backfill event each), and
// rebuilds the ledger as that migration would.
func (h *history) backfilled() {
	if err := h.s.db.Exec(`DELETE FROM registration_events`).Error; err != nil {
		h.t.Fatal(err)
	}
	if err := backfillHistory(h.s.db); err != nil {
		h.t.Fatal(err)
	}
	if err := h.s.refreshLedger(context.Background()); err != nil {
		h.t.Fatal(err)
	}
}

func sortCounts(cs []StatusCount) []StatusCount {
	cs = slices.Clone(cs)
	slices.SortFunc(cs, func(a, b StatusCount) int {
		return cmp.Or(cmp.Compare(a.GroupID, b.GroupID), cmp.Compare(a.RoleID, b.RoleID), strings.Compare(a.Status, b.Status))
	})
	return cs
}

// checkDay asserts, for the day starting at start, that the ledger is used
// and gives exactly the event queries' counts, whose N are the definition's.
func checkDay(t *testing.T, s *Store, c Campaign, start, end time.Time) {
	t.Helper()
	if _, _, ok, err := s.ledgerDays(s.db, start, end); err != nil || !ok {
		t.Fatalf("%s: ledger not used (%v)", start, err)
	}
	got, err := s.StatusCounts(context.Background(), c.ID, start, end)
	if err != nil {
		t.Fatal(err)
	}
	want, err := eventCounts(s.db, c.ID, start, end)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(sortCounts(got), sortCounts(want)) {
		t.Fatalf("%s: ledger %v\nevents %v", start.Format(time.DateOnly), sortCounts(got), sortCounts(want))
	}
	if def := naiveCounts(t, s, c.ID, end); !maps.Equal(countsMap(got), def) {
		t.Fatalf("%s: ledger %v, definition %v", start.Format(time.DateOnly), countsMap(got), def)
	}
}

// ledgerRows is the whole ledger, as text.
func ledgerRows(t *testing.T, s *Store) []string {
	t.Helper()
	var rows []struct {
		CampaignID, GroupID, RoleID uint
		Status, Day                 string
		Ins, Outs                   int
	}
	if err := s.db.Raw(`SELECT * FROM status_days ORDER BY campaign_id, group_id, role_id, status, day`).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = fmt.Sprint(r)
	}
	return out
}

// TestLedgerMatchesTheEvents checks the ledger against the event queries
// and the per-registration definition, every day of random histories
// (backfilled ones included), in a zone without daylight saving and in one
// with it, and that rebuilding the ledger from the events gives the very
// rows kept incrementally.
func TestLedgerMatchesTheEvents(t *testing.T) {
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	for _, z := range []struct {
		name  string
		zone  *time.Location
		start time.Time
	}{
		{"shanghai", time.FixedZone("CST", 8*3600), time.Date(2026, 11, 20, 7, 0, 0, 0, time.FixedZone("CST", 8*3600))},
		{"new-york-dst", newYork, time.Date(2026, 3, 6, 7, 0, 0, 0, newYork)}, // spring forward on the 8th
	} {
		t.Run(z.name, func(t *testing.T) {
			s := openZone(t, filepath.Join(t.TempDir(), "t.db"), z.zone)
			h := newHistory(t, s, z.start, 5)
			h.run(30)
			h.backfilled()
			h.run(220)
			first := time.Date(z.start.Year(), z.start.Month(), z.start.Day()-1, 0, 0, 0, 0, z.zone)
			for day := first; !day.After(h.now); day = day.AddDate(0, 0, 1) {
				checkDay(t, s, h.c, day, day.AddDate(0, 0, 1))
			}
			checkDay(t, s, h.c, first.AddDate(0, 0, 2), first.AddDate(0, 0, 5)) // several days at once
			kept := ledgerRows(t, s)
			if err := s.refreshLedger(context.Background()); err != nil {
				t.Fatal(err)
			}
			if rebuilt := ledgerRows(t, s); !slices.Equal(kept, rebuilt) {
				t.Errorf("rebuilt ledger differs from the one kept:\nkept    %v\nrebuilt %v", kept, rebuilt)
			}
			checkExercised(t, s)
		})
	}
}

// checkExercised asserts the random history had every kind of event.
func checkExercised(t *testing.T, s *Store) {
	t.Helper()
	var reasons []string
	s.db.Raw(`SELECT DISTINCT reason FROM registration_events ORDER BY 1`).Scan(&reasons)
	want := []string{ReasonBackfill, ReasonCancelled, ReasonChain, ReasonMoved, ReasonPromoted, ReasonSignUp, ReasonWaitlist}
	if !slices.Equal(reasons, want) {
		t.Errorf("history had %v, want every one of %v", reasons, want)
	}
}

// TestLedgerOtherZoneFallsBack: a day of another zone is counted from the
// events (the ledger's days are not its days), and is still exact.
func TestLedgerOtherZoneFallsBack(t *testing.T) {
	s := mustOpen(t)
	h := newHistory(t, s, time.Date(2026, 11, 20, 7, 0, 0, 0, time.FixedZone("CST", 8*3600)), 3)
	h.run(80)
	for day := time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC); !day.After(h.now); day = day.AddDate(0, 0, 1) {
		end := day.AddDate(0, 0, 1)
		if _, _, ok, _ := s.ledgerDays(s.db, day, end); ok {
			t.Fatalf("a UTC day read from a ledger kept in Asia/Shanghai")
		}
		got, err := s.StatusCounts(context.Background(), h.c.ID, day, end)
		if err != nil {
			t.Fatal(err)
		}
		if def := naiveCounts(t, s, h.c.ID, end); !maps.Equal(countsMap(got), def) {
			t.Fatalf("%s UTC: %v, definition %v", day.Format(time.DateOnly), countsMap(got), def)
		}
	}
}

// TestLedgerZoneIsKept: the zone is recorded when the ledger is created and
// a later Open with another zone keeps it (no mixed buckets).
func TestLedgerZoneIsKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.db")
	s, err := Open(path, nil, WithZone(time.FixedZone("UTC+3", 3*3600)))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = openZone(t, path, time.UTC)
	zone, err := s.ledger.lookup(s.db)
	if err != nil {
		t.Fatal(err)
	}
	if _, off := time.Date(2026, 1, 1, 0, 0, 0, 0, zone).Zone(); off != 3*3600 || zone.String() != "UTC+3" {
		t.Errorf("ledger zone %v (offset %d), want the UTC+3 it was created with", zone, off)
	}
	def := mustOpen(t)
	if zone, err := def.ledger.lookup(def.db); err != nil || zone.String() != defaultZone {
		t.Errorf("default ledger zone %v (%v), want %s", zone, err, defaultZone)
	}
}

// TestOpenExistingLeavesTheLedgerToOpen: a database from before the ledger
// opened with OpenExisting gets no ledger and reports from the events; a
// store opened that way before another process builds the ledger counts
// its later events in it.
func TestOpenExistingLeavesTheLedgerToOpen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.db")
	old := openZone(t, path, time.UTC)
	h := newHistory(t, old, time.Date(2026, 11, 20, 7, 0, 0, 0, time.FixedZone("CST", 8*3600)), 9)
	h.run(40)
	for _, q := range []string{`DROP TRIGGER status_days_in`, `DROP TRIGGER status_days_out`, `DROP TRIGGER status_days_reorder`,
		`DROP TABLE status_days`, `DROP TABLE status_ledger`, `DROP TABLE status_zone`} {
		if err := old.db.Exec(q).Error; err != nil {
			t.Fatal(err)
		}
	}
	old.Close()

	reader, err := OpenExisting(path, nil, WithZone(time.UTC)) // as the commands pass it
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	reader.Now = old.Now
	var n int
	reader.db.Raw(sqlLedgerExists).Scan(&n)
	if n != 0 {
		t.Fatal("OpenExisting created the ledger")
	}
	day := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	got, err := reader.StatusCounts(ctx, h.c.ID, day, day.AddDate(0, 0, 1))
	if err != nil || !maps.Equal(countsMap(got), naiveCounts(t, reader, h.c.ID, day.AddDate(0, 0, 1))) {
		t.Fatalf("without a ledger: %v (%v)", countsMap(got), err)
	}

	writer := openZone(t, path, time.UTC) // builds the ledger
	kept := len(ledgerRows(t, writer))
	h.s = reader // later events come through the store that found no ledger
	h.run(40)
	if len(ledgerRows(t, writer)) == kept {
		t.Fatal("the reader's later events were not counted")
	}
	checkDay(t, writer, h.c, day, day.AddDate(0, 0, 3))
	counted := ledgerRows(t, writer)
	if err := writer.refreshLedger(ctx); err != nil {
		t.Fatal(err)
	}
	if rebuilt := ledgerRows(t, writer); !slices.Equal(counted, rebuilt) {
		t.Errorf("ledger kept across processes differs from a rebuild")
	}
}

// TestLedgerDailyCounts: the workbook's day-by-day deltas read from the
// ledger sum, per day, role and status, to the event queries' deltas; a
// zone whose offset changed during the campaign is read from the events.
func TestLedgerDailyCounts(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	h := newHistory(t, s, time.Date(2026, 11, 20, 7, 0, 0, 0, time.FixedZone("CST", 8*3600)), 4)
	h.run(120)
	end := time.Date(2026, 11, 24, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))
	if _, ok, err := s.ledgerDailyOK(s.db, h.c.ID, end, 8*time.Hour); err != nil || !ok {
		t.Fatalf("ledger not used for the daily counts (%v)", err)
	}
	got, err := s.DailyCounts(ctx, h.c.ID, end, 8*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	want, err := eventDailyCounts(s.db, h.c.ID, end, 8*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if g, w := dailyMap(got), dailyMap(want); !maps.Equal(g, w) || len(g) < 4 {
		t.Errorf("daily counts from the ledger %v, from the events %v", g, w)
	}

	newYork, _ := time.LoadLocation("America/New_York")
	ny := openZone(t, filepath.Join(t.TempDir(), "ny.db"), newYork)
	nh := newHistory(t, ny, time.Date(2026, 3, 6, 7, 0, 0, 0, newYork), 4)
	nh.run(60)
	nyEnd := time.Date(2026, 3, 12, 0, 0, 0, 0, newYork)
	if _, ok, _ := ny.ledgerDailyOK(ny.db, nh.c.ID, nyEnd, -4*time.Hour); ok {
		t.Error("daily counts over a change of offset read from the ledger at one offset")
	}
}

func dailyMap(rows []DayCount) map[string]int {
	out := map[string]int{}
	for _, r := range rows {
		k := fmt.Sprintf("%s/%d/%s", r.Day, r.RoleID, r.Status)
		out[k] += r.N
		if out[k] == 0 {
			delete(out, k)
		}
	}
	return out
}

// TestCreationReasonsAgree: the SQL list of creation reasons and the hook's
// isCreation name the same reasons.
func TestCreationReasonsAgree(t *testing.T) {
	all := []string{ReasonSignUp, ReasonWaitlist, ReasonPromoted, ReasonMoved, ReasonCancelled, ReasonChain, ReasonBackfill}
	for _, r := range all {
		if inSQL := strings.Contains(creationReasons, "'"+r+"'"); inSQL != isCreation(r) {
			t.Errorf("%s: in creationReasons %v, isCreation %v", r, inSQL, isCreation(r))
		}
	}
}

// TestLedgerQueriesUseIndexes: the ledger's reads and its triggers' lookups
// search indexes; the tally's sum walks the ledger's key with no sort.
func TestLedgerQueriesUseIndexes(t *testing.T) {
	s := mustOpenSQLite(t) // SQLite's planner; PostgreSQL plans for itself
	for _, q := range []struct {
		sql    string
		args   []any
		want   string
		sortOK bool
	}{
		{sqlLedgerCounts, []any{"2026-11-23", "2026-11-23", 1, "2026-11-24"}, "SEARCH status_days USING PRIMARY KEY (campaign_id=?)", false},
		{sqlLedgerDaily, []any{1, "2026-11-24"}, "SEARCH status_days USING PRIMARY KEY (campaign_id=?)", true},
		{sqlFirstEvent, []any{1}, "idx_regev_campaign_at", false},
		{qLatestEvent, []any{1}, "idx_regev_reg (registration_id=?)", false},
		{triggerSQL(`SELECT ` + localDay(sqliteDialect{}, "NEW.at")), nil, "SEARCH z USING PRIMARY KEY (from_at<?)", false},
		{triggerSQL(`SELECT ` + newPredecessor), nil, "idx_regev_reg (registration_id=? AND at", false},
		{triggerSQL(`SELECT ` + newSuccessor), nil, "idx_regev_reg (registration_id=? AND at", false},
	} {
		var rows []struct{ Detail string }
		if err := s.db.Raw("EXPLAIN QUERY PLAN "+q.sql, q.args...).Scan(&rows).Error; err != nil {
			t.Fatalf("%s: %v", q.sql, err)
		}
		var plan []string
		for _, r := range rows {
			plan = append(plan, r.Detail)
		}
		all := strings.Join(plan, " | ")
		if strings.Contains(strings.ReplaceAll(all, "SCAN CONSTANT ROW", ""), "SCAN ") || (!q.sortOK && strings.Contains(all, "TEMP B-TREE")) || !strings.Contains(all, q.want) {
			t.Errorf("plan of\n%s\nis %q; want %q, no scan", q.sql, all, q.want)
		}
	}
}

// TestClockSetBackKeepsTheOrder: a change made after the clock was set back
// is dated at its registration's latest event, so it stays the latest
// (status = latest event) and the ledger takes back the right predecessor.
func TestClockSetBackKeepsTheOrder(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	loc := time.FixedZone("CST", 8*3600)
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, loc)
	s.Now = func() time.Time { return now }
	c := mustCampaign(t, s, 5, 5)
	mustSignUp(t, s, c, "pioneer", 1)
	now = now.Add(-time.Hour)
	if _, err := s.CancelByAdmin(ctx, c.ID, Who{Phone: phone(1), GroupName: testGroup}); err != nil {
		t.Fatal(err)
	}
	var ats []time.Time
	if err := s.db.Raw(`SELECT at FROM registration_events ORDER BY id`).Scan(&ats).Error; err != nil {
		t.Fatal(err)
	}
	if len(ats) != 2 || !ats[1].Equal(ats[0]) {
		t.Errorf("event times %v: the cancellation should be dated at the sign-up", ats)
	}
	day := time.Date(2026, 11, 23, 0, 0, 0, 0, loc)
	checkDay(t, s, c, day, day.AddDate(0, 0, 1))
	got, _ := s.StatusCounts(ctx, c.ID, day, day.AddDate(0, 0, 1))
	if m := countsMap(got); len(m) != 1 || m[fmt.Sprintf("%d/%d/%s", 1, c.Roles[0].ID, StatusCancelled)] != 1 {
		t.Errorf("counts %v, want the one registration cancelled", m)
	}
}

// triggerSQL is a trigger's subquery with NEW's columns given values, so
// its plan can be read.
func triggerSQL(q string) string {
	return strings.NewReplacer("NEW.registration_id", "1", "NEW.at", "'2026-11-23 01:00:00+00:00'", "NEW.id", "5").Replace(q)
}

// TestLedgerTakesEventsOutOfOrder: an event written, past this program's
// clock guard, between two events of a registration (an older mobilize, or
// by hand) becomes the later change's predecessor in the ledger as in the
// event queries, and a rebuild agrees; a first-version ledger (no
// triggers) is given its triggers and rebuilt by the next Open.
func TestLedgerTakesEventsOutOfOrder(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.db")
	s := openZone(t, path, time.FixedZone("CST", 8*3600))
	loc := time.FixedZone("CST", 8*3600)
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, loc)
	s.Now = func() time.Time { return now }
	c := mustCampaign(t, s, 5, 5)
	reg := mustSignUp(t, s, c, "pioneer", 1).Reg
	now = time.Date(2026, 11, 25, 12, 0, 0, 0, loc)
	if _, err := s.CancelByAdmin(ctx, c.ID, Who{Phone: phone(1), GroupName: testGroup}); err != nil {
		t.Fatal(err)
	}
	between := time.Date(2026, 11, 24, 11, 0, 0, 0, loc).UTC()
	if err := s.db.Exec(qEventInsert, reg.ID, c.ID, c.Roles[1].ID, reg.GroupID, StatusWaitlisted, ReasonMoved, between).Error; err != nil {
		t.Fatal(err)
	}
	for day := time.Date(2026, 11, 23, 0, 0, 0, 0, loc); day.Before(now); day = day.AddDate(0, 0, 1) {
		checkDay(t, s, c, day, day.AddDate(0, 0, 1))
	}
	kept := ledgerRows(t, s)
	if err := s.refreshLedger(ctx); err != nil {
		t.Fatal(err)
	}
	if rebuilt := ledgerRows(t, s); !slices.Equal(kept, rebuilt) {
		t.Errorf("ledger after an out-of-order event:\nkept    %v\nrebuilt %v", kept, rebuilt)
	}

	for _, q := range []string{`DROP TRIGGER status_days_in`, `DROP TRIGGER status_days_out`, `DROP TRIGGER status_days_reorder`,
		`DROP TABLE status_zone`, `DELETE FROM status_days`} {
		if err := s.db.Exec(q).Error; err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	again := openZone(t, path, time.UTC)
	if zone, err := again.LedgerZone(ctx); err != nil || zone.String() != "CST" {
		t.Fatalf("upgraded ledger zone %v (%v), want the CST it recorded", zone, err)
	}
	if got := ledgerRows(t, again); !slices.Equal(got, kept) {
		t.Errorf("upgraded ledger %v, want %v", got, kept)
	}
}
