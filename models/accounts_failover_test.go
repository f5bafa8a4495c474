package models

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"
)

// failoverStore is a store of three accounts: 值班号1 and 值班号2 share
// 共管群0…3, 值班号1 alone has 独管群, 值班号3 serves 三号群. Each of 值班号1's
// groups has one pending row for it.
func failoverStore(t *testing.T) *Store {
	t.Helper()
	ctx := context.Background()
	s, err := Open(testDSN(t), nil, WithAccounts([]string{"值班号1", "值班号2", "值班号3"}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	s.Now = func() time.Time { return fixedNow }
	shared := []string{"共管群0", "共管群1", "共管群2", "共管群3"}
	must(t, s.NoteServed(ctx, "值班号1", append(slices.Clone(shared), "独管群")))
	must(t, s.NoteServed(ctx, "值班号2", shared))
	must(t, s.NoteServed(ctx, "值班号3", []string{"三号群"}))
	for _, g := range append(slices.Clone(shared), "独管群") {
		if _, _, err := s.EnqueueOutbox(ctx, OutboxMessage{Target: g, IsGroup: true, Kind: KindBroadcast, Text: "倡议", Status: OutboxPending, Account: "值班号1"}, 0); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func live(now time.Time) Liveness {
	return Liveness{Now: now, Stale: 2 * time.Minute, After: 10 * time.Minute}
}

func rowsOf(t *testing.T, s *Store, account string) []string {
	t.Helper()
	var out []string
	must(t, s.db.Model(&OutboxMessage{}).Where("account = ? AND status = ?", account, OutboxPending).Order("target").Pluck("target", &out).Error)
	return out
}

func TestCutOffBy1102MovesSharedGroupsAtOnceAndOnce(t *testing.T) {
	ctx := context.Background()
	s := failoverStore(t)
	now := fixedNow
	for _, a := range []string{"值班号1", "值班号2", "值班号3"} {
		must(t, s.NoteAccountOnline(ctx, a, now.Add(-time.Hour)))
		must(t, s.BeatAccount(ctx, a, now))
	}
	// Online: nothing moves.
	if got, err := s.TakeOver(ctx, "值班号2", live(now)); err != nil || len(got) != 0 {
		t.Fatalf("takeover with everyone online: %+v, %v", got, err)
	}
	must(t, s.NoteAccountOffline(ctx, "值班号1", 1102, now))
	// 值班号3 serves none of 值班号1's groups: it takes nothing.
	if got, _ := s.TakeOver(ctx, "值班号3", live(now)); len(got) != 1 || got[0].Moved != 0 {
		t.Fatalf("值班号3 took %+v", got)
	}
	got, err := s.TakeOver(ctx, "值班号2", live(now))
	if err != nil || len(got) != 1 {
		t.Fatalf("takeover: %+v, %v", got, err)
	}
	c := got[0]
	if c.State.Account != "值班号1" || c.Moved != 4 || !slices.Equal(c.Stranded, []string{"独管群"}) {
		t.Fatalf("cut off %+v", c)
	}
	if r := rowsOf(t, s, "值班号2"); len(r) != 4 {
		t.Fatalf("值班号2's rows %v", r)
	}
	if r := rowsOf(t, s, "值班号1"); !slices.Equal(r, []string{"独管群"}) {
		t.Fatalf("值班号1 kept %v, want only the group nobody else serves", r)
	}
	// Again, from both: nothing moves twice.
	for _, a := range []string{"值班号2", "值班号3", "值班号2"} {
		again, _ := s.TakeOver(ctx, a, live(now.Add(time.Minute)))
		for _, c := range again {
			if c.Moved != 0 {
				t.Fatalf("%s moved %d more", a, c.Moved)
			}
		}
	}
	moves, _ := s.OutboxMoves(ctx)
	if len(moves) != 4 || moves[0].From != "值班号1" || moves[0].To != "值班号2" || moves[0].Reason != "1102" {
		t.Fatalf("moves %+v", moves)
	}
	audit, _ := s.RecentAudit(ctx, AuditFailover, 5)
	if len(audit) != 1 || audit[0].Detail != "值班号1 掉线（1102）：4 条未发消息（4 个群）转由 值班号2 发送" {
		t.Fatalf("audit %+v", audit)
	}
	unserved, err := s.UnservedGroups(ctx, live(now))
	if err != nil || len(unserved) != 1 || !unserved["独管群"] {
		t.Fatalf("unserved %v, %v", unserved, err)
	}
}

// A logout other than 1102 waits failover.after: an account that logs in
// again meanwhile keeps its groups.
func TestLogoutWaitsTheConfiguredMinutes(t *testing.T) {
	ctx := context.Background()
	s := failoverStore(t)
	now := fixedNow
	must(t, s.NoteAccountOnline(ctx, "值班号2", now))
	must(t, s.NoteAccountOffline(ctx, "值班号1", 1101, now))
	if got, _ := s.TakeOver(ctx, "值班号2", live(now.Add(9*time.Minute))); len(got) != 0 {
		t.Fatalf("moved after 9 minutes: %+v", got)
	}
	must(t, s.BeatAccount(ctx, "值班号2", now.Add(10*time.Minute)))
	got, _ := s.TakeOver(ctx, "值班号2", live(now.Add(10*time.Minute)))
	if len(got) != 1 || got[0].Moved != 4 {
		t.Fatalf("after 10 minutes: %+v", got)
	}
	if moves, _ := s.OutboxMoves(ctx); moves[0].Reason != "离线 10 分钟" {
		t.Fatalf("reason %q", moves[0].Reason)
	}
}

// A process killed while logged in stops beating: after failover.after
// its account is cut off too; a stale taker takes nothing.
func TestKilledProcessCountsFromItsLastBeat(t *testing.T) {
	ctx := context.Background()
	s := failoverStore(t)
	now := fixedNow
	must(t, s.NoteAccountOnline(ctx, "值班号1", now)) // then killed: no more beats
	must(t, s.NoteAccountOnline(ctx, "值班号2", now))
	later := now.Add(11 * time.Minute)
	if got, _ := s.TakeOver(ctx, "值班号2", live(later)); len(got) != 0 {
		t.Fatalf("a taker that stopped beating took %+v", got)
	}
	must(t, s.BeatAccount(ctx, "值班号2", later))
	if got, _ := s.TakeOver(ctx, "值班号2", live(later)); len(got) != 1 || got[0].Moved != 4 {
		t.Fatalf("takeover from a dead process: %+v", got)
	}
}

// With two working accounts in a group, the rule picks the taker: each
// group's rows go to one of them, never both, whoever runs first.
// twoTakersStore is failoverStore with 值班号3 serving the shared groups
// too, 值班号2 and 值班号3 logged in and 值班号1 cut off with 1102: two
// working accounts can take 值班号1's shared groups. It returns them.
func twoTakersStore(t *testing.T) (*Store, []string) {
	t.Helper()
	ctx := context.Background()
	s := failoverStore(t)
	var shared []string
	for i := range 4 {
		shared = append(shared, fmt.Sprintf("共管群%d", i))
	}
	must(t, s.NoteServed(ctx, "值班号3", shared))
	for _, a := range []string{"值班号2", "值班号3"} {
		must(t, s.NoteAccountOnline(ctx, a, fixedNow))
	}
	must(t, s.NoteAccountOffline(ctx, "值班号1", 1102, fixedNow))
	return s, shared
}

func TestTwoTakersSplitByTheRule(t *testing.T) {
	ctx := context.Background()
	s, shared := twoTakersStore(t)
	now := fixedNow
	s.TakeOver(ctx, "值班号3", live(now))
	s.TakeOver(ctx, "值班号2", live(now))
	for _, g := range shared {
		want := ruleOwner(g, []string{"值班号2", "值班号3"})
		var acct string
		must(t, s.db.Model(&OutboxMessage{}).Where("target = ?", g).Pluck("account", &acct).Error)
		if acct != want {
			t.Errorf("%s went to %s, want the rule's %s", g, acct, want)
		}
	}
}
