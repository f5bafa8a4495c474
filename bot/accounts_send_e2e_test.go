package bot_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"mobilize/bot/wxfake"
	"mobilize/chat"
	"mobilize/config"
	"mobilize/models"
)

// sharedWorld is a world where duty1 and duty2 are both in n saved groups;
// each group's owner is then the rule's.
func sharedWorld(t *testing.T, n int) (*wxfake.World, []string) {
	t.Helper()
	w := wxfake.NewWorld(wxfake.WithSyncHold(200*time.Millisecond), wxfake.WithLoginPollHold(50*time.Millisecond),
		wxfake.WithFriends(wxfake.Friend{NickName: adminNk, RemarkName: admin}))
	var names []string
	for i := 1; i <= n; i++ {
		name := fmt.Sprintf("共享第%02d群", i)
		names = append(names, name)
		w.AddGroup(wxfake.Group{NickName: name, Saved: true, Members: []wxfake.Member{{NickName: "会员"}}}, duty1, duty2)
	}
	w.Account(duty1)
	w.Account(duty2)
	w.Start()
	t.Cleanup(w.Close)
	return w, names
}

// accountPacing configures duty1 and duty2 with their own gaps (MinGap =
// MaxGap) and budgets, as accounts: in the file would.
func accountPacing(dir string, gap1, gap2 time.Duration, budget1, budget2 int) func(*config.Config) {
	return func(c *config.Config) {
		d := func(v time.Duration) *config.Duration { x := config.Duration(v); return &x }
		c.AccountSettings = []config.AccountSetting{
			{Name: duty1, SessionFile: filepath.Join(dir, "1.json"), Send: config.SendOverride{MinGap: d(gap1), MaxGap: d(gap1), DailyBudget: &budget1}},
			{Name: duty2, SessionFile: filepath.Join(dir, "2.json"), Send: config.SendOverride{MinGap: d(gap2), MaxGap: d(gap2), DailyBudget: &budget2}},
		}
	}
}

// startDuties runs both accounts on store and waits until every group is
// known to be served by both; it returns duty1's harness.
func startDuties(t *testing.T, w *wxfake.World, store *models.Store, groups []string, cfg func(*config.Config)) *harness {
	t.Helper()
	srv := w.Accounts()
	h := startAccount(t, srv[0], store, duty1, options{cfg: cfg})
	startAccount(t, srv[1], store, duty2, options{cfg: cfg})
	for _, g := range groups {
		waitServing(t, store, g, duty1, duty2)
	}
	return h
}

// queueNotices queues one notice to each group.
func queueNotices(t *testing.T, out *chat.Outbox, groups []string) {
	t.Helper()
	for _, g := range groups {
		if err := out.Queue(context.Background(), chat.Target{Name: g, Group: true}, models.KindNotice, "通知："+g); err != nil {
			t.Fatal(err)
		}
	}
}

// owned splits groups by their owner.
func owned(t *testing.T, store *models.Store, groups []string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, g := range groups {
		o, err := store.GroupOwner(context.Background(), g)
		if err != nil {
			t.Fatal(err)
		}
		out[o] = append(out[o], g)
	}
	return out
}

// TestEachAccountSendsItsGroupsOnceAtItsOwnPace: through two real clients
// against two fake accounts sharing 60 groups (issue 19's broadcast), a
// notice to every group is sent once, by the group's owner, and the fake's
// clock shows each account's own gap between its sends (15 ms and 40 ms)
// whatever the other does. The gaps are small so that 60 groups cost about
// a second more under -race than the 16 this test began with.
func TestEachAccountSendsItsGroupsOnceAtItsOwnPace(t *testing.T) {
	w, groups := sharedWorld(t, 60)
	store := accountsStore(t)
	gaps := map[string]time.Duration{duty1: 15 * time.Millisecond, duty2: 40 * time.Millisecond}
	h := startDuties(t, w, store, groups, accountPacing(t.TempDir(), gaps[duty1], gaps[duty2], 100, 100))
	by := owned(t, store, groups)
	if len(by[duty1]) == 0 || len(by[duty2]) == 0 {
		t.Fatalf("owners %v: the rule should give both accounts groups", by)
	}
	queueNotices(t, h.outbox, groups)
	for i, srv := range w.Accounts() {
		name := []string{duty1, duty2}[i]
		sent, err := srv.WaitSent(len(by[name]), 20*time.Second)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		time.Sleep(300 * time.Millisecond) // would anything more come?
		sent = srv.Sent()
		if len(sent) != len(by[name]) {
			t.Errorf("%s sent %d messages, want its %d groups", name, len(sent), len(by[name]))
		}
		seen := map[string]bool{}
		for j, m := range sent {
			if seen[m.ToNickName] {
				t.Errorf("%s sent to %s twice", name, m.ToNickName)
			}
			seen[m.ToNickName] = true
			if j > 0 {
				if gap := m.Time.Sub(sent[j-1].Time); gap < gaps[name] {
					t.Errorf("%s: %v between sends %d and %d, want at least its own %v", name, gap, j, j+1, gaps[name])
				}
			}
		}
		for _, g := range by[name] {
			if !seen[g] {
				t.Errorf("%s owns %s but never sent to it", name, g)
			}
		}
	}
}

// TestOneAccountsBudgetNeverDelaysAnothers: duty1 may send two messages
// today; it sends two and holds the rest, while duty2 sends all of its
// groups at its pace.
func TestOneAccountsBudgetNeverDelaysAnothers(t *testing.T) {
	w, groups := sharedWorld(t, 16)
	store := accountsStore(t)
	h := startDuties(t, w, store, groups, accountPacing(t.TempDir(), 20*time.Millisecond, 20*time.Millisecond, 2, 100))
	by := owned(t, store, groups)
	if len(by[duty1]) < 3 || len(by[duty2]) == 0 {
		t.Fatalf("owners %v: the test needs duty1 over its budget", by)
	}
	queueNotices(t, h.outbox, groups)
	srv := w.Accounts()
	if _, err := srv[1].WaitSent(len(by[duty2]), 20*time.Second); err != nil {
		t.Fatalf("duty2 held back by duty1's budget: %v", err)
	}
	time.Sleep(300 * time.Millisecond)
	if n := len(srv[0].Sent()); n != 2 {
		t.Errorf("duty1 sent %d with a budget of 2", n)
	}
	rows, err := store.OutboxRows(context.Background(), models.OutboxPending)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Account != duty1 {
			t.Errorf("a pending row of %s: %+v", r.Account, r)
		}
	}
	if len(rows) != len(by[duty1])-2 {
		t.Errorf("%d rows wait, want duty1's %d beyond its budget", len(rows), len(by[duty1])-2)
	}
}
