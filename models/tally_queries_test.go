package models

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// naiveCounts is the definition the tally must match: each registration's
// latest event before end, counted per (group, role, status).
func naiveCounts(t *testing.T, s *Store, campaignID uint, end time.Time) map[string]int {
	t.Helper()
	var rows []struct {
		GroupID, RoleID uint
		Status          string
		N               int
	}
	err := s.db.Raw(`SELECT e.group_id, e.role_id, e.status, COUNT(*) AS n FROM registration_events e
		WHERE e.campaign_id = ? AND e.id = (SELECT x.id FROM registration_events x WHERE x.registration_id = e.registration_id
			AND x.at < ? ORDER BY x.at DESC, x.id DESC LIMIT 1)
		GROUP BY 1, 2, 3`, campaignID, end.UTC()).Scan(&rows).Error
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, r := range rows {
		out[fmt.Sprintf("%d/%d/%s", r.GroupID, r.RoleID, r.Status)] = r.N
	}
	return out
}

func countsMap(cs []StatusCount) map[string]int {
	out := map[string]int{}
	for _, c := range cs {
		if c.N != 0 {
			out[fmt.Sprintf("%d/%d/%s", c.GroupID, c.RoleID, c.Status)] = c.N
		}
	}
	return out
}

// TestStatusCountsMatchTheLatestEvent drives random sign-ups, role
// switches, cancellations and promotions over several days through the
// Store, then checks every day's counts against the per-registration
// definition, and that later days never change an earlier one.
func TestStatusCountsMatchTheLatestEvent(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	loc := time.FixedZone("CST", 8*3600)
	now := time.Date(2026, 11, 20, 8, 0, 0, 0, loc)
	s.Now = func() time.Time { return now }
	c := mustCampaign(t, s, 6, 8)
	rnd := rand.New(rand.NewPCG(7, 9))
	groups := []string{"甲群", "乙群", "丙群"}
	days := 5
	snapshots := map[int]map[string]int{}
	for d := 0; d < days; d++ {
		for i := 0; i < 25; i++ {
			now = time.Date(2026, 11, 20+d, 8, i, 0, 0, loc)
			p, g := rnd.IntN(30), groups[rnd.IntN(len(groups))]
			if rnd.IntN(4) == 0 {
				s.CancelByAdmin(ctx, c.ID, Who{Phone: phone(p), GroupName: g}) // may find nothing: fine
				continue
			}
			role := []string{"pioneer", "reserve"}[rnd.IntN(2)]
			if _, err := s.SignUp(ctx, SignUpRequest{CampaignID: c.ID, RoleCode: role, Name: fmt.Sprintf("人%d", p),
				Phone: phone(p), GroupName: g, Sender: fmt.Sprintf("微信%d", p)}); err != nil && !errors.As(err, new(*RegisteredError)) {
				t.Fatal(err)
			}
		}
		start := time.Date(2026, 11, 20+d, 0, 0, 0, 0, loc)
		got, err := s.StatusCounts(ctx, c.ID, start, start.AddDate(0, 0, 1))
		if err != nil {
			t.Fatal(err)
		}
		want := naiveCounts(t, s, c.ID, start.AddDate(0, 0, 1))
		if !maps.Equal(countsMap(got), want) {
			t.Fatalf("day %d: counts %v, want %v", d, countsMap(got), want)
		}
		snapshots[d] = countsMap(got)
	}
	for d := 0; d < days; d++ {
		start := time.Date(2026, 11, 20+d, 0, 0, 0, 0, loc)
		got, err := s.StatusCounts(ctx, c.ID, start, start.AddDate(0, 0, 1))
		if err != nil {
			t.Fatal(err)
		}
		if !maps.Equal(countsMap(got), snapshots[d]) {
			t.Errorf("day %d changed after later days: %v, was %v", d, countsMap(got), snapshots[d])
		}
	}
	var moves int64
	s.db.Raw(`SELECT COUNT(*) FROM registration_events WHERE reason IN ('promoted', 'moved', 'cancelled')`).Scan(&moves)
	if moves < 10 {
		t.Errorf("only %d changes were exercised", moves)
	}
}

// TestReportQueriesUseIndexes reads SQLite's plan for every report query:
// each must search an index (no full scan of a large table, no temporary
// sort over registrations or events).
func TestReportQueriesUseIndexes(t *testing.T) {
	s := mustOpenSQLite(t) // SQLite's planner; PostgreSQL plans for itself
	c := mustCampaign(t, s, 1, 1)
	start := fixedNow
	for _, q := range reportQueries(c.ID, start, start.AddDate(0, 0, 1), "2026-11-23") {
		var plan []struct {
			Detail string
		}
		if err := s.db.Raw("EXPLAIN QUERY PLAN "+q.sql, q.args...).Scan(&plan).Error; err != nil {
			t.Fatalf("%s: %v", q.name, err)
		}
		var lines []string
		for _, p := range plan {
			lines = append(lines, p.Detail)
		}
		text := strings.Join(lines, "\n")
		for _, want := range q.want {
			if !strings.Contains(text, want) {
				t.Errorf("%s: plan lacks %q:\n%s", q.name, want, text)
			}
		}
		for _, l := range lines {
			if strings.HasPrefix(l, "SCAN ") && !slices.Contains(q.scanOK, strings.Fields(l)[1]) {
				t.Errorf("%s: full scan %q:\n%s", q.name, l, text)
			}
			if strings.Contains(l, "TEMP B-TREE") && !q.sortOK {
				t.Errorf("%s: sorts in a temporary b-tree:\n%s", q.name, text)
			}
		}
	}
}

// planCase is one report query with what its plan must show.
type planCase struct {
	name   string
	sql    string
	args   []any
	want   []string // index names the plan must use
	scanOK []string // small tables a full scan is fine for
	sortOK bool     // a temporary b-tree over few rows is fine
}

func reportQueries(campaignID uint, start, end time.Time, day string) []planCase {
	return []planCase{
		{name: "tally events", sql: sqlTallyEvents, args: []any{start, campaignID, end},
			want: []string{"COVERING INDEX idx_regev_tally"}},
		{name: "tally changes", sql: sqlTallyChanges, args: []any{start, campaignID, end},
			want: []string{"INDEX idx_regev_changes", "INDEX idx_regev_reg"}, sortOK: true},
		{name: "day changes", sql: sqlDayChanges, args: []any{campaignID, start, end},
			want: []string{"INDEX idx_regev_changes", "INDEX idx_regev_reg"}, sortOK: true},
		{name: "service totals", sql: sqlServiceTotals, args: []any{day, day, day, campaignID, day},
			want: []string{"COVERING INDEX idx_service_tally"}},
		{name: "pledge totals", sql: sqlPledgeTotals(sqliteDialect{}), args: []any{day, day, campaignID, day},
			want: []string{"idx_pledges_campaign_id"}, sortOK: true},
		{name: "groups", sql: sqlGroupOrgs, scanOK: []string{"o"}, want: []string{"idx_groups_organization_id"}, sortOK: true},
	}
}
