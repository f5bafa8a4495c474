package models

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
)

// TestCopiesAcrossProcessesHandledOnce: two bots, each its own process
// (here, its own Store on one database), receive the same 30 sign-ups and
// 30 questions in one group at the same moment. Each message is handled by
// exactly one of them — one answer per message, never two — on SQLite by
// its one writer, on PostgreSQL by the lock on the message's copies.
func TestCopiesAcrossProcessesHandledOnce(t *testing.T) {
	dsn, c := crossProcessCampaign(t, 100)
	stores := twoStores(t, dsn)
	const n = 30
	var signed, asked atomic.Int64
	var wg sync.WaitGroup
	for i := range n {
		for b, acct := range []string{"值班号1", "值班号2"} {
			wg.Add(2)
			go func() {
				defer wg.Done()
				if copyHandled(t, stores[b], c, acct, i, true) {
					signed.Add(1)
				}
			}()
			go func() {
				defer wg.Done()
				if copyHandled(t, stores[b], c, acct, i, false) {
					asked.Add(1)
				}
			}()
		}
	}
	wg.Wait()
	if signed.Load() != n || asked.Load() != n {
		t.Errorf("answered %d sign-ups and %d questions, want %d of each (one answer per message)", signed.Load(), asked.Load(), n)
	}
	if got := countRegs(t, stores[0]); got != n {
		t.Errorf("%d registrations, want %d", got, n)
	}
	if rows := seenRows(t, stores[0]); len(rows) != 2*n {
		t.Errorf("%d seen rows, want %d", len(rows), 2*n)
	}
}

// copyHandled has one bot (s, acct) handle its copy of member i's sign-up
// (or, with signUp false, question) and reports whether it answers: not
// when another bot's copy was handled first.
func copyHandled(t *testing.T, s *Store, c Campaign, acct string, i int, signUp bool) bool {
	p := phone(i)
	sender, text := fmt.Sprintf("成员%d", i), "名额 "+p
	if signUp {
		text = "报名 先锋 " + p
	}
	id := fmt.Sprintf("%s-%t-%d", acct, signUp, i) // each account's copy has its own id
	ctx := WithInbound(context.Background(), InboundMessage{MsgID: id, Chat: testGroup, Sender: sender, Text: text, Account: acct, SentAt: 1765000000})
	var err error
	if signUp {
		_, err = s.SignUp(ctx, SignUpRequest{CampaignID: c.ID, RoleCode: "pioneer", Name: fmt.Sprintf("志愿者%d", i), Phone: p,
			GroupName: testGroup, Sender: sender, MsgID: id})
		if errors.Is(err, ErrDuplicate) {
			return false
		}
	} else {
		var ok bool
		if ok, err = s.RecordSeen(ctx); err == nil {
			return ok
		}
	}
	if err != nil {
		t.Errorf("%s, message %d: %v", acct, i, err)
		return false
	}
	return true
}
