package bot_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"mobilize/bot"
	"mobilize/bot/wxfake"
	"mobilize/chat"
	"mobilize/config"
	"mobilize/models"
)

func TestQRLoginAndGroupSignUp(t *testing.T) {
	srv := startFake(t)
	store := mustStore(t)
	campaign(t, store, 3)
	h := start(t, srv, store, options{})
	select {
	case <-h.qrShown:
	case <-time.After(5 * time.Second):
		t.Fatal("no QR code shown")
	}
	h.waitOnline(t, 1)
	srv.SendGroupText(groupA, zhang, "报名 先锋 张三 13800138000")
	sent, err := srv.WaitSent(1, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if sent[0].ToNickName != groupA || !sent[0].ToGroup || !strings.Contains(sent[0].Content, "张三") ||
		strings.Contains(sent[0].Content, "13800138000") {
		t.Fatalf("reply %+v", sent[0])
	}
	st, err := store.LoadBotState(context.Background())
	if err != nil || !st.Online || st.Method != "qr" || st.Groups != 2 || st.Account != "动员助手" {
		t.Fatalf("state %+v, %v", st, err)
	}
}

func TestDuplicateDeliveryHandledOnce(t *testing.T) {
	srv := startFake(t, wxfake.WithDuplicateDelivery())
	store := mustStore(t)
	c := campaign(t, store, 3)
	h := start(t, srv, store, options{})
	h.waitOnline(t, 1)
	id := srv.SendGroupText(groupB, li, "报名先锋李四13900139000")
	h.waitHandled(t, id, 2) // delivered twice, both reach the router
	waitOutboxIdle(t, store)
	if sent := srv.Sent(); len(sent) != 1 {
		t.Fatalf("%d replies, want 1: %+v", len(sent), sent)
	}
	regs, err := store.Roster(context.Background(), c.ID)
	if err != nil || len(regs) != 1 {
		t.Fatalf("roster %d rows, %v", len(regs), err)
	}
}

// recorder is a handler that keeps what it was given.
type recorder struct {
	mu   sync.Mutex
	msgs []chat.Message
}

func (r *recorder) Handle(_ context.Context, m chat.Message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.msgs = append(r.msgs, m)
	return nil
}

func (r *recorder) byID(id string) (chat.Message, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, m := range r.msgs {
		if m.ID == id {
			return m, true
		}
	}
	return chat.Message{}, false
}

func TestMessageConversion(t *testing.T) {
	srv := startFake(t)
	rec := &recorder{}
	h := start(t, srv, mustStore(t), options{handler: func(*harness) chat.Handler { return rec }})
	h.waitOnline(t, 1)
	typed := "报名:\n先锋:张三\n1. 13800138000 & <ok>"
	cases := []struct {
		id   string
		want chat.Message
	}{
		{srv.SendGroupText(groupA, zhang, typed), chat.Message{Group: groupA, Sender: "张三(营养学会)", Text: typed}},
		{srv.SendGroupText(groupA, li, "@动员助手 名额"), chat.Message{Group: groupA, Sender: li, Text: "@动员助手 名额"}},
		{srv.SendGroupText(groupA, zhang, "@动员助手 帮助"), chat.Message{Group: groupA, Sender: "张三(营养学会)", Text: "@动员助手 帮助"}},
		{srv.SendGroupText(hidden, zhang, "帮助"), chat.Message{Group: hidden, Sender: zhang, Text: "帮助"}},
		{srv.SendFriendText(admin, "统计"), chat.Message{Sender: adminNk, Remark: admin, Text: "统计"}},
	}
	for _, c := range cases {
		h.waitHandled(t, c.id, 1)
		got, _ := rec.byID(c.id)
		c.want.ID, c.want.At, c.want.Account, c.want.SentAt = c.id, got.At, config.DefaultAccountName, got.SentAt
		if got != c.want || got.At.IsZero() || got.SentAt.IsZero() || got.At.Sub(got.SentAt) > 2*time.Second {
			t.Errorf("message %s:\n got %+v\nwant %+v", c.id, got, c.want)
		}
	}
	// The unsaved group spoke, so it is in the store and can be answered.
	if err := h.outbox.Send(context.Background(), chat.Target{Name: hidden, Group: true}, "收到"); err != nil {
		t.Fatal(err)
	}
	sent, err := srv.WaitSent(1, 5*time.Second)
	if err != nil || sent[0].ToNickName != hidden {
		t.Fatalf("reply to the discovered group: %+v, %v", sent, err)
	}
	orgs, err := h.store.ListOrgs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var groups []string
	for _, o := range orgs {
		groups = append(groups, o.Groups...)
	}
	if !slices.Contains(groups, hidden) {
		t.Fatalf("discovered group not recorded; groups %q", groups)
	}
}

func TestUnknownTargetFails(t *testing.T) {
	srv := startFake(t)
	st := mustStore(t)
	h := start(t, srv, st, options{})
	h.waitOnline(t, 1)
	if err := h.outbox.Send(context.Background(), chat.Target{Name: "没有这个群", Group: true}, "x"); err != nil {
		t.Fatal(err)
	}
	rows := waitRows(t, st, models.OutboxFailed, 1)
	if !strings.Contains(rows[0].LastError, "no chat with this name") || !strings.Contains(rows[0].LastError, "没有这个群") {
		t.Fatalf("last error %q", rows[0].LastError)
	}
}

func TestSlowHandlerDoesNotDelayIntake(t *testing.T) {
	srv := startFake(t)
	handled := make(chan string, 4)
	started := make(chan struct{})
	slow := handlerFunc(func(ctx context.Context, m chat.Message) error {
		if m.Text == "slow" {
			close(started)
			select {
			case <-time.After(5 * time.Second):
			case <-ctx.Done():
			}
		}
		handled <- m.Text
		return nil
	})
	// The per-message timeout (1s here) cuts the slow handler short.
	h := start(t, srv, mustStore(t), options{handler: func(*harness) chat.Handler { return slow },
		runner: func(rc *bot.RunnerConfig) { rc.HandleTimeout = time.Second }})
	h.waitOnline(t, 1)
	srv.SendGroupText(groupA, zhang, "slow")
	<-started
	begin := time.Now()
	srv.SendGroupText(groupA, li, "fast")
	select {
	case got := <-handled:
		if got != "fast" || time.Since(begin) > time.Second {
			t.Fatalf("first handled %q after %v", got, time.Since(begin))
		}
	case <-time.After(3 * time.Second):
		t.Fatal("the next message waited for the slow handler")
	}
	select {
	case <-handled:
		if d := time.Since(begin); d > 3*time.Second {
			t.Fatalf("slow handler ran %v despite the 1s timeout", d)
		}
	case <-time.After(4 * time.Second):
		t.Fatal("slow handler not cut short by its timeout")
	}
}

type handlerFunc func(context.Context, chat.Message) error

func (f handlerFunc) Handle(ctx context.Context, m chat.Message) error { return f(ctx, m) }

// waitSettled waits until the outbox is idle and every call the fake saw
// is accounted for by an attempt recorded on a row (a row claimed by a
// killed process records one the fake never saw). With no row pending or
// sending the sender has nothing left to send, so what the fake holds now
// is all it will ever get: no sleeping to see whether more arrives.
func waitSettled(tb testing.TB, st *models.Store, srv *wxfake.Server) {
	tb.Helper()
	waitOutboxIdle(tb, st)
	rows, err := st.OutboxRows(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	recorded := 0
	for _, r := range rows {
		recorded += r.Attempts
	}
	if calls := len(srv.Attempts()); calls > recorded {
		tb.Fatalf("the fake saw %d send calls, the outbox recorded %d attempts", calls, recorded)
	}
}

// waitOutboxIdle waits until nothing is pending or being sent.
func waitOutboxIdle(tb testing.TB, st *models.Store) {
	tb.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		c, err := st.CountOutbox(context.Background(), time.Time{})
		if err == nil && c.Pending+c.Sending == 0 {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	tb.Fatal("outbox still busy after 10s")
}

// waitRows waits until n rows have status, and returns them.
func waitRows(tb testing.TB, st *models.Store, status string, n int) []models.OutboxMessage {
	tb.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		rows, err := st.OutboxRows(context.Background(), status)
		if err != nil {
			tb.Fatal(err)
		}
		if len(rows) >= n {
			return rows
		}
		if time.Now().After(deadline) {
			tb.Fatalf("%d %s rows after 10s, want %d", len(rows), status, n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
