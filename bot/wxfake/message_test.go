package wxfake_test

import (
	"testing"

	"mobilize/bot/wxfake"
)

func TestGroupMessage(t *testing.T) {
	srv := startFake(t)
	b := newBot(t, srv)
	b.login(t)

	id := srv.SendGroupText(savedGroup, alice, "报名:\n张三 <b>&")
	got := b.next(t)
	if got.msgID != id || !got.fromGroup || got.groupNick != savedGroup {
		t.Fatalf("got %+v, want MsgId %s from group %q", got, id, savedGroup)
	}
	if got.senderNick != alice || got.senderDisplay != "张三(组长)" {
		t.Fatalf("sender = %q (%q), want %q (张三(组长))", got.senderNick, got.senderDisplay, alice)
	}
	wantRaw := srv.MemberUserName(savedGroup, alice) + ":<br/>报名:<br/>张三 &lt;b&gt;&amp;"
	if got.raw != wantRaw {
		t.Fatalf("RawContent = %q, want %q", got.raw, wantRaw)
	}
	// openwechat deletes every later ":<br/>" from Content (see
	// docs/wechat-protocol.md): parse RawContent instead.
	if got.content != "报名张三 <b>&" {
		t.Fatalf("Content = %q, want the library's mangled %q", got.content, "报名张三 <b>&")
	}
}

func TestUnsavedGroupResolvedWhenItSpeaks(t *testing.T) {
	srv := startFake(t)
	b := newBot(t, srv)
	self := b.login(t)
	groups, err := self.Groups()
	if err != nil {
		t.Fatalf("Groups: %v", err)
	}
	if groups.GetByNickName(unsavedGroup) != nil {
		t.Fatal("unsaved group listed by webwxgetcontact")
	}

	srv.SendGroupText(unsavedGroup, bob, "hello")
	got := b.next(t)
	if got.groupNick != unsavedGroup || got.senderNick != bob || got.content != "hello" {
		t.Fatalf("got %+v, want hello from %q in %q", got, bob, unsavedGroup)
	}
	if srv.RequestCount("/cgi-bin/mmwebwx-bin/webwxbatchgetcontact") == 0 {
		t.Fatal("group resolved without webwxbatchgetcontact")
	}
}

func TestFriendMessage(t *testing.T) {
	srv := startFake(t)
	b := newBot(t, srv)
	b.login(t)

	id := srv.SendFriendText(aliceRemark, "第一行\n第二行")
	got := b.next(t)
	if got.msgID != id || got.fromGroup || got.senderRemark != aliceRemark || got.senderNick != alice {
		t.Fatalf("got %+v, want MsgId %s from friend %q", got, id, aliceRemark)
	}
	if got.raw != "第一行<br/>第二行" || got.content != "第一行\n第二行" {
		t.Fatalf("RawContent %q, Content %q", got.raw, got.content)
	}
}

func TestMessagesWhileLoggedOutArriveAfterLogin(t *testing.T) {
	srv := startFake(t)
	id := srv.SendFriendText(aliceRemark, "早")
	b := newBot(t, srv)
	b.login(t)
	if got := b.next(t); got.msgID != id {
		t.Fatalf("got %s, want %s", got.msgID, id)
	}
}

func TestDuplicateDelivery(t *testing.T) {
	t.Run("Duplicate", func(t *testing.T) {
		srv := startFake(t)
		b := newBot(t, srv)
		b.login(t)
		id := srv.SendGroupText(savedGroup, bob, "1")
		if first := b.next(t); first.msgID != id {
			t.Fatalf("got %s, want %s", first.msgID, id)
		}
		if !srv.Duplicate(id) {
			t.Fatal("Duplicate: unknown MsgId")
		}
		if again := b.next(t); again.msgID != id || again.content != "1" {
			t.Fatalf("duplicate = %+v, want MsgId %s again", again, id)
		}
	})
	t.Run("WithDuplicateDelivery", func(t *testing.T) {
		srv := startFake(t, wxfake.WithDuplicateDelivery())
		b := newBot(t, srv)
		b.login(t)
		id := srv.SendFriendText(aliceRemark, "x")
		if a, c := b.next(t), b.next(t); a.msgID != id || c.msgID != id {
			t.Fatalf("got %s and %s, want %s twice", a.msgID, c.msgID, id)
		}
	})
}

func TestAccountChangesWhileRunning(t *testing.T) {
	srv := startFake(t)
	b := newBot(t, srv)
	self := b.login(t)

	// A newcomer speaks: openwechat refetches the group's members.
	srv.AddMember(savedGroup, wxfake.Member{NickName: "王五", DisplayName: "新人"})
	srv.SendGroupText(savedGroup, "王五", "大家好")
	if got := b.next(t); got.senderNick != "王五" || got.senderDisplay != "新人" {
		t.Fatalf("got %+v, want the new member", got)
	}

	srv.SetGroupSaved(unsavedGroup, true)
	group(t, self, unsavedGroup) // listed after a refresh
	srv.AddGroup(wxfake.Group{NickName: "新群", Saved: true, Members: []wxfake.Member{{NickName: bob}}})
	group(t, self, "新群")
}
