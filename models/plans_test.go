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
	s := mustOpen(t)
	mustCampaign(t, s, 1, 1)
	cases := []struct {
		q     string
		args  []any
		index string // the index the plan must name ("" = only no scan)
	}{
		{qRole, []any{1, "pioneer"}, "idx_role_code"},
		{qGroup, []any{"群"}, "idx_groups_name"},
		{qVolByPhone, []any{"13800138000"}, "idx_volunteers_phone"},
		{qVolByName, []any{"群", "张三"}, "idx_vol_lookup"},
		{qKnown, []any{1, 1}, "idx_reg_campaign_vol"},
		{qCounter, []any{1}, ""},
		{qCounterInit, []any{1, 1}, "idx_reg_queue"},
		{qCounterBump, []any{1, 0, 0, 1}, ""},
		{qOrgConfirmed, []any{1, 1}, "idx_reg_group_role"},
		{qPosition, []any{1, 5}, "idx_reg_queue"},
		{qWaiting, []any{1, 0, waitPage}, "idx_reg_queue"},
		{qCancelReg, []any{fixedNow, fixedNow, 1}, ""},
		{qPromoteReg, []any{fixedNow, fixedNow, 1}, ""},
		{qUnswitch, []any{1}, "idx_reg_switch"},
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
		if len(plan) == 0 || scans || strings.Contains(all, "TEMP B-TREE") ||
			!strings.Contains(all, c.index) {
			t.Errorf("plan of\n%s\nis %q; want index searches only (using %s)", c.q, all, c.index)
		}
	}
}
