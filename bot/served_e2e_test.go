package bot_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"mobilize/bot"
	"mobilize/bot/wxfake"
	"mobilize/chat"
	"mobilize/models"
)

// Account names of the several-account tests.
const (
	duty1 = "值班号1"
	duty2 = "值班号2"
)

// twoAccounts is a world where duty1 and duty2 share groupA, duty1 alone
// is in groupB and in the unsaved group hidden.
func twoAccounts(tb testing.TB, opts ...wxfake.Option) *wxfake.World {
	tb.Helper()
	w := wxfake.NewWorld(append([]wxfake.Option{wxfake.WithSyncHold(200 * time.Millisecond), wxfake.WithLoginPollHold(50 * time.Millisecond),
		wxfake.WithFriends(wxfake.Friend{NickName: adminNk, RemarkName: admin})}, opts...)...)
	w.AddGroup(wxfake.Group{NickName: groupA, Saved: true, Members: []wxfake.Member{{NickName: zhang, DisplayName: "张三(营养学会)"}, {NickName: li}}}, duty1, duty2)
	w.AddGroup(wxfake.Group{NickName: groupB, Saved: true, Members: []wxfake.Member{{NickName: li}}}, duty1)
	w.AddGroup(wxfake.Group{NickName: hidden, Members: []wxfake.Member{{NickName: zhang}}}, duty1)
	w.Account(duty1)
	w.Account(duty2)
	w.Start()
	tb.Cleanup(w.Close)
	return w
}

// accountsStore opens a fresh database that knows the accounts duty1 and
// duty2, as run does with an accounts: list.
func accountsStore(tb testing.TB) *models.Store {
	tb.Helper()
	s, err := models.Open(filepath.Join(tb.TempDir(), "t.db"), nil, models.WithAccounts([]string{duty1, duty2}))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// startAccount runs the bot as one account of a world on store.
func startAccount(tb testing.TB, srv *wxfake.Server, store *models.Store, account string, o options) *harness {
	tb.Helper()
	inner := o.runner
	o.runner = func(rc *bot.RunnerConfig) {
		rc.Account = account
		if inner != nil {
			inner(rc)
		}
	}
	return start(tb, srv, store, o)
}

// waitServing waits until the store lists want as the accounts serving
// group.
func waitServing(tb testing.TB, store *models.Store, group string, want ...string) {
	tb.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var got []string
	for time.Now().Before(deadline) {
		got, _ = store.ServingAccounts(context.Background(), group)
		if slices.Equal(got, want) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	tb.Fatalf("group %s served by %v, want %v", group, got, want)
}

func TestAccountsRecordTheGroupsTheyServe(t *testing.T) {
	w := twoAccounts(t)
	store := accountsStore(t)
	srv := w.Accounts()
	rec := &recorder{}
	handler := func(*harness) chat.Handler { return rec }
	startAccount(t, srv[0], store, duty1, options{handler: handler})
	startAccount(t, srv[1], store, duty2, options{handler: handler})
	waitServing(t, store, groupA, duty1, duty2)
	waitServing(t, store, groupB, duty1)
	if got, _ := store.ServingAccounts(context.Background(), hidden); len(got) != 0 {
		t.Fatalf("an unsaved group served by %v before it spoke", got)
	}
	owner, err := store.GroupOwner(context.Background(), groupA)
	if err != nil || (owner != duty1 && owner != duty2) {
		t.Fatalf("owner of a shared group %q, %v", owner, err)
	}
	ids := w.SendGroupText(hidden, zhang, "名额")
	waitServing(t, store, hidden, duty1)
	deadline := time.Now().Add(5 * time.Second)
	for {
		m, ok := rec.byID(ids[duty1])
		if ok {
			if m.Account != duty1 || m.Group != hidden {
				t.Fatalf("message %+v, want account %s", m, duty1)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the unsaved group's message never reached the handler")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
