package chat

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"mobilize/config"
	"mobilize/models"
)

var (
	chatA = Target{Name: "A群", Group: true}
	chatB = Target{Name: "B群", Group: true}
)

// TestSenderPacesInQueueOrder runs in a synctest bubble: time is virtual,
// so the gaps are exactly what the configuration says, not "at least".
func TestSenderPacesInQueueOrder(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := openStore(t)
		tr := newFakeTransport()
		out := NewOutbox(store, 0, nil)
		cfg := pace()
		for i, to := range []Target{chatA, chatA, chatB, chatA} {
			queue(t, out, to, models.KindNotice, string(rune('1'+i)))
		}
		runSender(t, NewSender(store, tr, cfg, nil))
		calls := tr.waitCalls(t, 4)
		if got := calls[0].text + calls[1].text + calls[2].text + calls[3].text; got != "1234" {
			t.Fatalf("order %q, want 1234", got)
		}
		// A→A: the same-chat gap; A→B, B→A: MinGap + 0.5·(MaxGap−MinGap).
		want := []time.Duration{10 * time.Millisecond, 40 * time.Millisecond, 40 * time.Millisecond}
		for i, w := range want {
			if gap := calls[i+1].at.Sub(calls[i].at); gap != w {
				t.Errorf("gap before send %d = %v, want %v", i+2, gap, w)
			}
		}
		waitStatus(t, store, models.OutboxSent, 4)
	})
}

func TestOutboxMergesReplies(t *testing.T) {
	store := openStore(t)
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, shanghai)
	store.Now = func() time.Time { return now }
	out := NewOutbox(store, 20*time.Second, nil)
	ctx := context.Background()
	for _, step := range []struct {
		to   Target
		kind string
		text string
		wait time.Duration
	}{
		{chatA, models.KindReply, "一", 0},
		{chatA, models.KindReply, "二", 5 * time.Second},  // merged
		{chatB, models.KindReply, "三", 0},                // other chat
		{chatA, models.KindNotice, "四", 0},               // notices are not merged
		{chatA, models.KindReply, "五", 30 * time.Second}, // window passed
		{Target{Name: "A群"}, models.KindReply, "六", 0},   // a private chat, not the group
	} {
		now = now.Add(step.wait)
		if err := out.Queue(ctx, step.to, step.kind, step.text); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := store.OutboxRows(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, r := range rows {
		texts = append(texts, r.Text)
	}
	if got := strings.Join(texts, "|"); got != "一\n二|三|四|五|六" {
		t.Fatalf("rows %q", got)
	}
	// A row being sent takes no more text.
	if _, err := store.ClaimOutbox(ctx, rows[3].ID); err != nil {
		t.Fatal(err)
	}
	if err := out.Send(ctx, chatA, "七"); err != nil {
		t.Fatal(err)
	}
	if rows, err = store.OutboxRows(ctx); err != nil || len(rows) != 6 {
		t.Fatalf("%d rows, %v; want 6", len(rows), err)
	}
}

func TestSenderDailyBudget(t *testing.T) {
	store := openStore(t)
	var clock = struct{ now time.Time }{time.Date(2026, 11, 23, 23, 0, 0, 0, shanghai)}
	now := func() time.Time { return clock.now }
	store.Now = now
	cfg := pace()
	cfg.DailyBudget, cfg.Now = 2, now
	tr := newFakeTransport()
	out := NewOutbox(store, 0, nil)
	for _, s := range []string{"1", "2", "3"} {
		queue(t, out, chatA, models.KindNotice, s)
	}
	s := NewSender(store, tr, cfg, nil)
	ctx := context.Background()
	// Drive the loop's steps by hand: the clock is frozen.
	for range 3 {
		if d := s.budgetWait(ctx); d > 0 {
			if d != time.Hour {
				t.Fatalf("budget wait %v, want 1h (to midnight in Shanghai)", d)
			}
			break
		}
		row, _, err := store.PeekOutbox(ctx, config.DefaultAccountName, now())
		if err != nil {
			t.Fatal(err)
		}
		s.attempt(ctx, row)
	}
	if got := rowsByStatus(t, store); got[models.OutboxSent] != 2 || got[models.OutboxPending] != 1 {
		t.Fatalf("after budget: %v", got)
	}
	clock.now = clock.now.Add(time.Hour) // a new day in Asia/Shanghai
	if d := s.budgetWait(ctx); d != 0 {
		t.Fatalf("budget wait on a new day = %v", d)
	}
}

func TestSenderBacksOffOnTooFrequent(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := openStore(t)
		tr := newFakeTransport()
		tr.script = func(n int, _ Target, _ string) (string, error) {
			if n < 3 {
				return "", &RefusedError{Code: 1205, TooFrequent: true}
			}
			return "m1", nil
		}
		out := NewOutbox(store, 0, nil)
		queue(t, out, chatA, models.KindReply, "hello")
		runSender(t, NewSender(store, tr, pace(), nil))
		calls := tr.waitCalls(t, 4)
		waitStatus(t, store, models.OutboxSent, 1)
		// Pauses of 20ms, 40ms, then 50ms (the maximum); the same-chat gap
		// (10ms) has passed within each.
		for i, w := range []time.Duration{20, 40, 50} {
			if gap := calls[i+1].at.Sub(calls[i].at); gap != w*time.Millisecond {
				t.Errorf("pause %d = %v, want %v", i+1, gap, w*time.Millisecond)
			}
		}
		rows, err := store.OutboxRows(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		attempts, err := store.OutboxAttempts(context.Background(), rows[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(attempts) != 4 || rows[0].Attempts != 4 || attempts[3].Result != models.OutboxSent || attempts[0].Error == "" {
			t.Fatalf("row %+v attempts %+v", rows[0], attempts)
		}
	})
}

func TestSenderOutcomes(t *testing.T) {
	cases := []struct {
		name   string
		err    error
		status string
		calls  int
	}{
		{"unknown chat gives up after MaxAttempts", ErrUnknownChat, models.OutboxFailed, 3},
		{"an admin without a contact waits, never failing", fmt.Errorf("%w: %q", ErrNoAdminContact, "值班员"), models.OutboxPending, 1},
		{"no answer is uncertain, never resent", errors.New("connection reset"), models.OutboxUncertain, 1},
		{"refusals give up after MaxAttempts", &RefusedError{Code: 1}, models.OutboxFailed, 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				store := openStore(t)
				tr := newFakeTransport()
				tr.script = func(int, Target, string) (string, error) { return "", c.err }
				queue(t, NewOutbox(store, 0, nil), chatA, models.KindReply, "x")
				cfg := pace()
				cfg.MaxAttempts = 3
				runSender(t, NewSender(store, tr, cfg, nil))
				waitStatus(t, store, c.status, 1)
				// A second of virtual time (a hundred polls) passes at once: any further
				// attempt the sender would make has been made.
				time.Sleep(time.Second)
				synctest.Wait()
				if n := len(tr.snapshot()); n != c.calls {
					t.Fatalf("%d calls, want %d", n, c.calls)
				}
			})
		})
	}
}

func TestSenderRecoverMarksSendingUncertain(t *testing.T) {
	store := openStore(t)
	out := NewOutbox(store, 0, nil)
	ctx := context.Background()
	queue(t, out, chatA, models.KindReply, "in flight when killed")
	queue(t, out, chatB, models.KindReply, "still pending")
	rows, err := store.OutboxRows(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.ClaimOutbox(ctx, rows[0].ID); err != nil {
		t.Fatal(err)
	}
	tr := newFakeTransport()
	runSender(t, NewSender(store, tr, pace(), nil))
	waitStatus(t, store, models.OutboxSent, 1)
	if got := rowsByStatus(t, store); got[models.OutboxUncertain] != 1 {
		t.Fatalf("statuses %v", got)
	}
	if calls := tr.snapshot(); len(calls) != 1 || calls[0].text != "still pending" {
		t.Fatalf("calls %+v", calls)
	}
}
