package models

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"
)

// claimAt is holder's claim of the tally's slot at 20:00 with a 6-minute
// bound; dead, if set, says the holder it meets is dead.
func claimAt(holder string, dead bool) SlotClaim {
	c := SlotClaim{Job: "daily_tally", Slot: fixedNow.Add(11 * time.Hour), Trigger: TriggerCron,
		Holder: holder, Host: "h1", PID: 10, TTL: 6 * time.Minute}
	if dead {
		c.Dead = func(JobClaim) bool { return true }
	}
	return c
}

// claimSlotAll runs n claimers of c at once, each through one of the stores,
// and returns the runs won and how many were told the slot is held.
func claimSlotAll(t *testing.T, stores []*Store, n int, c func(i int) SlotClaim) (won []JobRun, held int) {
	t.Helper()
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			r, err := stores[i%len(stores)].ClaimSlot(context.Background(), c(i))
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				won = append(won, r)
			case errors.Is(err, ErrSlotHeld):
				held++
			default:
				t.Errorf("claimer %d: %v", i, err)
			}
		})
	}
	close(start)
	wg.Wait()
	return won, held
}

// openStores opens the database at dsn k times, as k processes would.
func openStores(t *testing.T, dsn string, k int) []*Store {
	t.Helper()
	var out []*Store
	for range k {
		s, err := Open(dsn, nil)
		if err != nil {
			t.Fatal(err)
		}
		s.Now = func() time.Time { return fixedNow.Add(11 * time.Hour) }
		t.Cleanup(func() { s.Close() })
		out = append(out, s)
	}
	return out
}

// TestOneClaimerWinsASlot: 16 claimers through 4 stores (as 4 processes'
// schedulers at one cron tick) claim one slot: one run is recorded, every
// other claimer is told the slot is held, and the claim names the winner.
func TestOneClaimerWinsASlot(t *testing.T) {
	stores := openStores(t, testDSN(t), 4)
	won, held := claimSlotAll(t, stores, 16, func(i int) SlotClaim { return claimAt(fmt.Sprintf("p%d", i), false) })
	if len(won) != 1 || held != 15 {
		t.Fatalf("%d won, %d held; want 1 and 15", len(won), held)
	}
	runs, _ := stores[0].JobRuns(context.Background(), "daily_tally", 20)
	claims, _ := stores[0].JobClaims(context.Background(), "daily_tally")
	if len(runs) != 1 || runs[0].ID != won[0].ID || runs[0].Result != JobRunning {
		t.Errorf("runs %+v, want the winner's alone", runs)
	}
	if len(claims) != 1 || claims[0].RunID != won[0].ID || claims[0].Result != JobRunning {
		t.Errorf("claims %+v", claims)
	}
}

// TestAFinishedSlotIsDoneAFailedOneIsTakenOnce: a slot whose run ended ok
// is done for every claimer; one whose run failed is taken again, by one
// of 16 claimers at once, and the claim then holds the new run.
func TestAFinishedSlotIsDoneAFailedOneIsTakenOnce(t *testing.T) {
	ctx := context.Background()
	stores := openStores(t, testDSN(t), 4)
	s := stores[0]
	r, err := s.ClaimSlot(ctx, claimAt("p1", false))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.FinishJobRun(ctx, r.ID, JobFailed, "数据库忙", 0); err != nil {
		t.Fatal(err)
	}
	won, held := claimSlotAll(t, stores, 16, func(i int) SlotClaim { return claimAt(fmt.Sprintf("q%d", i), false) })
	if len(won) != 1 || held != 15 {
		t.Fatalf("after a failed run: %d won, %d held; want 1 and 15", len(won), held)
	}
	if err := s.FinishJobRun(ctx, won[0].ID, JobOK, "", 3); err != nil {
		t.Fatal(err)
	}
	for _, c := range []SlotClaim{claimAt("p1", true), claimAt("z", false)} {
		if _, err := s.ClaimSlot(ctx, c); !errors.Is(err, ErrSlotDone) {
			t.Errorf("claim of a done slot by %s: %v, want ErrSlotDone", c.Holder, err)
		}
	}
	claims, _ := s.JobClaims(ctx, "daily_tally")
	runs, _ := s.JobRuns(ctx, "daily_tally", 20)
	if len(claims) != 1 || claims[0].RunID != won[0].ID || claims[0].Result != JobOK || len(runs) != 2 {
		t.Errorf("claims %+v runs %+v", claims, runs)
	}
}

// TestARunningClaimIsKeptUntilItExpiresOrItsHolderIsDead: a run still
// "running" keeps its slot from a claimer that cannot tell its holder is
// dead, and from its own holder; a claimer that knows the holder is dead
// takes it at once, and after the claim's bound anyone does. The first
// holder finishing late records its run but leaves the taker's claim.
func TestARunningClaimIsKeptUntilItExpiresOrItsHolderIsDead(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	now := fixedNow
	s.Now = func() time.Time { return now }
	first, err := s.ClaimSlot(ctx, claimAt("p1", false))
	if err != nil {
		t.Fatal(err)
	}
	var held *SlotHeldError
	if _, err := s.ClaimSlot(ctx, claimAt("p2", false)); !errors.As(err, &held) || held.Claim.Holder != "p1" ||
		!held.Claim.Expires.Equal(now.Add(6*time.Minute)) {
		t.Fatalf("a live claim: %v, want held by p1 until %s", err, now.Add(6*time.Minute))
	}
	self := claimAt("p1", true)
	if _, err := s.ClaimSlot(ctx, self); !errors.Is(err, ErrSlotHeld) {
		t.Fatalf("the holder's own live claim taken: %v", err)
	}
	second, err := s.ClaimSlot(ctx, claimAt("p2", true))
	if err != nil {
		t.Fatalf("a dead holder's claim: %v", err)
	}
	now = now.Add(6 * time.Minute)
	third, err := s.ClaimSlot(ctx, claimAt("p3", false))
	if err != nil {
		t.Fatalf("an expired claim: %v", err)
	}
	if err := s.FinishJobRun(ctx, first.ID, JobOK, "", 2); err != nil {
		t.Fatal(err)
	}
	claims, _ := s.JobClaims(ctx, "daily_tally")
	if len(claims) != 1 || claims[0].RunID != third.ID || claims[0].Holder != "p3" || claims[0].Result != JobRunning ||
		second.ID == third.ID {
		t.Errorf("claims %+v, want p3's run %d running", claims, third.ID)
	}
}

// TestOneTakerOfAnExpiredClaim: 16 claimers at once meet a claim whose
// run was cut short and whose bound has passed: one takes it.
func TestOneTakerOfAnExpiredClaim(t *testing.T) {
	ctx := context.Background()
	dsn := testDSN(t)
	stores := openStores(t, dsn, 4)
	c := claimAt("gone", false)
	c.TTL = -time.Minute
	if _, err := stores[0].ClaimSlot(ctx, c); err != nil {
		t.Fatal(err)
	}
	won, held := claimSlotAll(t, stores, 16, func(i int) SlotClaim { return claimAt(fmt.Sprintf("p%d", i), false) })
	if len(won) != 1 || held != 15 {
		t.Fatalf("%d took the expired claim, %d were told it is held; want 1 and 15", len(won), held)
	}
}

// TestAHandRunAtTheSlotStandsForIt: a run by hand claims nothing, and one
// that ended ok at a scheduled minute makes the slot done.
func TestAHandRunAtTheSlotStandsForIt(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	c := claimAt("p1", false)
	for range 2 {
		r, err := s.StartJobRun(ctx, c.Job, c.Slot, TriggerManual)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.FinishJobRun(ctx, r.ID, JobOK, "", 0); err != nil {
			t.Fatal(err)
		}
	}
	if claims, _ := s.JobClaims(ctx, c.Job); len(claims) != 0 {
		t.Errorf("hand runs claimed %+v", claims)
	}
	if _, err := s.ClaimSlot(ctx, c); !errors.Is(err, ErrSlotDone) {
		t.Errorf("claim after a hand run: %v, want ErrSlotDone", err)
	}
}

// TestMigrationClaimsSlotsRunBeforeClaims opens a database of schema 3
// (runs, no claims) and finds each slot run on schedule claimed by its
// latest scheduled run, expired; a slot run only by hand has no claim.
func TestMigrationClaimsSlotsRunBeforeClaims(t *testing.T) {
	ctx := context.Background()
	dsn := testDSN(t)
	s, err := Open(dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	slot := fixedNow.Add(11 * time.Hour)
	var last JobRun
	for _, tr := range []string{TriggerCron, TriggerCatchUp, TriggerManual} {
		r, err := s.StartJobRun(ctx, "daily_tally", slot, tr)
		if err != nil {
			t.Fatal(err)
		}
		if tr != TriggerManual {
			last = r
		}
	}
	if _, err := s.StartJobRun(ctx, "chase_silent", slot, TriggerManual); err != nil {
		t.Fatal(err)
	}
	if err := s.db.Exec("DROP TABLE job_claims").Error; err != nil {
		t.Fatal(err)
	}
	if err := dialectOf(s.db).setVersion(s.db, 3); err != nil {
		t.Fatal(err)
	}
	s.Close()

	s, err = Open(dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	claims, _ := s.JobClaims(ctx, "daily_tally")
	var stored JobRun
	s.db.First(&stored, last.ID) // its start as the database keeps it (PostgreSQL: to the microsecond)
	if len(claims) != 1 || claims[0].RunID != last.ID || claims[0].Result != JobRunning || !claims[0].Expires.Equal(stored.StartedAt) {
		t.Errorf("claims %+v, want the catch-up run %d's, expired", claims, last.ID)
	}
	if claims, _ := s.JobClaims(ctx, "chase_silent"); len(claims) != 0 {
		t.Errorf("a hand run's slot claimed: %+v", claims)
	}
	if v, err := dialectOf(s.db).version(s.db); err != nil || v != schemaVersion {
		t.Errorf("version %d %v, want %d", v, err, schemaVersion)
	}
	r, err := s.ClaimSlot(ctx, claimAt("p1", false))
	if err != nil || r.ID == last.ID {
		t.Errorf("the cut-short slot after the migration: %+v %v, want a new run", r, err)
	}
}
