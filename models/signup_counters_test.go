package models

import (
	"context"
	"fmt"
	"testing"
)

// assertCounters checks every role's counter against a count of its
// registrations, and that no role used by a registration lacks a counter
// after a sign-up touched it.
func assertCounters(t *testing.T, s *Store) {
	t.Helper()
	var bad []struct {
		RoleID                      uint
		Confirmed, Waitlisted, Seq  int64
		NConfirmed, NWaitlisted, NS int64
	}
	err := s.db.Raw(`SELECT c.role_id, c.confirmed, c.waitlisted, c.wait_seq AS seq,
			(SELECT COUNT(*) FROM registrations r WHERE r.role_id = c.role_id AND r.status = 'confirmed') AS n_confirmed,
			(SELECT COUNT(*) FROM registrations r WHERE r.role_id = c.role_id AND r.status = 'waitlisted') AS n_waitlisted,
			(SELECT COALESCE(MAX(wait_seq), 0) FROM registrations r WHERE r.role_id = c.role_id) AS ns
		FROM role_counters c`).Scan(&bad).Error
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bad {
		if b.Confirmed != b.NConfirmed || b.Waitlisted != b.NWaitlisted || b.Seq < b.NS {
			t.Errorf("role %d counter %d/%d seq %d, registrations %d/%d seq %d", b.RoleID,
				b.Confirmed, b.Waitlisted, b.Seq, b.NConfirmed, b.NWaitlisted, b.NS)
		}
	}
}

// TestCountersFollowEveryChange drives sign-ups, switches, organization
// caps, cancellations and promotions, checking the counters after each.
func TestCountersFollowEveryChange(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	c, err := s.CreateCampaign(ctx, NewCampaign{Title: "t", Roles: []Role{
		{Code: "pioneer", Name: "先锋", Quota: 3, OrgCap: 2}, {Code: "reserve", Name: "储备", Quota: 2}}})
	if err != nil {
		t.Fatal(err)
	}
	sign := func(i int, role string) {
		t.Helper()
		if _, err := s.SignUp(ctx, SignUpRequest{CampaignID: c.ID, RoleCode: role, Name: fmt.Sprint("人", i),
			Phone: phone(i), GroupName: fmt.Sprint("群", i%2), Sender: fmt.Sprint("微信", i)}); err != nil {
			t.Fatal(err)
		}
		assertCounters(t, s)
	}
	cancel := func(i int) {
		t.Helper()
		if _, err := s.CancelByAdmin(ctx, c.ID, Who{GroupName: fmt.Sprint("群", i%2), Phone: phone(i)}); err != nil {
			t.Fatal(err)
		}
		assertCounters(t, s)
	}
	for i := 0; i < 6; i++ {
		sign(i, "pioneer") // 0, 2 (群0) and 1 confirmed; 3 capped?; 4 org full; 5...
	}
	for i := 6; i < 10; i++ {
		sign(i, "reserve")
	}
	sign(7, "pioneer") // a waitlisted switch keeping reserve
	sign(8, "pioneer")
	cancel(0)
	cancel(1)
	sign(6, "pioneer")
	cancel(9)
	cancel(7)
	want := assertRoleCounts(t, s, c.ID)
	// A database whose counters are lost (or predate them) counts without
	// them, and rebuilds them from the registrations on the next sign-up.
	if err := s.db.Exec(`DELETE FROM role_counters`).Error; err != nil {
		t.Fatal(err)
	}
	if got := assertRoleCounts(t, s, c.ID); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("without counters: %v, with: %v", got, want)
	}
	sign(20, "pioneer")
	sign(21, "reserve")
	var n int64
	if err := s.db.Raw(`SELECT COUNT(*) FROM role_counters`).Scan(&n).Error; err != nil || n != 2 {
		t.Errorf("rebuilt counters: %d (%v)", n, err)
	}
	assertHistoryMatchesState(t, s)
}

// assertRoleCounts checks RoleCounts against a direct count and returns
// "confirmed/waitlisted" per role.
func assertRoleCounts(t *testing.T, s *Store, campaignID uint) []string {
	t.Helper()
	rc, err := s.RoleCounts(context.Background(), campaignID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rc {
		var conf, wait int64
		s.db.Model(&Registration{}).Where("role_id = ? AND status = ?", r.ID, StatusConfirmed).Count(&conf)
		s.db.Model(&Registration{}).Where("role_id = ? AND status = ?", r.ID, StatusWaitlisted).Count(&wait)
		if int64(r.Confirmed) != conf || int64(r.Waitlisted) != wait {
			t.Errorf("role %s: RoleCounts %d/%d, registrations %d/%d", r.Code, r.Confirmed, r.Waitlisted, conf, wait)
		}
		out = append(out, fmt.Sprintf("%d/%d", r.Confirmed, r.Waitlisted))
	}
	if len(out) == 0 {
		t.Error("no roles counted")
	}
	return out
}
