package bot_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"mobilize/bot"
	"mobilize/bot/wxfake"
	"mobilize/chat"
	"mobilize/config"
	"mobilize/models"
)

// contents lists what the fake delivered, as "target: text".
func contents(sent []wxfake.SentMessage) []string {
	out := make([]string, len(sent))
	for i, m := range sent {
		out[i] = m.ToNickName + ": " + m.Content
	}
	return out
}

// assertOnce fails unless every delivered message is distinct and each of
// want was delivered.
func assertOnce(t *testing.T, sent []wxfake.SentMessage, want ...string) {
	t.Helper()
	seen := map[string]int{}
	for _, c := range contents(sent) {
		seen[c]++
		if seen[c] > 1 {
			t.Errorf("delivered twice: %q", c)
		}
	}
	for _, w := range want {
		if seen[w] == 0 {
			t.Errorf("never delivered: %q (got %q)", w, contents(sent))
		}
	}
}

func TestReloginAfterSessionEndDeliversQueue(t *testing.T) {
	srv := startFake(t)
	st := mustStore(t)
	h := start(t, srv, st, options{})
	h.waitOnline(t, 1)
	if !srv.EndSession("1101") {
		t.Fatal("no session to end")
	}
	ctx := context.Background()
	var want []string
	for i := range 3 {
		text := fmt.Sprintf("通知 %d", i)
		if err := h.outbox.Queue(ctx, chat.Target{Name: groupA, Group: true}, models.KindNotice, text); err != nil {
			t.Fatal(err)
		}
		want = append(want, groupA+": "+text)
	}
	sent, err := srv.WaitSent(4, 10*time.Second) // 3 notices + the admin notice
	if err != nil {
		t.Fatal(err)
	}
	waitSettled(t, st, srv)
	sent = srv.Sent()
	assertOnce(t, sent, want...)
	var notices int
	for _, m := range sent {
		if m.ToRemarkName == admin {
			notices++
			if !strings.Contains(m.Content, "重新登录") || !strings.Contains(m.Content, "其他地方登录") {
				t.Errorf("admin notice %q", m.Content)
			}
		}
	}
	if notices != 1 || len(sent) != 4 {
		t.Fatalf("%d admin notices, %d messages: %q", notices, len(sent), contents(sent))
	}
	// The stored session was dead, so the bot asked the phone (push
	// login), not a second QR code.
	if srv.LoginCount() != 2 || len(h.qrShown) != 1 {
		t.Fatalf("%d logins, %d QR codes; want 2 logins, 1 QR code", srv.LoginCount(), len(h.qrShown))
	}
	state, err := st.LoadBotState(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !state.Online || state.Method != "push" || !strings.Contains(state.LastError, "1101") {
		t.Fatalf("state %+v", state)
	}
}

func TestTooFrequentBacksOffThenDelivers(t *testing.T) {
	srv := startFake(t)
	st := mustStore(t)
	h := start(t, srv, st, options{})
	h.waitOnline(t, 1)
	srv.FailSends(2, 1205)
	if err := h.outbox.Send(context.Background(), chat.Target{Name: groupB, Group: true}, "收到"); err != nil {
		t.Fatal(err)
	}
	sent, err := srv.WaitSent(1, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	attempts := srv.Attempts()
	if len(attempts) != 3 || attempts[0].Ret != 1205 || attempts[1].Ret != 1205 || len(sent) != 1 {
		t.Fatalf("attempts %+v", attempts)
	}
	// Backoff: 20ms, then 40ms.
	if d := attempts[1].Time.Sub(attempts[0].Time); d < 20*time.Millisecond {
		t.Errorf("first pause %v", d)
	}
	if d := attempts[2].Time.Sub(attempts[1].Time); d < 40*time.Millisecond {
		t.Errorf("second pause %v", d)
	}
	rows := waitRows(t, st, models.OutboxSent, 1)
	recs, err := st.OutboxAttempts(context.Background(), rows[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if rows[0].Attempts != 3 || len(recs) != 3 || rows[0].WxMsgID != sent[0].MsgID {
		t.Fatalf("row %+v, %d attempt records", rows[0], len(recs))
	}
}

// TestRestartAfterKillMidSend: a process killed after marking a row
// "sending" and before recording the outcome. The next process (a new
// runner over the same database and session file) must not resend that
// row, and must deliver the rest.
func TestRestartAfterKillMidSend(t *testing.T) {
	srv := startFake(t)
	st := mustStore(t)
	cfg := testConfig(t)
	keepCfg := func(c *config.Config) { *c = cfg }
	first := start(t, srv, st, options{cfg: keepCfg})
	first.waitOnline(t, 1)
	ctx := context.Background()
	to := chat.Target{Name: groupA, Group: true}
	mustQueue(t, first.outbox, to, "第一条")
	if _, err := srv.WaitSent(1, 5*time.Second); err != nil {
		t.Fatal(err)
	}
	first.stop()

	// The killed process had queued two more and claimed the first of them.
	mustQueue(t, first.outbox, to, "第二条（发送中被杀）")
	mustQueue(t, first.outbox, to, "第三条")
	pending, err := st.OutboxRows(ctx, models.OutboxPending)
	if err != nil || len(pending) != 2 {
		t.Fatalf("pending %+v, %v", pending, err)
	}
	if _, err := st.ClaimOutbox(ctx, pending[0].ID); err != nil {
		t.Fatal(err)
	}

	second := start(t, srv, st, options{cfg: keepCfg})
	second.waitOnline(t, 1)
	waitRows(t, st, models.OutboxSent, 2)
	waitSettled(t, st, srv)
	sent := srv.Sent()
	assertOnce(t, sent, groupA+": 第一条", groupA+": 第三条")
	if len(sent) != 2 {
		t.Fatalf("delivered %q", contents(sent))
	}
	if rows, err := st.OutboxRows(ctx, models.OutboxUncertain); err != nil || len(rows) != 1 || rows[0].ID != pending[0].ID {
		t.Fatalf("uncertain rows %+v", rows)
	}
	// The second process logged in with the stored session: no QR code.
	if srv.LoginCount() != 1 || len(second.qrShown) != 0 {
		t.Fatalf("%d logins, %d QR codes on restart", srv.LoginCount(), len(second.qrShown))
	}
}

// TestHotLoginKeepsCookies: with a fake that refuses synccheck without the
// session cookies, a restarted bot still receives messages: the session
// file kept the cookies for webpush.
func TestHotLoginKeepsCookies(t *testing.T) {
	srv := startFake(t, wxfake.WithStrictCookies())
	st := mustStore(t)
	cfg := testConfig(t)
	keepCfg := func(c *config.Config) { *c = cfg }
	first := start(t, srv, st, options{cfg: keepCfg})
	first.waitOnline(t, 1)
	first.stop()

	rec := &recorder{}
	second := start(t, srv, st, options{cfg: keepCfg, handler: func(*harness) chat.Handler { return rec }})
	second.waitOnline(t, 1)
	id := srv.SendGroupText(groupA, li, "名额")
	second.waitHandled(t, id, 1)
	if srv.LoginCount() != 1 || len(second.qrShown) != 0 {
		t.Fatalf("%d logins, %d QR codes: hot login not used", srv.LoginCount(), len(second.qrShown))
	}
	state, err := st.LoadBotState(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if state.Method != "hot" {
		t.Fatalf("method %q", state.Method)
	}
}

func mustQueue(t *testing.T, o *chat.Outbox, to chat.Target, text string) {
	t.Helper()
	if err := o.Queue(context.Background(), to, models.KindNotice, text); err != nil {
		t.Fatal(err)
	}
}

// TestLostAnswerIsNotResent: WeChat delivered the message but the answer
// was lost. openwechat's own retries would send it again; the bot turns
// them off and marks the row uncertain instead.
func TestLostAnswerIsNotResent(t *testing.T) {
	srv := startFake(t)
	st := mustStore(t)
	h := start(t, srv, st, options{})
	h.waitOnline(t, 1)
	srv.DropSends(1, true)
	mustQueue(t, h.outbox, chat.Target{Name: groupA, Group: true}, "只发一次")
	mustQueue(t, h.outbox, chat.Target{Name: groupB, Group: true}, "下一条照常")
	waitRows(t, st, models.OutboxSent, 1)
	rows := waitRows(t, st, models.OutboxUncertain, 1)
	waitSettled(t, st, srv)
	if sent := srv.Sent(); len(sent) != 2 || len(srv.Attempts()) != 2 {
		t.Fatalf("delivered %q in %d attempts", contents(sent), len(srv.Attempts()))
	}
	if rows[0].Text != "只发一次" {
		t.Fatalf("uncertain row %+v", rows[0])
	}
}

func TestLoginFailureIsRetried(t *testing.T) {
	srv := startFake(t)
	srv.FailNextLogin(1203, "当前登录环境异常")
	st := mustStore(t)
	h := start(t, srv, st, options{})
	h.waitOnline(t, 1)
	if len(h.qrShown) != 2 {
		t.Fatalf("%d QR codes, want 2 (one refused, one accepted)", len(h.qrShown))
	}
	state, err := st.LoadBotState(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(state.LastError, "1203") && !strings.Contains(state.LastError, "登录环境异常") {
		t.Fatalf("last error %q", state.LastError)
	}
}

func TestExpiredQRCodeIsReplaced(t *testing.T) {
	srv := startFake(t, wxfake.WithAutoConfirm(false))
	h := start(t, srv, mustStore(t), options{})
	<-h.qrShown
	srv.ExpireQR()
	select {
	case <-h.qrShown:
	case <-time.After(5 * time.Second):
		t.Fatal("no new QR code after the first expired")
	}
	srv.ConfirmScan()
	h.waitOnline(t, 1)
}

// TestFallbackChain: a dead stored session, push login refused, and two QR
// logins refused in a row. Push is asked once only (each try makes the
// phone prompt), and a failed QR login after a failed hot login ends that
// attempt instead of looping.
func TestFallbackChain(t *testing.T) {
	srv := startFake(t)
	st := mustStore(t)
	cfg := testConfig(t)
	keepCfg := func(c *config.Config) { *c = cfg }
	first := start(t, srv, st, options{cfg: keepCfg})
	first.waitOnline(t, 1)
	first.stop()
	srv.EndSession("1101")
	srv.SetPushLogin(false)
	srv.FailNextLogin(1203, "当前登录环境异常")

	slow := func(rc *bot.RunnerConfig) { rc.LoginRetry = 300 * time.Millisecond }
	second := start(t, srv, st, options{cfg: keepCfg, runner: slow})
	<-second.qrShown
	deadline := time.Now().Add(5 * time.Second)
	for {
		state, err := st.LoadBotState(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(state.LastError, "登录失败") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("first login attempt did not fail")
		}
		time.Sleep(2 * time.Millisecond)
	}
	failed := time.Now()
	srv.FailNextLogin(1203, "当前登录环境异常")
	second.waitOnline(t, 2)
	// Waits of 300ms, then 600ms: the second refusal ended its attempt.
	if d := time.Since(failed); d < 800*time.Millisecond {
		t.Fatalf("online %v after the first refusal: the second was not waited out", d)
	}
	if n := srv.RequestCount("/cgi-bin/mmwebwx-bin/webwxpushloginurl"); n != 1 {
		t.Fatalf("push login asked %d times, want 1", n)
	}
	if n := len(second.qrShown) + 1; n != 3 {
		t.Fatalf("%d QR codes, want 3", n)
	}
}
