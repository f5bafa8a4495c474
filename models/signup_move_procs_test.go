package models

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
)

// TestMovesKeepCapsAcrossStores: two stores on one database (two
// processes' worth of connections) move 20 confirmed places from four full
// organizations into a fifth holding 4 of its 5, while 5 people sign up
// there, all at once. One of the 25 takes the last place; the moves after
// it are refused with OrgCapError and the sign-ups wait — the fifth
// organization ends with exactly its cap, on PostgreSQL because a move
// checks the cap holding the role's counter, as sign-ups do. The race is
// run in four campaigns: without the lock one run in two went over.
func TestMovesKeepCapsAcrossStores(t *testing.T) {
	stores := twoStores(t, testDSN(t))
	for round := range 4 {
		moveRace(t, stores, round)
	}
}

// moveRace is one campaign of TestMovesKeepCapsAcrossStores; round keeps
// its people apart from the other rounds'.
func moveRace(t *testing.T, stores [2]*Store, round int) {
	const cap, movers, joiners = 5, 20, 5
	ctx := context.Background()
	c, err := stores[0].CreateCampaign(ctx, NewCampaign{Title: "t", Roles: []Role{{Code: "pioneer", Name: "先锋", Quota: 100, OrgCap: cap}}})
	if err != nil {
		t.Fatal(err)
	}
	person := func(i int) (int, string) { n := round*1000 + i; return n, fmt.Sprintf("人%d", n) }
	for i := range cap - 1 {
		n, sender := person(100 + i)
		moveSign(t, stores[0], c, "pioneer", n, "乙群", sender)
	}
	for i := range movers {
		n, sender := person(i)
		moveSign(t, stores[0], c, "pioneer", n, []string{"甲群", "丙群", "丁群", "戊群"}[i%4], sender)
	}
	var moved, joined atomic.Int64
	var wg sync.WaitGroup
	for i := range movers {
		wg.Go(func() {
			_, sender := person(i)
			_, err := stores[i%2].MoveHere(ctx, c.ID, Who{GroupName: "乙群", Sender: sender})
			var capErr *OrgCapError
			switch {
			case err == nil:
				moved.Add(1)
			case !errors.As(err, &capErr):
				t.Errorf("move %s: %v", sender, err)
			}
		})
	}
	for i := range joiners {
		wg.Go(func() {
			n, sender := person(200 + i)
			r, err := stores[i%2].SignUp(ctx, SignUpRequest{CampaignID: c.ID, RoleCode: "pioneer", Name: "新人",
				Phone: phone(n), GroupName: "乙群", Sender: sender})
			if err != nil {
				t.Errorf("sign up %s: %v", sender, err)
			} else if r.Reg.Status == StatusConfirmed {
				joined.Add(1)
			}
		})
	}
	wg.Wait()
	if held := orgConfirmed(t, stores[0], c, "乙群"); held != cap || moved.Load()+joined.Load() != 1 {
		t.Errorf("round %d: 乙群's organization holds %d places (cap %d); %d moves and %d confirmed sign-ups got in, want 1 in all",
			round, held, cap, moved.Load(), joined.Load())
	}
	var cnt RoleCounter
	if err := stores[0].db.Where("role_id = ?", c.Roles[0].ID).First(&cnt).Error; err != nil {
		t.Fatal(err)
	}
	if want := cap - 1 + movers + int(joined.Load()); cnt.Confirmed != want {
		t.Errorf("round %d: role counter %+v, want %d confirmed", round, cnt, want)
	}
	assertHistoryMatchesState(t, stores[0])
}

// orgConfirmed counts the confirmed places of c's first role held by the
// organization of group.
func orgConfirmed(t *testing.T, s *Store, c Campaign, group string) int {
	t.Helper()
	g, err := s.EnsureGroup(context.Background(), group)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	err = s.db.Raw(`SELECT COUNT(*) FROM registrations r JOIN groups g ON g.id = r.group_id
		WHERE g.organization_id = ? AND r.role_id = ? AND r.status = 'confirmed'`, g.OrganizationID, c.Roles[0].ID).Scan(&n).Error
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestCrossedMovesAcrossStores: two people each hold a place in two open
// campaigns, signed up in opposite orders, and both 改到本群 (every open
// campaign) at once through two stores: each move locks the two roles'
// counters in role order (lockCounters); locked in the order of each
// person's registrations they deadlocked on PostgreSQL in half the rounds.
// Both moves succeed, in every one of 10 rounds.
func TestCrossedMovesAcrossStores(t *testing.T) {
	stores := twoStores(t, testDSN(t))
	ctx := context.Background()
	for round := range 10 {
		var cs [2]Campaign
		for i := range cs {
			c, err := stores[0].CreateCampaign(ctx, NewCampaign{Title: fmt.Sprint("t", i), Roles: []Role{{Code: "pioneer", Name: "先锋", Quota: 5, OrgCap: 5}}})
			if err != nil {
				t.Fatal(err)
			}
			cs[i] = c
		}
		p, q := round*10, round*10+1
		moveSign(t, stores[0], cs[0], "pioneer", p, "甲群", "P")
		moveSign(t, stores[0], cs[1], "pioneer", q, "甲群", "Q")
		moveSign(t, stores[0], cs[1], "pioneer", p, "甲群", "P")
		moveSign(t, stores[0], cs[0], "pioneer", q, "甲群", "Q")
		var wg sync.WaitGroup
		for i, n := range []int{p, q} {
			wg.Go(func() {
				if _, err := stores[i].MoveHere(ctx, 0, Who{Phone: phone(n), GroupName: "乙群", Sender: []string{"P", "Q"}[i]}); err != nil {
					t.Errorf("round %d: move %d: %v", round, n, err)
				}
			})
		}
		wg.Wait()
		for _, c := range cs {
			stores[0].CloseCampaign(ctx, c.ID, "test")
		}
	}
	assertHistoryMatchesState(t, stores[0])
}
