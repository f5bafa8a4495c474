package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"mobilize/bot/wxfake"
	"mobilize/chat"
	"mobilize/models"
)

// One member's sign-up in a group two accounts serve is handled once and
// answered once, through the group's owner, whichever account's copy
// arrives first, with the copies' ids different or the same.
func TestGroupMessageSeenByTwoAccountsIsHandledOnce(t *testing.T) {
	for _, c := range []struct {
		name   string
		first  string
		shared bool
	}{
		{"值班号1先，不同 MsgId", duty1, false},
		{"值班号2先，不同 MsgId", duty2, false},
		{"同一 MsgId", duty2, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			var opts []wxfake.Option
			if c.shared {
				opts = append(opts, wxfake.WithSharedMsgIDs())
			}
			w := twoAccounts(t, opts...)
			store := accountsStore(t)
			camp := campaign(t, store, 3)
			srv := w.Accounts()
			hs := map[string]*harness{
				duty1: startAccount(t, srv[0], store, duty1, options{}),
				duty2: startAccount(t, srv[1], store, duty2, options{}),
			}
			waitServing(t, store, groupA, duty1, duty2)
			second := map[string]string{duty1: duty2, duty2: duty1}[c.first]
			post := w.NewPost(groupA, zhang, "报名 先锋 张三 13800138000")
			id := post.DeliverTo(c.first)
			hs[c.first].waitHandled(t, id, 1)
			id2 := post.DeliverTo(second)
			hs[second].waitHandled(t, id2, 1)
			if (id == id2) != c.shared {
				t.Fatalf("ids %s and %s", id, id2)
			}
			waitOutboxIdle(t, store)
			time.Sleep(300 * time.Millisecond) // an echo of the reply would be handled by now
			waitOutboxIdle(t, store)
			regs, err := store.Roster(context.Background(), camp.ID)
			if err != nil || len(regs) != 1 {
				t.Fatalf("roster %d rows, %v", len(regs), err)
			}
			var replies []wxfake.AccountSent
			for _, m := range w.Sent() {
				if m.ToNickName == groupA {
					replies = append(replies, m)
				}
			}
			owner, _ := store.GroupOwner(context.Background(), groupA)
			if len(replies) != 1 || !strings.Contains(replies[0].Content, "张三") || replies[0].Account != owner {
				t.Fatalf("replies in %s: %+v, want one through the owner %s", groupA, replies, owner)
			}
		})
	}
}

// What one account sends to a shared group reaches the other account as a
// member's message; it is the bot's own, never a command: a notice whose
// text is 「名额」 gets no answer from the other account.
func TestOneAccountsMessageIsNotACommandToTheOther(t *testing.T) {
	w := twoAccounts(t)
	store := accountsStore(t)
	campaign(t, store, 3)
	srv := w.Accounts()
	h1 := startAccount(t, srv[0], store, duty1, options{})
	startAccount(t, srv[1], store, duty2, options{})
	waitServing(t, store, groupA, duty1, duty2)
	if err := h1.outbox.Queue(context.Background(), chat.Target{Name: groupA, Group: true}, models.KindNotice, "名额"); err != nil {
		t.Fatal(err)
	}
	waitOutboxIdle(t, store)
	time.Sleep(500 * time.Millisecond) // the echo reaches the other account and would be answered by now
	waitOutboxIdle(t, store)
	var sent []wxfake.AccountSent
	for _, m := range w.Sent() {
		if m.ToNickName == groupA {
			sent = append(sent, m)
		}
	}
	if len(sent) != 1 || sent[0].Content != "名额" {
		t.Fatalf("sent to %s: %+v, want only the notice", groupA, sent)
	}
	// A member who then asks is answered.
	w.SendGroupText(groupA, li, "名额")
	deadline := time.Now().Add(5 * time.Second)
	for len(w.Sent()) < 2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := len(w.Sent()); n != 2 {
		t.Fatalf("%d messages sent after a member asked, want 2", n)
	}
}
