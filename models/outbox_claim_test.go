package models

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"
)

// queueRows queues n text rows for account to the chats targets name, in
// turn, due at fixedNow.
func queueRows(t *testing.T, s *Store, account string, n int, targets ...string) []OutboxMessage {
	t.Helper()
	var out []OutboxMessage
	for i := range n {
		m, _, err := s.EnqueueOutbox(context.Background(), OutboxMessage{Account: account, Target: targets[i%len(targets)],
			IsGroup: true, Kind: KindNotice, Text: fmt.Sprintf("消息%d", i)}, 0)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m)
	}
	return out
}

// TestClaimNextTakesTheOldestDueRowOfItsAccount: the claim takes the
// account's oldest due row (of the chat asked for), marks it sending with
// its attempt opened, and finds nothing once none is due; another
// account's rows and rows not yet due are never taken.
func TestClaimNextTakesTheOldestDueRowOfItsAccount(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	queueRows(t, s, "乙号", 1, "A群")
	later, _, err := s.EnqueueOutbox(ctx, OutboxMessage{Account: "甲号", Target: "A群", IsGroup: true, Kind: KindNotice,
		Text: "晚点发", NotBefore: fixedNow.Add(time.Hour)}, 0)
	if err != nil {
		t.Fatal(err)
	}
	rows := queueRows(t, s, "甲号", 3, "A群", "B群")

	m, err := s.ClaimNextOutbox(ctx, OutboxClaim{Account: "甲号", Target: "B群", IsGroup: true})
	if err != nil || m.ID != rows[1].ID || m.Status != OutboxSending || m.Attempts != 1 {
		t.Fatalf("claim for B群: %+v, %v; want row %d sending, attempt 1", m, err, rows[1].ID)
	}
	if a, _ := s.OutboxAttempts(ctx, m.ID); len(a) != 1 || a[0].FinishedAt != nil || a[0].Account != "甲号" {
		t.Errorf("attempts of the claimed row: %+v", a)
	}
	var got []uint
	if err := claimAll(s, OutboxClaim{Account: "甲号"}, func(m OutboxMessage) { got = append(got, m.ID) }); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != fmt.Sprint([]uint{rows[0].ID, rows[2].ID}) {
		t.Errorf("claimed %v, want %d then %d (oldest first; not the row due later, not 乙号's)", got, rows[0].ID, rows[2].ID)
	}
	m, err = s.ClaimNextOutbox(ctx, OutboxClaim{Account: "甲号", Due: fixedNow.Add(2 * time.Hour)})
	if err != nil || m.ID != later.ID {
		t.Errorf("claim due two hours on: %+v, %v; want row %d", m, err, later.ID)
	}
}

// TestClaimNextNeedsTheLease: with a holder, nothing is claimed unless it
// holds the account's lease.
func TestClaimNextNeedsTheLease(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	rows := queueRows(t, s, "甲号", 1, "A群")
	if _, err := s.ClaimNextOutbox(ctx, OutboxClaim{Account: "甲号", Holder: "h1"}); !errors.Is(err, ErrLeaseLost) {
		t.Fatalf("claim without the lease: %v, want ErrLeaseLost", err)
	}
	if _, err := s.AcquireLease(ctx, LeaseRequest{Account: "甲号", Holder: "h1", TTL: time.Minute}); err != nil {
		t.Fatal(err)
	}
	if m, err := s.ClaimNextOutbox(ctx, OutboxClaim{Account: "甲号", Holder: "h1"}); err != nil || m.ID != rows[0].ID {
		t.Errorf("claim under the lease: %+v, %v", m, err)
	}
}

// TestClaimNextGivesEachRowToOneClaimer: 8 claimers drain 300 rows at
// once; every row is claimed exactly once (on PostgreSQL by SKIP LOCKED
// and the pending check, on SQLite by its one writer).
func TestClaimNextGivesEachRowToOneClaimer(t *testing.T) {
	s := mustOpen(t)
	const rows, claimers = 300, 8
	queueRows(t, s, "甲号", rows, "A群", "B群", "C群")
	var mu sync.Mutex
	seen := map[uint]int{}
	var wg sync.WaitGroup
	for range claimers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := claimAll(s, OutboxClaim{Account: "甲号"}, func(m OutboxMessage) {
				mu.Lock()
				seen[m.ID]++
				mu.Unlock()
			})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	twice := 0
	for _, n := range seen {
		if n > 1 {
			twice++
		}
	}
	if len(seen) != rows || twice > 0 {
		t.Errorf("%d rows claimed, %d of them more than once; want %d, none", len(seen), twice, rows)
	}
	var attempts int64
	s.db.Model(&OutboxAttempt{}).Count(&attempts)
	if attempts != rows {
		t.Errorf("%d attempts recorded, want %d", attempts, rows)
	}
}

// claimAll claims rows until none is due, handing each to took.
func claimAll(s *Store, c OutboxClaim, took func(OutboxMessage)) error {
	for {
		m, err := s.ClaimNextOutbox(context.Background(), c)
		if errors.Is(err, ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		took(m)
	}
}
