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

// Issue 19's "done when": three accounts share 300 groups (each group has
// two of them); a broadcast reaches every group exactly once, each account
// at its own pace; one account is cut off with 1102 mid-way, and no group
// is sent to twice or forgotten.
func TestThreeAccountsBroadcastTo300GroupsWithOneCutOff(t *testing.T) {
	if testing.Short() {
		t.Skip("300 groups through three real clients")
	}
	const groups = 300
	names := []string{"值班号1", "值班号2", "值班号3"}
	gaps := map[string]time.Duration{"值班号1": 3 * time.Millisecond, "值班号2": 5 * time.Millisecond, "值班号3": 8 * time.Millisecond}
	w := wxfake.NewWorld(wxfake.WithSyncHold(200*time.Millisecond), wxfake.WithLoginPollHold(50*time.Millisecond),
		wxfake.WithFriends(wxfake.Friend{NickName: adminNk, RemarkName: admin}))
	for _, n := range names {
		opts := []wxfake.Option{}
		if n == "值班号2" {
			opts = append(opts, wxfake.WithAutoConfirm(false)) // once cut off, stays off
		}
		w.Account(n, opts...)
	}
	group := func(i int) string { return fmt.Sprintf("第%03d社会组织群", i) }
	for i := range groups {
		w.AddGroup(wxfake.Group{NickName: group(i), Saved: true, Members: []wxfake.Member{{NickName: zhang}}}, names[i%3], names[(i+1)%3])
	}
	w.Start()
	t.Cleanup(w.Close)
	store, err := models.Open(filepath.Join(t.TempDir(), "t.db"), nil, models.WithAccounts(names))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	srv := w.Accounts()
	go srv[1].ConfirmScan()
	hs := map[string]*harness{}
	for i, n := range names {
		hs[n] = startAccount(t, srv[i], store, n, options{cfg: func(c *config.Config) {
			for _, a := range names {
				g := config.Duration(gaps[a])
				c.AccountSettings = append(c.AccountSettings, config.AccountSetting{Name: a, SessionFile: filepath.Join(t.TempDir(), a+".json"),
					Send: config.SendOverride{MinGap: &g, MaxGap: &g}})
			}
		}})
	}
	t0 := time.Now()
	for i := range groups {
		waitServing(t, store, group(i), sorted(names[i%3], names[(i+1)%3])...)
	}
	t.Logf("served after %v", time.Since(t0))
	ctx := context.Background()
	for i := range groups {
		_, err := hs["值班号1"].outbox.Put(ctx, chat.Outgoing{To: chat.Target{Name: group(i), Group: true}, Kind: models.KindBroadcast,
			Text: "【倡议】抗疫志愿服务", Key: fmt.Sprintf("campaign 1 to %s", group(i))})
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("queued after %v", time.Since(t0))
	if _, err := srv[1].WaitSent(20, 20*time.Second); err != nil {
		t.Fatal(err)
	}
	srv[1].SetPushLogin(false)
	if !srv[1].EndSession("1102") {
		t.Fatal("值班号2 had no session to end")
	}
	deadline := time.Now().Add(60 * time.Second)
	got := map[string]int{}
	for time.Now().Before(deadline) {
		got = map[string]int{}
		for _, m := range w.Sent() {
			if m.ToGroup {
				got[m.ToNickName]++
			}
		}
		if len(got) == groups {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("all sent after %v", time.Since(t0))
	for i := range groups {
		if n := got[group(i)]; n != 1 {
			t.Errorf("%s received the broadcast %d times, want once", group(i), n)
		}
	}
	// Each account kept its own gap between its sends.
	per := map[string][]time.Time{}
	for _, m := range w.Sent() {
		if m.ToGroup {
			per[m.Account] = append(per[m.Account], m.Time)
		}
	}
	for _, n := range names {
		times := per[n]
		if len(times) < 20 {
			t.Errorf("%s sent %d, want a share of the 300", n, len(times))
		}
		for i := 1; i < len(times); i++ {
			if gap := times[i].Sub(times[i-1]); gap < gaps[n]*9/10 {
				t.Fatalf("%s sent two messages %v apart, under its gap %v", n, gap, gaps[n])
			}
		}
	}
	moves, _ := store.OutboxMoves(ctx)
	for _, m := range moves {
		if m.From != "值班号2" || m.To == "值班号2" || m.Reason != "1102" {
			t.Fatalf("move %+v", m)
		}
	}
	if len(moves) == 0 {
		t.Fatal("值班号2 was cut off with messages left, yet nothing moved")
	}
	t.Logf("sends: 值班号1 %d, 值班号2 %d (cut off), 值班号3 %d; %d moved", len(per["值班号1"]), len(per["值班号2"]), len(per["值班号3"]), len(moves))
}

func sorted(a, b string) []string {
	if a > b {
		return []string{b, a}
	}
	return []string{a, b}
}
