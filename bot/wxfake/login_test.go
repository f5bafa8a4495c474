package wxfake_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/eatmoreapple/openwechat"

	"mobilize/bot/wxfake"
)

func TestLoginListsContactsAndGroups(t *testing.T) {
	srv := startFake(t)
	b := newBot(t, srv)
	self := b.login(t)

	if self.NickName != "报名助手" || self.UserName != srv.SelfUserName() {
		t.Fatalf("self = %q %q, want 报名助手 %q", self.NickName, self.UserName, srv.SelfUserName())
	}
	if got := b.Caller.Client.Domain; got != "wx.qq.com" {
		t.Fatalf("Domain = %q, want wx.qq.com", got)
	}
	groups, err := self.Groups()
	if err != nil {
		t.Fatalf("Groups: %v", err)
	}
	if groups.Count() != 1 || groups.First().NickName != savedGroup {
		t.Fatalf("groups = %v, want only the saved group %q", groups, savedGroup)
	}
	g := groups.First()
	if g.UserName != srv.GroupUserName(savedGroup) || !strings.HasPrefix(g.UserName, "@@") {
		t.Fatalf("group UserName = %q, want %q", g.UserName, srv.GroupUserName(savedGroup))
	}
	members, err := g.Members()
	if err != nil {
		t.Fatalf("Members: %v", err)
	}
	a, ok := members.GetByNickName(alice)
	if !ok || a.DisplayName != "张三(组长)" || a.UserName != srv.MemberUserName(savedGroup, alice) || a.Uin != 0 {
		t.Fatalf("member %q = %+v, want DisplayName 张三(组长), UserName %q, Uin 0", alice, a, srv.MemberUserName(savedGroup, alice))
	}
	if members.Count() != 2 {
		t.Fatalf("%d members, want 2", members.Count())
	}
	friends, err := self.Friends()
	if err != nil {
		t.Fatalf("Friends: %v", err)
	}
	f := friends.GetByRemarkName(aliceRemark)
	if f == nil || f.NickName != alice || f.UserName != srv.FriendUserName(aliceRemark) {
		t.Fatalf("friend by remark = %v, want %q with UserName %q", f, alice, srv.FriendUserName(aliceRemark))
	}
	// A friend who is also a group member is one person: one UserName.
	if f.UserName != a.UserName {
		t.Fatalf("friend and member UserNames differ: %q %q", f.UserName, a.UserName)
	}
	if b.qrShown.Load() != 1 || srv.LoginCount() != 1 {
		t.Fatalf("QR shown %d times, %d logins; want 1, 1", b.qrShown.Load(), srv.LoginCount())
	}
}

func TestUserNamesChangePerLogin(t *testing.T) {
	srv := startFake(t)
	first := newBot(t, srv)
	first.login(t)
	oldGroup, oldSelf := srv.GroupUserName(savedGroup), srv.SelfUserName()
	first.cancel()

	second := newBot(t, srv)
	self := second.login(t)
	if self.UserName == oldSelf || srv.GroupUserName(savedGroup) == oldGroup {
		t.Fatal("UserNames did not change with the new login")
	}
	// A UserName from the old session is refused.
	if _, err := self.SendTextToGroup(&openwechat.Group{User: &openwechat.User{UserName: oldGroup}}, "hi"); err == nil {
		t.Fatal("sending to a stale UserName succeeded")
	}
}

func TestManualConfirm(t *testing.T) {
	srv := startFake(t, wxfake.WithAutoConfirm(false))
	b := newBot(t, srv)
	shown := make(chan struct{})
	b.UUIDCallback = func(string) { close(shown) }
	done := make(chan error, 1)
	go func() { done <- b.Login() }()
	<-shown
	select {
	case err := <-done:
		t.Fatalf("Login returned before the scan: %v", err)
	case <-time.After(250 * time.Millisecond): // a few held 408 polls
	}
	srv.ConfirmScan()
	if err := <-done; err != nil {
		t.Fatalf("Login after ConfirmScan: %v", err)
	}
	if polls := srv.RequestCount("/cgi-bin/mmwebwx-bin/login"); polls > 10 {
		t.Fatalf("%d login polls in 250ms: 408 is not held", polls)
	}
}

func TestExpiredQR(t *testing.T) {
	srv := startFake(t, wxfake.WithAutoConfirm(false))
	b := newBot(t, srv)
	b.UUIDCallback = func(string) { go srv.ExpireQR() }
	if err := b.Login(); !errors.Is(err, openwechat.ErrLoginTimeout) {
		t.Fatalf("Login = %v, want ErrLoginTimeout", err)
	}
}

func TestLoginRefusals(t *testing.T) {
	t.Run("normal web mode gets 1203", func(t *testing.T) {
		srv := startFake(t)
		b := newBot(t, srv)
		openwechat.Normal.Prepare(b.Bot)
		err := b.Login()
		if err == nil || !strings.Contains(err.Error(), "当前登录环境异常") {
			t.Fatalf("Login in Normal mode = %v, want the 1203 message", err)
		}
	})
	t.Run("normal web mode when allowed", func(t *testing.T) {
		srv := startFake(t, wxfake.WithWebModeAllowed())
		b := newBot(t, srv)
		openwechat.Normal.Prepare(b.Bot)
		b.login(t)
	})
	t.Run("FailNextLogin", func(t *testing.T) {
		srv := startFake(t)
		srv.FailNextLogin(1203, "blocked")
		b := newBot(t, srv)
		if err := b.Login(); err == nil || err.Error() != "blocked" {
			t.Fatalf("Login = %v, want error \"blocked\"", err)
		}
		if srv.SessionValid() {
			t.Fatal("a refused login started a session")
		}
	})
}

func TestSlowServer(t *testing.T) {
	srv := startFake(t, wxfake.WithLatency(30*time.Millisecond))
	b := newBot(t, srv)
	start := time.Now()
	self := b.login(t)
	if d := time.Since(start); d < 150*time.Millisecond {
		t.Fatalf("login took %v, want the latency applied to each of its requests", d)
	}
	srv.SetLatency(0)
	if _, err := group(t, self, savedGroup).SendText("ok"); err != nil {
		t.Fatalf("SendText: %v", err)
	}
}

// TestOtherDomain: the login check's redirect_uri decides Client.Domain and
// so every later host; cookies on .qq.com reach file.wx2.qq.com.
func TestOtherDomain(t *testing.T) {
	srv := startFake(t, wxfake.WithDomain("wx2.qq.com"))
	b := newBot(t, srv)
	self := b.login(t)
	if got := b.Caller.Client.Domain; got != "wx2.qq.com" {
		t.Fatalf("Domain = %q, want wx2.qq.com", got)
	}
	if _, err := group(t, self, savedGroup).SendFile(strings.NewReader("名单")); err != nil {
		t.Fatalf("SendFile: %v", err)
	}
	for _, r := range srv.Requests() {
		if r.Host == "wx.qq.com" {
			t.Fatalf("request to wx.qq.com after the redirect to wx2.qq.com: %s", r.Path)
		}
	}
}
