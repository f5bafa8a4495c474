package report

import (
	"context"
	"testing"
	"time"

	"mobilize/models"
)

// TestPastDayKeepsItsQuota: a 递补 on the 23rd takes one place more than
// the quota, and another on the 24th; each day's tally shows the quota
// that day ended with (2, 3, 4), and the 22nd's reads as it did on the
// 22nd — today's quota does not rewrite the past.
func TestPastDayKeepsItsQuota(t *testing.T) {
	s, c, setNow := fixture(t)
	ctx := context.Background()
	sign := signer(t, s, c)
	sign("pioneer", "张三", "13800000001", "营养群")
	sign("pioneer", "李四", "13800000002", "救援群")
	sign("pioneer", "王五", "13800000003", "救援群") // waitlisted
	sign("pioneer", "赵六", "13800000004", "营养群") // waitlisted
	day1 := must[Tally](t)(Compute(ctx, s, c.ID, "2026-11-22", shanghai))
	pioneer := c.Roles[0].ID
	for _, at := range []time.Time{time.Date(2026, 11, 23, 9, 0, 0, 0, shanghai), time.Date(2026, 11, 24, 0, 0, 0, 0, shanghai)} {
		setNow(at)
		if got := must[[]models.Registration](t)(s.PromoteByHand(ctx, c.ID, pioneer, 1, models.ActorCLI)); len(got) != 1 {
			t.Fatalf("递补 at %v promoted %d", at, len(got))
		}
	}
	again := must[Tally](t)(Compute(ctx, s, c.ID, "2026-11-22", shanghai))
	day1.Generated, again.Generated = time.Time{}, time.Time{}
	if a, b := jsonOf(t, day1), jsonOf(t, again); a != b {
		t.Errorf("the 22nd changed after two 递补:\nthen %s\nnow  %s", a, b)
	}
	for date, want := range map[string]int{"2026-11-22": 2, "2026-11-23": 3, "2026-11-24": 4, "2026-11-25": 4} {
		got := must[Tally](t)(Compute(ctx, s, c.ID, date, shanghai)).Roles[0]
		if got.Quota != want {
			t.Errorf("%s: quota %d, want %d (%+v)", date, got.Quota, want, got)
		}
	}
	if r := must[Tally](t)(Compute(ctx, s, c.ID, "2026-11-22", shanghai)).Roles[1]; r.Quota != 10 {
		t.Errorf("a role never changed keeps its quota: %d", r.Quota)
	}
}
