package bot_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"mobilize/bot/wxfake"
	"mobilize/config"
	"mobilize/models"
)

// The two accounts of the two-process test, each in its own groups.
const (
	killA = "甲号"
	killB = "乙号"
)

// killAccounts is the accounts: list of the two-process test, with their
// session files in dir.
func killAccounts(dir string) []config.AccountSetting {
	return []config.AccountSetting{
		{Name: killA, SessionFile: filepath.Join(dir, "a.json")},
		{Name: killB, SessionFile: filepath.Join(dir, "b.json")},
	}
}

// holdSendUntil is holdNthSend that lets the held send's answer through
// once release is closed: the n-th send is delivered, and its process
// stays mid-send, its row "sending", until then.
func holdSendUntil(next http.Handler, n int64, held chan<- struct{}, release <-chan struct{}) http.Handler {
	var sends atomic.Int64
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !isSend(r.URL.Path) || sends.Add(1) != n {
			next.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		close(held)
		select {
		case <-release:
		case <-r.Context().Done():
			return
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		w.Write(rec.Body.Bytes())
	})
}

// TestTwoProcessesOneAccountEachSurviveAKill9: two bot processes on one
// database, one per account, each sending a broadcast to its own ten
// groups. 乙号's process is held mid-send; 甲号's is SIGKILLed mid-send and
// restarted at once (its lease is a dead process's). The restarted
// process settles only 甲号's interrupted row as uncertain — 乙号's row in
// flight is left alone and completes — and in the end every group has
// every message exactly once, the one cut mid-send included.
func TestTwoProcessesOneAccountEachSurviveAKill9(t *testing.T) {
	w := wxfake.NewWorld(wxfake.WithSyncHold(200*time.Millisecond), wxfake.WithLoginPollHold(50*time.Millisecond))
	var groupsA, groupsB []string
	for i := 1; i <= 10; i++ {
		for _, g := range []struct {
			account string
			names   *[]string
		}{{killA, &groupsA}, {killB, &groupsB}} {
			name := fmt.Sprintf("%s第%02d群", g.account, i)
			*g.names = append(*g.names, name)
			w.AddGroup(wxfake.Group{NickName: name, Saved: true, Members: []wxfake.Member{{NickName: "会员"}}}, g.account)
		}
	}
	srvA, srvB := w.Account(killA), w.Account(killB)
	w.Start()
	t.Cleanup(w.Close)

	dir := t.TempDir()
	dbPath := filepath.Join(dir, "two.db")
	cfg := broadcastConfig(t)
	cfg.AccountSettings = killAccounts(dir)
	st, err := models.Open(dbPath, nil, models.WithAccounts(cfg.AccountNames()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ctx := context.Background()
	if err := st.NoteServed(ctx, killA, groupsA); err != nil {
		t.Fatal(err)
	}
	if err := st.NoteServed(ctx, killB, groupsB); err != nil {
		t.Fatal(err)
	}
	importBroadcastOrgs(t, st, append(append([]string(nil), groupsA...), groupsB...))
	queueInitiative(t, st, cfg, 0)
	each := 10 * perGroup

	heldA, heldB, releaseB := make(chan struct{}), make(chan struct{}), make(chan struct{})
	relayA := httptest.NewServer(holdNthSend(relay(srvA.Transport()), int64(each/2), heldA))
	relayB := httptest.NewServer(holdSendUntil(relay(srvB.Transport()), int64(each/4), heldB, releaseB))
	t.Cleanup(relayA.Close)
	t.Cleanup(relayB.Close)
	session := func(account string) string {
		return filepath.Join(dir, map[string]string{killA: "a.json", killB: "b.json"}[account])
	}
	specA := strings.Join([]string{dbPath, session(killA), relayA.Listener.Addr().String(), killA}, "|")
	specB := strings.Join([]string{dbPath, session(killB), relayB.Listener.Addr().String(), killB}, "|")

	childB := startBotChild(t, specB)
	first := startBotChild(t, specA)
	for name, held := range map[string]chan struct{}{killA: heldA, killB: heldB} {
		select {
		case <-held:
		case <-time.After(90 * time.Second):
			t.Fatalf("%s: no send held after 90s:\n%s\n%s", name, first.stderr, childB.stderr)
		}
	}
	first.kill9(t)
	inFlightB := sendingOf(t, st, killB)
	if len(inFlightB) != 1 {
		t.Fatalf("乙号 has %d rows in flight, want the one held", len(inFlightB))
	}

	second := startBotChild(t, specA)
	deadline := time.Now().Add(60 * time.Second)
	for len(uncertainOf(t, st)) == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if got := sendingOf(t, st, killB); len(got) != 1 || got[0] != inFlightB[0] {
		t.Fatalf("乙号's row in flight was touched by 甲号's restart: sending %v, was %v", got, inFlightB)
	}
	close(releaseB)
	if _, err := srvA.WaitSent(each, 90*time.Second); err != nil {
		t.Fatalf("甲号: %v:\n%s", err, second.stderr)
	}
	if _, err := srvB.WaitSent(each, 90*time.Second); err != nil {
		t.Fatalf("乙号: %v:\n%s", err, childB.stderr)
	}
	waitBroadcastDone(t, st)
	second.stop(t)
	childB.stop(t)

	for _, srv := range []*wxfake.Server{srvA, srvB} {
		got := byGroup(srv.Sent())
		for g, msgs := range got {
			checkGroupGot(t, g, msgs, 0)
		}
		if n := len(srv.Attempts()); n != each {
			t.Errorf("%d send requests for %d messages: something was sent again", n, each)
		}
	}
	if len(byGroup(srvA.Sent())) != 10 || len(byGroup(srvB.Sent())) != 10 {
		t.Errorf("groups reached: 甲号 %d, 乙号 %d, want 10 each", len(byGroup(srvA.Sent())), len(byGroup(srvB.Sent())))
	}
	unc := uncertainOf(t, st)
	if len(unc) != 1 || unc[0].Account != killA {
		t.Fatalf("uncertain rows %+v: want only 甲号's one cut mid-send", unc)
	}
}

// sendingOf lists the ids of the account's rows marked "sending".
func sendingOf(t *testing.T, st *models.Store, account string) []uint {
	t.Helper()
	rows, err := st.OutboxRows(context.Background(), models.OutboxSending)
	if err != nil {
		t.Fatal(err)
	}
	var ids []uint
	for _, r := range rows {
		if r.Account == account {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

func uncertainOf(t *testing.T, st *models.Store) []models.OutboxMessage {
	t.Helper()
	rows, err := st.OutboxRows(context.Background(), models.OutboxUncertain)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
