package models

import (
	"context"
	"testing"
	"time"
)

// TestQuotaHistory: a 递补 records the net change of the quota (places
// found, not places asked for), a 递补 that found nobody records none, and
// QuotasAt reads the quota as it stood before, at and after each change.
func TestQuotaHistory(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	c := mustCampaign(t, s, 1, 5)
	for i := 1; i <= 3; i++ {
		mustSignUp(t, s, c, "pioneer", i) // 1 confirmed, 2 waitlisted
	}
	pioneer, reserve := c.Roles[0].ID, c.Roles[1].ID
	t1 := fixedNow.Add(time.Hour)
	s.Now = func() time.Time { return t1 }
	if _, err := s.PromoteByHand(ctx, c.ID, pioneer, 5, ActorCLI); err != nil { // finds 2 of 5
		t.Fatal(err)
	}
	t2 := t1.Add(time.Hour)
	s.Now = func() time.Time { return t2 }
	if _, err := s.PromoteByHand(ctx, c.ID, pioneer, 2, ActorCLI); err != nil { // finds nobody
		t.Fatal(err)
	}
	var changes []QuotaChange
	if err := s.db.Order("id").Find(&changes).Error; err != nil {
		t.Fatal(err)
	}
	if len(changes) != 1 || changes[0].RoleID != pioneer || changes[0].From != 1 || changes[0].To != 3 || !changes[0].At.Equal(t1) {
		t.Fatalf("history %+v, want one change of the pioneers 1 → 3 at %v", changes, t1)
	}
	for _, tc := range []struct {
		at   time.Time
		want int
	}{{fixedNow, 1}, {t1.Add(-time.Second), 1}, {t1, 1}, {t1.Add(time.Second), 3}, {t2.Add(time.Hour), 3}} {
		got, err := s.QuotasAt(ctx, c.ID, tc.at)
		if err != nil {
			t.Fatal(err)
		}
		if got[pioneer] != tc.want || got[reserve] != 5 {
			t.Errorf("at %v: %v, want pioneers %d and reserves 5", tc.at.Sub(fixedNow), got, tc.want)
		}
	}
}
