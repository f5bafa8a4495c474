package models

import (
	"context"
	"fmt"
	"sync"
	"testing"
)

// TestCrossedCancelsAcrossStores: P holds A and waits to switch to B, Q
// holds B and waits to switch to A; through two stores on one database
// both cancel at once. Cancelling its own wait first, each locked the two
// roles' counters in opposite orders and on PostgreSQL one of the two
// died of a deadlock in most rounds; now a cancellation locks its roles'
// counters in role order first (lockCounters), and runs again should the
// database still give it up (retried, for a promotion reaching a third
// role): both succeed and both roles end empty, in every one of 10 rounds.
func TestCrossedCancelsAcrossStores(t *testing.T) {
	stores := twoStores(t, testDSN(t))
	ctx := context.Background()
	for round := range 10 {
		c, err := stores[0].CreateCampaign(ctx, NewCampaign{Title: "t", Roles: []Role{
			{Code: "a", Name: "甲岗", Quota: 1}, {Code: "b", Name: "乙岗", Quota: 1}}})
		if err != nil {
			t.Fatal(err)
		}
		p, q := round*10, round*10+1
		crossSign(t, stores[0], c, "a", p)
		crossSign(t, stores[0], c, "b", q)
		crossSign(t, stores[0], c, "b", p) // waits, keeping a
		crossSign(t, stores[0], c, "a", q) // waits, keeping b
		var wg sync.WaitGroup
		for i, n := range []int{p, q} {
			wg.Go(func() {
				if _, err := stores[i].CancelByAdmin(ctx, c.ID, Who{Phone: phone(n), GroupName: testGroup}); err != nil {
					t.Errorf("round %d: cancel %d: %v", round, n, err)
				}
			})
		}
		wg.Wait()
		var left int64
		stores[0].db.Model(&Registration{}).Where("campaign_id = ? AND status <> ?", c.ID, StatusCancelled).Count(&left)
		if left != 0 {
			t.Errorf("round %d: %d registrations still active", round, left)
		}
	}
	assertHistoryMatchesState(t, stores[0])
}

func crossSign(t *testing.T, s *Store, c Campaign, role string, n int) {
	t.Helper()
	_, err := s.SignUp(context.Background(), SignUpRequest{CampaignID: c.ID, RoleCode: role, Name: fmt.Sprintf("志愿者%d", n),
		Phone: phone(n), GroupName: testGroup, Sender: fmt.Sprintf("微信%d", n)})
	if err != nil {
		t.Fatal(err)
	}
}
