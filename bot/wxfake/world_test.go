package wxfake_test

import (
	"testing"
	"time"

	"mobilize/bot/wxfake"
)

const (
	duty1, duty2, duty3 = "值班号1", "值班号2", "值班号3"
	sharedGroup         = "两号共管群"
	onlyOne             = "一号独管群"
)

// startWorld starts a world of three accounts: duty1 and duty2 share
// sharedGroup with alice and bob, duty1 alone has onlyOne, duty3 has none.
func startWorld(t *testing.T, opts ...wxfake.Option) (*wxfake.World, map[string]*testBot) {
	t.Helper()
	w := wxfake.NewWorld(append([]wxfake.Option{wxfake.WithSyncHold(200 * time.Millisecond), wxfake.WithLoginPollHold(50 * time.Millisecond)}, opts...)...)
	w.AddGroup(wxfake.Group{NickName: sharedGroup, Saved: true, Members: []wxfake.Member{{NickName: alice, DisplayName: "张三(组长)"}, {NickName: bob}}}, duty1, duty2)
	for _, name := range []string{duty1, duty2, duty3} {
		w.Account(name)
	}
	w.AddGroup(wxfake.Group{NickName: onlyOne, Saved: true, Members: []wxfake.Member{{NickName: bob}}}, duty1)
	w.Start()
	t.Cleanup(w.Close)
	bots := map[string]*testBot{}
	for i, srv := range w.Accounts() {
		b := newBot(t, srv)
		b.login(t)
		bots[[]string{duty1, duty2, duty3}[i]] = b
	}
	return w, bots
}

func TestWorldGroupMessageReachesEveryAccountInTheGroup(t *testing.T) {
	w, bots := startWorld(t)
	ids := w.SendGroupText(sharedGroup, alice, "报名 先锋 张三")
	if len(ids) != 2 || ids[duty1] == "" || ids[duty2] == "" {
		t.Fatalf("delivered to %v, want %s and %s", ids, duty1, duty2)
	}
	if ids[duty1] == ids[duty2] {
		t.Fatalf("both copies have MsgId %s; by default each account's copy has its own", ids[duty1])
	}
	got1, got2 := bots[duty1].next(t), bots[duty2].next(t)
	for name, got := range map[string]received{duty1: got1, duty2: got2} {
		if got.msgID != ids[name] || got.groupNick != sharedGroup || got.senderNick != alice || got.senderDisplay != "张三(组长)" || got.content != "报名 先锋 张三" {
			t.Fatalf("%s got %+v, want MsgId %s from %s in %s", name, got, ids[name], alice, sharedGroup)
		}
	}
	if got1.createTime == 0 || got1.createTime != got2.createTime {
		t.Fatalf("CreateTime %d and %d, want one time for both copies", got1.createTime, got2.createTime)
	}
	if got1.raw == got2.raw {
		t.Fatal("both copies name the sender with one UserName; UserNames are per session")
	}
	select {
	case m := <-bots[duty3].msgs:
		t.Fatalf("account not in the group received %+v", m)
	case <-time.After(300 * time.Millisecond):
	}
}

func TestWorldSharedMsgIDsAndDeliveryOrder(t *testing.T) {
	w, bots := startWorld(t, wxfake.WithSharedMsgIDs())
	p := w.NewPost(sharedGroup, bob, "名额")
	id2 := p.DeliverTo(duty2)
	got2 := bots[duty2].next(t)
	select {
	case m := <-bots[duty1].msgs:
		t.Fatalf("%s received %+v before it was delivered", duty1, m)
	case <-time.After(300 * time.Millisecond):
	}
	id1 := p.DeliverTo(duty1)
	got1 := bots[duty1].next(t)
	if id1 == "" || id1 != id2 || got1.msgID != id1 || got2.msgID != id2 {
		t.Fatalf("MsgIds %s/%s received %s/%s, want one shared id", id1, id2, got1.msgID, got2.msgID)
	}
	if again := p.DeliverTo(duty1); again != id1 {
		t.Fatalf("second DeliverTo = %s, want the same %s and no second copy", again, id1)
	}
	if p.DeliverTo(duty3) != "" {
		t.Fatal("delivered to an account not in the group")
	}
}

func TestWorldAccountsSendAndSeeEachOther(t *testing.T) {
	w, bots := startWorld(t)
	srv2 := w.Accounts()[1]
	me, err := bots[duty2].GetCurrentUser()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := group(t, me, sharedGroup).SendText("报名成功：张三"); err != nil {
		t.Fatalf("SendText: %v", err)
	}
	if _, err := srv2.WaitSent(1, 5*time.Second); err != nil {
		t.Fatal(err)
	}
	got := bots[duty1].next(t)
	if got.groupNick != sharedGroup || got.senderNick != duty2 || got.content != "报名成功：张三" {
		t.Fatalf("%s saw %+v, want %s's message in %s", duty1, got, duty2, sharedGroup)
	}
	sent := w.Sent()
	if len(sent) != 1 || sent[0].Account != duty2 || sent[0].ToNickName != sharedGroup {
		t.Fatalf("world sent %+v", sent)
	}
	if len(w.Accounts()[0].Sent()) != 0 {
		t.Fatal("the echo counted as a send of the account that saw it")
	}
}
