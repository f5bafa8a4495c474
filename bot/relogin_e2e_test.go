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
)

// TestReloginMatrix: against a fake that scopes cookies as the real
// servers do (session cookies on the login host, the data ticket on
// .qq.com) and refuses a request whose first wxsid is an ended session's,
// the bot comes back after each session-ending retcode through each login
// path: push (the phone confirms), QR (push refused), and a hot login of
// the restarted bot on the session file the re-login wrote. After each, a
// sign-up is answered and the queued notice is delivered exactly once.
func TestReloginMatrix(t *testing.T) {
	for _, code := range []string{"1100", "1101", "1102"} {
		for _, path := range []string{"push", "qr", "hot"} {
			domain := "wx.qq.com"
			if path == "qr" {
				domain = "wx2.qq.com" // the login check redirects elsewhere
			}
			t.Run(code+"/"+path, func(t *testing.T) { reloginCase(t, code, path, domain) })
		}
	}
}

func reloginCase(t *testing.T, code, path, domain string) {
	srv := startFake(t, wxfake.WithStrictCookies(), wxfake.WithDomain(domain))
	st := mustStore(t)
	campaign(t, st, 3)
	cfg := testConfig(t)
	keepCfg := func(c *config.Config) { *c = cfg }
	h := start(t, srv, st, options{cfg: keepCfg})
	h.waitOnline(t, 1)
	if path == "qr" {
		srv.SetPushLogin(false)
	}
	if !srv.EndSession(code) {
		t.Fatal("no session to end")
	}
	mustQueue(t, h.outbox, chat.Target{Name: groupB, Group: true}, "通知 "+code)
	h.waitOnline(t, 2)
	if path == "hot" {
		h.stop()
		h = start(t, srv, st, options{cfg: keepCfg})
		h.waitOnline(t, 2)
		if srv.LoginCount() != 2 {
			t.Fatalf("%d logins after the restart: the re-login's session file did not log in hot", srv.LoginCount())
		}
	}
	asked := time.Now()
	srv.SendGroupText(groupA, zhang, "报名 先锋 张三 13800138000")
	deadline := time.Now().Add(time.Minute)
	for !answered(srv.Sent(), groupA, "张三") {
		if time.Now().After(deadline) {
			t.Fatalf("sign-up not answered a minute after the new session: %q", contents(srv.Sent()))
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Logf("answered %v after asking", time.Since(asked).Round(time.Millisecond))
	waitSettled(t, st, srv)
	assertOnce(t, srv.Sent(), groupB+": 通知 "+code)
	if n := srv.RequestCount("/cgi-bin/mmwebwx-bin/webwxgetcontact"); n < 2 {
		t.Fatalf("webwxgetcontact asked %d times", n)
	}
}

// answered reports whether group received a message naming name.
func answered(sent []wxfake.SentMessage, group, name string) bool {
	for _, m := range sent {
		if m.ToGroup && m.ToNickName == group && strings.Contains(m.Content, name) {
			return true
		}
	}
	return false
}

// TestThree1101sDuringABroadcastAndASignUpBurst is issue 14's done-when:
// three 1101s in a row while a broadcast to thirty groups is under way and
// members sign up in between. Every sign-up is answered, every outbox row
// delivered exactly once.
func TestThree1101sDuringABroadcastAndASignUpBurst(t *testing.T) {
	srv, st, names := broadcastFake(t)
	cfg := broadcastConfig(t)
	h := start(t, srv, st, options{cfg: func(c *config.Config) { *c = cfg }})
	h.waitOnline(t, 1)
	queueInitiative(t, st, cfg, 0)
	var people []string
	signUps := func(round int) {
		for i := range 6 {
			n := round*6 + i
			name := fmt.Sprintf("张%s", string([]rune("一二三四五六七八九十甲乙丙丁戊己庚辛")[n]))
			people = append(people, names[n]+"|"+name)
			srv.SendGroupText(names[n], "会员", fmt.Sprintf("报名 先锋 %s 139%08d", name, 10000000+n))
		}
	}
	for round := range 3 {
		if _, err := srv.WaitSent((round+1)*broadcastGroups, 60*time.Second); err != nil {
			t.Fatal(err)
		}
		signUps(round)
		if !srv.EndSession("1101") {
			t.Fatalf("round %d: no session to end", round)
		}
		h.waitOnline(t, round+2)
	}
	waitBroadcastDone(t, st)
	deadline := time.Now().Add(time.Minute)
	for _, p := range people {
		group, name, _ := strings.Cut(p, "|")
		for !answered(srv.Sent(), group, name) {
			if time.Now().After(deadline) {
				t.Fatalf("%s in %s never answered", name, group)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	waitSettled(t, st, srv)
	got := byGroup(srv.Sent())
	for _, g := range names {
		var initiative []wxfake.SentMessage
		for _, m := range got[g] {
			if !strings.Contains(m.Content, "张") || m.Type != 1 || strings.HasPrefix(m.Content, "【") {
				initiative = append(initiative, m)
			}
		}
		checkGroupGot(t, g, initiative, 0)
	}
	if srv.LoginCount() != 4 {
		t.Fatalf("%d logins, want 4", srv.LoginCount())
	}
	state, err := st.LoadBotState(context.Background())
	if err != nil || !state.Online {
		t.Fatalf("state %+v %v", state, err)
	}
}
