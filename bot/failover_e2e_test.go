package bot_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"mobilize/bot/wxfake"
	"mobilize/chat"
	"mobilize/config"
	"mobilize/models"
)

// An account cut off with 1102 mid-broadcast: its remaining messages for a
// group the other account also serves go out once, through the other
// account; its group nobody else serves waits, and the admins are told
// which, once.
func TestCutOffAccountsSharedGroupsGoThroughAnother(t *testing.T) {
	w := wxfake.NewWorld(wxfake.WithSyncHold(200*time.Millisecond), wxfake.WithLoginPollHold(50*time.Millisecond),
		wxfake.WithFriends(wxfake.Friend{NickName: adminNk, RemarkName: admin}))
	w.AddGroup(wxfake.Group{NickName: groupA, Saved: true, Members: []wxfake.Member{{NickName: zhang}}}, duty1, duty2)
	w.AddGroup(wxfake.Group{NickName: groupB, Saved: true, Members: []wxfake.Member{{NickName: li}}}, duty1)
	one := w.Account(duty1, wxfake.WithAutoConfirm(false)) // a lost session stays lost until someone scans
	w.Account(duty2)
	w.Start()
	t.Cleanup(w.Close)
	store := accountsStore(t)
	ctx := context.Background()
	slow := func(c *config.Config) { // duty1 sends one message, then waits an hour
		c.Send.MinGap, c.Send.MaxGap, c.Send.SameChatGap = config.Duration(time.Hour), config.Duration(time.Hour), config.Duration(time.Hour)
	}
	go one.ConfirmScan()
	h1 := startAccount(t, one, store, duty1, options{cfg: slow})
	startAccount(t, w.Accounts()[1], store, duty2, options{})
	waitServing(t, store, groupA, duty1, duty2)
	waitServing(t, store, groupB, duty1)
	if _, _, err := store.AssignOwner(ctx, groupA, duty1, "test"); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		for _, g := range []string{groupA, groupB} {
			_, err := h1.outbox.Put(ctx, chat.Outgoing{To: chat.Target{Name: g, Group: true}, Kind: models.KindBroadcast, Text: fmt.Sprintf("倡议第%d段", i+1)})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := one.WaitSent(1, 5*time.Second); err != nil {
		t.Fatal(err)
	}
	one.SetPushLogin(false)
	if !one.EndSession("1102") {
		t.Fatal("no session to end")
	}
	// duty1's 5 unsent: 2 or 3 for groupA move to duty2 and go out; groupB's wait.
	deadline := time.Now().Add(10 * time.Second)
	var viaTwo []wxfake.SentMessage
	for time.Now().Before(deadline) {
		viaTwo = nil
		for _, m := range w.Sent() {
			if m.Account == duty2 && m.ToNickName == groupA {
				viaTwo = append(viaTwo, m.SentMessage)
			}
		}
		if len(viaTwo)+countTo(one.Sent(), groupA) == 3 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	seen := map[string]int{}
	for _, m := range w.Sent() {
		if m.ToGroup {
			seen[m.ToNickName+"|"+m.Content]++
		}
	}
	for i := range 3 {
		if n := seen[groupA+"|"+fmt.Sprintf("倡议第%d段", i+1)]; n != 1 {
			t.Errorf("%s got part %d %d times, want once: %v", groupA, i+1, n, seen)
		}
	}
	if n := countTo(w.Accounts()[1].Sent(), groupB); n != 0 {
		t.Errorf("%s reached through an account not in it", groupB)
	}
	rows, _ := store.OutboxRows(ctx, models.OutboxPending)
	waiting := 0
	for _, r := range rows {
		if r.Target == groupB && r.Account == duty1 {
			waiting++
		}
	}
	if waiting+countTo(one.Sent(), groupB) != 3 {
		t.Errorf("%s: %d waiting, %d sent; want all 3 kept for %s", groupB, waiting, countTo(one.Sent(), groupB), duty1)
	}
	// The admins hear once, through duty2, that groupB has no working account.
	deadline = time.Now().Add(5 * time.Second)
	var notices []wxfake.SentMessage
	for time.Now().Before(deadline) && len(notices) == 0 {
		for _, m := range w.Accounts()[1].Sent() {
			if m.ToRemarkName == admin && strings.Contains(m.Content, "已掉线") {
				notices = append(notices, m)
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond) // more passes of the failover loop
	notices = nil
	for _, m := range w.Accounts()[1].Sent() {
		if m.ToRemarkName == admin && strings.Contains(m.Content, "已掉线") {
			notices = append(notices, m)
		}
	}
	if len(notices) != 1 || !strings.Contains(notices[0].Content, duty1) || !strings.Contains(notices[0].Content, groupB) ||
		strings.Contains(notices[0].Content, "没有其他在线账号，消息在等待该账号重新登录："+groupA) {
		t.Fatalf("admin notices %+v", notices)
	}
	moves, _ := store.OutboxMoves(ctx)
	if len(moves) == 0 || moves[0].From != duty1 || moves[0].To != duty2 || moves[0].Reason != "1102" {
		t.Fatalf("moves %+v", moves)
	}
}

func countTo(sent []wxfake.SentMessage, group string) int {
	n := 0
	for _, m := range sent {
		if m.ToNickName == group {
			n++
		}
	}
	return n
}
