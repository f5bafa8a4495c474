package chat

import (
	"context"
	"path/filepath"
	"testing"
	"testing/synctest"
	"time"

	"mobilize/config"
	"mobilize/models"
)

// twoAccounts is a store that knows the accounts 甲 and 乙 with jia and yi
// rows queued for them, and a fake transport for each.
func twoAccounts(t *testing.T, jia, yi int) (*models.Store, *fakeTransport, *fakeTransport) {
	t.Helper()
	s, err := models.Open(filepath.Join(t.TempDir(), "t.db"), nil, models.WithAccounts([]string{"甲", "乙"}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	out := NewOutbox(s, 0, nil)
	putFor(t, out, "甲", jia)
	putFor(t, out, "乙", yi)
	return s, newFakeTransport(), newFakeTransport()
}

// putFor queues n notices for account, one per group 1群…n群.
func putFor(t *testing.T, o *Outbox, account string, n int) {
	t.Helper()
	for i := range n {
		to := Target{Name: account + string(rune('1'+i)) + "群", Group: true}
		if _, err := o.Put(context.Background(), Outgoing{To: to, Kind: models.KindNotice, Text: "x", Account: account}); err != nil {
			t.Fatal(err)
		}
	}
}

// accountSender is a sender for account with its own gap (MinGap = MaxGap).
func accountSender(store *models.Store, tr Transport, account string, gap time.Duration, budget int) *Sender {
	cfg := pace()
	cfg.Account = account
	cfg.MinGap, cfg.MaxGap, cfg.DailyBudget = config.Duration(gap), config.Duration(gap), budget
	return NewSender(store, tr, cfg, nil)
}

// gaps are the times between consecutive calls.
func gaps(calls []fakeCall) []time.Duration {
	var out []time.Duration
	for i := 1; i < len(calls); i++ {
		out = append(out, calls[i].at.Sub(calls[i-1].at))
	}
	return out
}

// TestEachAccountSendsOnlyItsRowsAtItsOwnPace: two senders on one
// database, each with its own gap, send every row once, each only its own
// account's, and each keeps its gap whatever the other does.
func TestEachAccountSendsOnlyItsRowsAtItsOwnPace(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store, jia, yi := twoAccounts(t, 4, 4)
		runSender(t, accountSender(store, jia, "甲", 30*time.Millisecond, 100))
		runSender(t, accountSender(store, yi, "乙", 70*time.Millisecond, 100))
		waitStatus(t, store, models.OutboxSent, 8)
		for name, c := range map[string]struct {
			tr  *fakeTransport
			gap time.Duration
		}{"甲": {jia, 30 * time.Millisecond}, "乙": {yi, 70 * time.Millisecond}} {
			calls := c.tr.snapshot()
			if len(calls) != 4 {
				t.Fatalf("%s made %d sends, want 4", name, len(calls))
			}
			for i, call := range calls {
				if want := name + string(rune('1'+i)) + "群"; call.to.Name != want {
					t.Errorf("%s send %d went to %s, want %s", name, i+1, call.to.Name, want)
				}
			}
			for i, g := range gaps(calls) {
				if g != c.gap {
					t.Errorf("%s gap %d = %v, want its own %v", name, i+1, g, c.gap)
				}
			}
		}
	})
}

// TestOneAccountsBudgetNeverDelaysAnother: 甲's budget of one is spent at
// once; 乙 sends all of its rows at its own pace meanwhile.
func TestOneAccountsBudgetNeverDelaysAnother(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store, jia, yi := twoAccounts(t, 3, 3)
		start := time.Now()
		runSender(t, accountSender(store, jia, "甲", 30*time.Millisecond, 1))
		runSender(t, accountSender(store, yi, "乙", 30*time.Millisecond, 3))
		yi.waitCalls(t, 3)
		if took := yi.snapshot()[2].at.Sub(start); took != 60*time.Millisecond {
			t.Errorf("乙's third send after %v, want 60ms (two gaps): 甲's spent budget held it", took)
		}
		time.Sleep(time.Second) // a second of virtual time: 甲 stays held
		synctest.Wait()
		if n := len(jia.snapshot()); n != 1 {
			t.Errorf("甲 sent %d with a budget of 1", n)
		}
		if n, _ := store.CountSentSince(context.Background(), "乙", start.Add(-time.Hour)); n != 3 {
			t.Errorf("乙 counts %d sent, want 3", n)
		}
	})
}

// TestTooFrequentPausesOnlyThatAccount: WeChat answers 甲 "too frequent"
// (1205) and 甲 backs off for an hour; 乙 goes on at its pace.
func TestTooFrequentPausesOnlyThatAccount(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store, jia, yi := twoAccounts(t, 2, 3)
		jia.script = func(int, Target, string) (string, error) {
			return "", &RefusedError{Code: 1205, TooFrequent: true}
		}
		s := accountSender(store, jia, "甲", 30*time.Millisecond, 100)
		s.cfg.BackoffStart, s.cfg.BackoffMax = config.Duration(time.Hour), config.Duration(time.Hour)
		start := time.Now()
		runSender(t, s)
		runSender(t, accountSender(store, yi, "乙", 30*time.Millisecond, 100))
		yi.waitCalls(t, 3)
		if took := yi.snapshot()[2].at.Sub(start); took != 60*time.Millisecond {
			t.Errorf("乙's third send after %v, want 60ms: 甲's back-off paused it", took)
		}
		time.Sleep(time.Minute)
		synctest.Wait()
		if n := len(jia.snapshot()); n != 1 {
			t.Errorf("甲 tried %d times within its hour of back-off, want 1", n)
		}
		if got := rowsByStatus(t, store); got[models.OutboxSent] != 3 || got[models.OutboxPending] != 2 {
			t.Errorf("outbox %v, want 乙's 3 sent and 甲's 2 pending", got)
		}
	})
}

// TestAPrivateReplyGoesBackThroughTheReceivingAccount: a reply queued
// while handling a private message 乙 received is 乙's to send; a group's
// reply is left to the group's owner.
func TestAPrivateReplyGoesBackThroughTheReceivingAccount(t *testing.T) {
	store, _, _ := twoAccounts(t, 0, 0)
	out := NewOutbox(store, 0, nil)
	ctx := WithReceiver(context.Background(), "乙")
	if err := out.Send(ctx, Target{Name: "李科长"}, "收到"); err != nil {
		t.Fatal(err)
	}
	if err := out.Send(ctx, Target{Name: "无主群", Group: true}, "收到"); err != nil {
		t.Fatal(err)
	}
	if err := out.Send(context.Background(), Target{Name: "王局"}, "日报"); err != nil {
		t.Fatal(err)
	}
	rows, err := store.OutboxRows(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if rows[0].Account != "乙" || rows[1].Account != "" || rows[2].Account != "甲" {
		t.Errorf("accounts %q %q %q, want 乙 (receiver), \"\" (no owner yet), 甲 (default)", rows[0].Account, rows[1].Account, rows[2].Account)
	}
}
