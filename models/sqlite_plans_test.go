package models

import (
	"strings"
	"testing"
)

// TestHotPathQueryPlans checks that no statement on the sign-up and
// cancellation path scans a table or sorts: each is an index search, so its
// cost does not grow with the campaign (the issue measured 133 ms a sign-up
// at 1,000,000 registrations when two of them scanned the campaign).
func TestHotPathQueryPlans(t *testing.T) {
	s := mustOpenSQLite(t) // SQLite's planner; PostgreSQL plans for itself
	mustCampaign(t, s, 1, 1)
	cases := []struct {
		q     string
		args  []any
		index string // the index the plan must name ("" = only no scan)
		// fewRows: a sort is allowed, of rows already found by index (a
		// campaign's few roles)
		fewRows bool
	}{
		{q: qRole, args: []any{1, "pioneer"}, index: "idx_role_code"},
		{q: qGroup, args: []any{"群"}, index: "idx_groups_name"},
		{q: qVolByPhone, args: []any{"13800138000"}, index: "idx_volunteers_phone"},
		{q: qVolByName, args: []any{"群", "张三"}, index: "idx_vol_lookup"},
		{q: qKnown, args: []any{1, 1}, index: "idx_reg_campaign_vol"},
		{q: qCounter, args: []any{1}, index: ""},
		{q: qCounterInit, args: []any{1, 1}, index: "idx_reg_queue"},
		{q: qCounterBump, args: []any{1, 0, 0, 0, 1}, index: ""},
		{q: qOrgConfirmed, args: []any{1, 1}, index: "idx_reg_group_role"},
		{q: qPosition, args: []any{1, 5}, index: "idx_reg_queue"},
		{q: qWaiting, args: []any{1, 0, waitPage}, index: "idx_reg_queue"},
		{q: qCancelReg, args: []any{fixedNow, fixedNow, 1}, index: ""},
		{q: qPromoteReg, args: []any{fixedNow, fixedNow, 1}, index: ""},
		{q: qUnswitch, args: []any{1}, index: "idx_reg_switch"},
		{q: sqlRoleCounts, args: []any{1}, index: "idx_reg_queue", fewRows: true},
	}
	for _, c := range cases {
		var rows []struct{ Detail string }
		if err := s.db.Raw("EXPLAIN QUERY PLAN "+c.q, c.args...).Scan(&rows).Error; err != nil {
			t.Fatalf("%s: %v", c.q, err)
		}
		var plan []string
		for _, r := range rows {
			plan = append(plan, r.Detail)
		}
		all := strings.Join(plan, " | ")
		scans := strings.Contains(strings.ReplaceAll(all, "SCAN CONSTANT ROW", ""), "SCAN")
		sorts := strings.Contains(all, "TEMP B-TREE") && !c.fewRows
		if len(plan) == 0 || scans || sorts ||
			!strings.Contains(all, c.index) {
			t.Errorf("plan of\n%s\nis %q; want index searches only (using %s)", c.q, all, c.index)
		}
	}
}
