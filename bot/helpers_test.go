package bot_test

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"mobilize/bot"
	"mobilize/bot/wxfake"
	"mobilize/chat"
	"mobilize/config"
	"mobilize/handlers"
	"mobilize/models"
)

// Fixture names.
const (
	groupA  = "广安市营养学会志愿群"
	groupB  = "邻水县蓝天应急救援队群"
	hidden  = "广安市慈善会工作群" // not saved to 通讯录
	zhang   = "张三"
	li      = "李四"
	admin   = "王局-管理员"
	adminNk = "王局"
)

// fixture is an account in two saved groups and one unsaved group, with an
// admin friend.
func fixture() []wxfake.Option {
	return []wxfake.Option{
		wxfake.WithSelf("动员助手"),
		wxfake.WithFriends(wxfake.Friend{NickName: adminNk, RemarkName: admin}),
		wxfake.WithGroups(
			wxfake.Group{NickName: groupA, Saved: true, Members: []wxfake.Member{{NickName: zhang, DisplayName: "张三(营养学会)"}, {NickName: li}}},
			wxfake.Group{NickName: groupB, Saved: true, Members: []wxfake.Member{{NickName: li}}},
			wxfake.Group{NickName: hidden, Members: []wxfake.Member{{NickName: zhang}}},
		),
		wxfake.WithSyncHold(200 * time.Millisecond),
		wxfake.WithLoginPollHold(50 * time.Millisecond),
	}
}

func startFake(tb testing.TB, opts ...wxfake.Option) *wxfake.Server {
	tb.Helper()
	srv := wxfake.New(append(fixture(), opts...)...)
	srv.Start()
	tb.Cleanup(srv.Close)
	return srv
}

// mustStore opens a fresh database file.
func mustStore(tb testing.TB) *models.Store {
	tb.Helper()
	s, err := models.Open(filepath.Join(tb.TempDir(), "t.db"), nil)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// testConfig is the default configuration with millisecond pacing.
func testConfig(tb testing.TB) config.Config {
	return baseConfig(filepath.Join(tb.TempDir(), "session.json"))
}

// baseConfig is testConfig with the session file given: a child process
// (which has no testing.TB) and its parent share it.
func baseConfig(sessionFile string) config.Config {
	cfg := config.Default()
	cfg.Location = time.FixedZone("CST", 8*3600)
	cfg.Bot.SessionFile = sessionFile
	cfg.Admins = []string{admin}
	cfg.Send.MinGap = config.Duration(2 * time.Millisecond)
	cfg.Send.MaxGap = config.Duration(5 * time.Millisecond)
	cfg.Send.SameChatGap = config.Duration(time.Millisecond)
	cfg.Send.MergeWindow = 0
	cfg.Send.BackoffStart = config.Duration(20 * time.Millisecond)
	cfg.Send.BackoffMax = config.Duration(80 * time.Millisecond)
	cfg.Intake.RatePerMinute = 1000
	return cfg
}

// logger logs to the test output with -v and BOT_LOG=1, else nowhere.
func logger(tb testing.TB) *slog.Logger {
	if os.Getenv("BOT_LOG") == "" {
		return slog.New(slog.DiscardHandler)
	}
	return slog.New(slog.NewTextHandler(tbWriter{tb}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type tbWriter struct{ tb testing.TB }

func (w tbWriter) Write(p []byte) (int, error) { w.tb.Log(string(p)); return len(p), nil }

// harness is a running bot against a fake.
type harness struct {
	srv     *wxfake.Server
	store   *models.Store
	cfg     config.Config
	outbox  *chat.Outbox
	cancel  context.CancelFunc
	done    chan struct{}
	qrShown chan string

	mu      sync.Mutex
	handled map[string]int
	changed chan struct{}
}

// options changes a harness before it starts.
type options struct {
	handler func(h *harness) chat.Handler
	cfg     func(*config.Config)
	runner  func(*bot.RunnerConfig)
}

// start runs a bot with the real router (unless o.handler) on store.
func start(tb testing.TB, srv *wxfake.Server, store *models.Store, o options) *harness {
	tb.Helper()
	h := &harness{srv: srv, store: store, cfg: testConfig(tb), done: make(chan struct{}),
		qrShown: make(chan string, 16), handled: map[string]int{}, changed: make(chan struct{})}
	if o.cfg != nil {
		o.cfg(&h.cfg)
	}
	log := logger(tb)
	h.outbox = chat.NewOutbox(store, h.cfg.Send.MergeWindow.D(), log)
	var handler chat.Handler = handlers.New(handlers.Deps{Store: store, Config: h.cfg, Reply: h.outbox, Log: log})
	if o.handler != nil {
		handler = o.handler(h)
	}
	rc := bot.RunnerConfig{
		Config: h.cfg, Store: store, Handler: handler, Outbox: h.outbox, Log: log,
		OnQR:          func(url string) { h.qrShown <- url },
		HTTPTransport: srv.Transport(),
		Handled:       h.noteHandled,
		Sender:        chat.SenderConfig{Poll: 50 * time.Millisecond, RetryDelay: 10 * time.Millisecond},
		Beat:          100 * time.Millisecond,
		LoginRetry:    10 * time.Millisecond,
	}
	if o.runner != nil {
		o.runner(&rc)
	}
	r := bot.NewRunner(rc)
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	go func() {
		defer close(h.done)
		_ = r.Run(ctx)
	}()
	tb.Cleanup(h.stop)
	return h
}

// stop stops the bot and waits for it.
func (h *harness) stop() {
	h.cancel()
	<-h.done
}

func (h *harness) noteHandled(m chat.Message, _ error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.handled[m.ID]++
	close(h.changed)
	h.changed = make(chan struct{})
}

// waitHandled waits until message id was handled n times in all.
func (h *harness) waitHandled(tb testing.TB, id string, n int) {
	tb.Helper()
	deadline := time.After(10 * time.Second)
	for {
		h.mu.Lock()
		got, ch := h.handled[id], h.changed
		h.mu.Unlock()
		if got >= n {
			return
		}
		select {
		case <-ch:
		case <-deadline:
			tb.Fatalf("message %s handled %d times, want %d", id, got, n)
		}
	}
}

// waitOnline waits until the fake has a valid session and the bot's state
// says online.
func (h *harness) waitOnline(tb testing.TB, logins int) {
	tb.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		st, err := h.store.LoadBotState(context.Background())
		if err == nil && st.Online && st.Logins >= 1 && h.srv.LoginCount() >= logins && h.srv.SessionValid() {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	tb.Fatalf("bot not online after 10s (%d logins)", h.srv.LoginCount())
}

// campaign opens a campaign with the given pioneer quota.
func campaign(tb testing.TB, store *models.Store, pioneers int) models.Campaign {
	tb.Helper()
	c, err := store.CreateCampaign(context.Background(), models.NewCampaign{Title: "抗疫志愿服务", CreatedBy: "test", Roles: []models.Role{
		{Code: "pioneer", Name: "志愿先锋", Aliases: "先锋,先锋队员", Quota: pioneers, PhoneRequired: true},
		{Code: "reserve", Name: "储备志愿者", Aliases: "储备,后备", Quota: 100, PhoneRequired: true},
	}})
	if err != nil {
		tb.Fatal(err)
	}
	return c
}
