package models

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"
)

func TestLeaseIsHeldByOneProcessAtATime(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	now := fixedNow
	s.Now = func() time.Time { return now }
	req := func(holder string) LeaseRequest {
		return LeaseRequest{Account: "甲", Holder: holder, Host: "h1", PID: 10, TTL: 90 * time.Second}
	}
	if prev, err := s.AcquireLease(ctx, req("p1")); err != nil || prev.ID != 0 {
		t.Fatalf("first lease: %+v %v", prev, err)
	}
	_, err := s.AcquireLease(ctx, req("p2"))
	var held *LeaseHeldError
	if !errors.As(err, &held) || !errors.Is(err, ErrLeaseHeld) || held.Lease.Holder != "p1" {
		t.Fatalf("a live lease was not refused: %v", err)
	}
	if _, err := s.AcquireLease(ctx, LeaseRequest{Account: "乙", Holder: "p2", TTL: time.Minute}); err != nil {
		t.Errorf("another account's lease: %v", err)
	}
	now = now.Add(60 * time.Second)
	if err := s.RenewLease(ctx, "甲", "p1", 90*time.Second); err != nil {
		t.Fatal(err)
	}
	now = now.Add(80 * time.Second) // 140 s after the start: alive thanks to the renewal
	if _, err := s.AcquireLease(ctx, req("p2")); !errors.Is(err, ErrLeaseHeld) {
		t.Fatalf("a renewed lease was taken: %v", err)
	}
	now = now.Add(11 * time.Second) // expired
	prev, err := s.AcquireLease(ctx, req("p2"))
	if err != nil || prev.Holder != "p1" {
		t.Fatalf("an expired lease: prev %+v %v, want p1's taken over", prev, err)
	}
	if err := s.RenewLease(ctx, "甲", "p1", time.Minute); !errors.Is(err, ErrLeaseLost) {
		t.Errorf("the old holder renewed a lease taken over: %v", err)
	}
	if err := s.ReleaseLease(ctx, "甲", "p1"); err != nil {
		t.Fatal(err)
	}
	leases, _ := s.Leases(ctx)
	if len(leases) != 2 || leases[0].Account != "乙" || leases[1].Holder != "p2" {
		t.Errorf("the old holder's release touched the new lease: %+v", leases)
	}
}

func TestADeadHoldersLeaseIsTakenAtOnce(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	if _, err := s.AcquireLease(ctx, LeaseRequest{Account: "甲", Holder: "old", Host: "h1", PID: 10, TTL: time.Hour}); err != nil {
		t.Fatal(err)
	}
	prev, err := s.AcquireLease(ctx, LeaseRequest{Account: "甲", Holder: "new", Host: "h1", PID: 11, TTL: time.Hour,
		Dead: func(l AccountLease) bool { return l.PID == 10 }})
	if err != nil || prev.Holder != "old" {
		t.Fatalf("dead holder's lease: prev %+v %v", prev, err)
	}
}

// TestClaimNeedsTheLease: under a holder, a row is claimed only while the
// holder's lease is live; a process whose lease was taken over sends
// nothing more.
func TestClaimNeedsTheLease(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	now := fixedNow
	s.Now = func() time.Time { return now }
	acct := s.DefaultAccount()
	var ids []uint
	for _, text := range []string{"a", "b", "c"} {
		m, _, err := s.EnqueueOutbox(ctx, OutboxMessage{Target: "A群", IsGroup: true, Kind: KindNotice, Text: text}, 0)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, m.ID)
	}
	if _, err := s.ClaimOutboxAs(ctx, acct, "p1", ids[0]); !errors.Is(err, ErrLeaseLost) {
		t.Fatalf("claimed without a lease: %v", err)
	}
	if _, err := s.AcquireLease(ctx, LeaseRequest{Account: acct, Holder: "p1", TTL: time.Minute}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ClaimOutboxAs(ctx, acct, "p1", ids[0]); err != nil {
		t.Fatalf("claim under the lease: %v", err)
	}
	now = now.Add(2 * time.Minute)
	if _, err := s.ClaimOutboxAs(ctx, acct, "p1", ids[1]); !errors.Is(err, ErrLeaseLost) {
		t.Fatalf("claimed under an expired lease: %v", err)
	}
	if _, err := s.AcquireLease(ctx, LeaseRequest{Account: acct, Holder: "p2", TTL: time.Minute}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ClaimOutboxAs(ctx, acct, "p1", ids[1]); !errors.Is(err, ErrLeaseLost) {
		t.Fatalf("the replaced process claimed: %v", err)
	}
	if _, err := s.ClaimOutboxAs(ctx, acct, "p2", ids[1]); err != nil {
		t.Fatalf("the new holder's claim: %v", err)
	}
}

// TestOneOfManyTakesAFreeLease: 16 processes' takers (through 4 stores)
// ask at once for an account nobody holds; one gets it, every other is
// told it is held — on PostgreSQL too, where two transactions can both
// find no lease row before either writes one.
func TestOneOfManyTakesAFreeLease(t *testing.T) {
	dsn := testDSN(t)
	var stores []*Store
	for range 4 {
		s, err := Open(dsn, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		stores = append(stores, s)
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	won, held := 0, 0
	start := make(chan struct{})
	for i := range 16 {
		wg.Go(func() {
			<-start
			_, err := stores[i%4].AcquireLease(context.Background(), LeaseRequest{Account: "甲",
				Holder: fmt.Sprintf("p%d", i), Host: "h1", PID: 100 + i, TTL: time.Minute})
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				won++
			case errors.Is(err, ErrLeaseHeld):
				held++
			default:
				t.Errorf("taker %d: %v", i, err)
			}
		})
	}
	close(start)
	wg.Wait()
	if won != 1 || held != 15 {
		t.Errorf("%d took the lease, %d were told it is held; want 1 and 15", won, held)
	}
}
