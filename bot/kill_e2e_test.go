package bot_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"mobilize/bot"
	"mobilize/chat"
	"mobilize/config"
	"mobilize/handlers"
	"mobilize/internal/syncbuf"
	"mobilize/models"
)

// killChildEnv makes the test binary run the bot, as `mobilize run` wires
// it, instead of the tests: a real process the test can SIGKILL. Its value
// is "database|session file|relay address", or with a fourth part
// "…|account" one account of a configuration of two (killAccounts).
const killChildEnv = "MOBILIZE_BOT_KILL_CHILD"

// runBotChild is the child's main: the bot on the given database and
// session file, reaching the parent's fake through its relay, until
// SIGTERM (or SIGKILL). Logs go to stderr, which the parent shows when it
// fails.
func runBotChild(spec string) int {
	parts := strings.Split(spec, "|")
	if len(parts) != 3 && len(parts) != 4 {
		fmt.Fprintf(os.Stderr, "%s: want db|session|addr[|account], got %q\n", killChildEnv, spec)
		return 2
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	cfg := baseConfig(parts[1])
	broadcastPacing(&cfg)
	account := ""
	if len(parts) == 4 {
		account = parts[3]
		cfg.AccountSettings = killAccounts(filepath.Dir(parts[1]))
	}
	store, err := models.Open(parts[0], nil, models.WithAccounts(cfg.AccountNames()))
	if err != nil {
		log.Error("open", "err", err)
		return 1
	}
	defer store.Close()
	outbox := chat.NewOutbox(store, cfg.Send.MergeWindow.D(), log)
	router := handlers.New(handlers.Deps{Store: store, Config: cfg, Reply: outbox, Queue: outbox, Log: log})
	runner := bot.NewRunner(bot.RunnerConfig{
		Config: cfg, Account: account, Store: store, Handler: router, Outbox: outbox, Log: log,
		HTTPTransport: toAddr(parts[2]), OnQR: func(string) {}, LeaseTTL: 15 * time.Second,
		Sender: chat.SenderConfig{Poll: 50 * time.Millisecond, RetryDelay: 10 * time.Millisecond},
		Beat:   100 * time.Millisecond, LoginRetry: 10 * time.Millisecond,
	})
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	if err := runner.Run(ctx); err != nil {
		log.Error("run", "err", err)
		return 1
	}
	return 0
}

// botChild is a running child process.
type botChild struct {
	cmd    *exec.Cmd
	stderr *syncbuf.Buffer
	exited chan struct{}
	err    error // set before exited closes
}

// startBotChild starts the test binary as a bot child.
func startBotChild(t *testing.T, spec string) *botChild {
	t.Helper()
	c := &botChild{stderr: &syncbuf.Buffer{}, exited: make(chan struct{})}
	c.cmd = exec.Command(os.Args[0], "-test.run=^$")
	c.cmd.Env = append(os.Environ(), killChildEnv+"="+spec)
	c.cmd.Stderr = c.stderr
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { c.err = c.cmd.Wait(); close(c.exited) }()
	t.Cleanup(func() { c.cmd.Process.Kill(); <-c.exited })
	return c
}

// kill9 SIGKILLs the child and waits until it is gone.
func (c *botChild) kill9(t *testing.T) {
	t.Helper()
	if err := c.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-c.exited
}

// stop asks the child to stop (SIGTERM, as systemd does) and waits for a
// clean exit.
func (c *botChild) stop(t *testing.T) {
	t.Helper()
	c.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-c.exited:
	case <-time.After(30 * time.Second):
		t.Fatalf("the bot did not stop on SIGTERM:\n%s", c.stderr)
	}
	if c.err != nil {
		t.Fatalf("the bot exited with %v:\n%s", c.err, c.stderr)
	}
}

// sendPaths are the fake's send endpoints (text, image, file).
var sendPaths = []string{"webwxsendmsg", "webwxsendmsgimg", "webwxsendappmsg"}

// holdNthSend passes requests to next, but the n-th send request (1-based)
// is delivered — the fake accepts it and the group has it — and its answer
// never comes back: it is held until the client goes away. The child is
// then caught mid-send, its row marked "sending", which is the moment a
// kill is hardest to survive. held is closed when that happens.
func holdNthSend(next http.Handler, n int64, held chan<- struct{}) http.Handler {
	var sends atomic.Int64
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !isSend(r.URL.Path) || sends.Add(1) != n {
			next.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(httptest.NewRecorder(), r)
		close(held)
		<-r.Context().Done()
	})
}

func isSend(path string) bool {
	for _, p := range sendPaths {
		if strings.HasSuffix(path, "/"+p) {
			return true
		}
	}
	return false
}

// TestBroadcastSurvivesARealKill9: a broadcast to thirty groups (body,
// image, PDF, footer each) is sent by a bot in a child process; the
// child is SIGKILLed in the middle of a send (its 40th message delivered,
// the answer not yet back), a new child starts on the same database and
// session file and finishes, and the fake — which outlives both — has
// every message of every group exactly once, in order. The message cut
// mid-send is recorded uncertain, never resent.
func TestBroadcastSurvivesARealKill9(t *testing.T) {
	srv, names := broadcastAccount(t)
	dbPath := filepath.Join(t.TempDir(), "kill.db")
	st, err := models.Open(dbPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	importBroadcastOrgs(t, st, names)
	cfg := broadcastConfig(t)
	queueInitiative(t, st, cfg, 0)
	total := broadcastGroups * perGroup

	held := make(chan struct{})
	relaySrv := httptest.NewServer(holdNthSend(relay(srv.Transport()), int64(total/3), held))
	t.Cleanup(relaySrv.Close)
	spec := strings.Join([]string{dbPath, cfg.Bot.SessionFile, relaySrv.Listener.Addr().String()}, "|")

	first := startBotChild(t, spec)
	select {
	case <-held:
	case <-first.exited:
		t.Fatalf("the first bot exited (%v) before the kill:\n%s", first.err, first.stderr)
	case <-time.After(90 * time.Second):
		t.Fatalf("no send held after 90s (%d sent):\n%s", len(srv.Sent()), first.stderr)
	}
	first.kill9(t)
	if n := len(srv.Sent()); n != total/3 {
		t.Fatalf("%d messages delivered at the kill, want %d", n, total/3)
	}

	second := startBotChild(t, spec)
	if _, err := srv.WaitSent(total, 90*time.Second); err != nil {
		t.Fatalf("%v:\n%s", err, second.stderr)
	}
	waitBroadcastDone(t, st)
	second.stop(t)

	got := byGroup(srv.Sent())
	for _, g := range names {
		checkGroupGot(t, g, got[g], 0)
	}
	if n := len(srv.Attempts()); n != total {
		t.Errorf("%d send requests for %d messages: something was sent again", n, total)
	}
	ctx := context.Background()
	uncertain, err := st.OutboxRows(ctx, models.OutboxUncertain)
	if err != nil || len(uncertain) != 1 {
		t.Fatalf("uncertain rows %+v, %v: want only the one cut mid-send", uncertain, err)
	}
	if sent, err := st.OutboxRows(ctx, models.OutboxSent); err != nil || len(sent) != total-1 {
		t.Fatalf("%d rows sent (%v), want %d", len(sent), err, total-1)
	}
}

// broadcastPacing sets the broadcast tests' gaps on cfg.
func broadcastPacing(cfg *config.Config) {
	cfg.Send.MinGap, cfg.Send.MaxGap = config.Duration(bcMinGap), config.Duration(bcMaxGap)
	cfg.Send.SameChatGap = config.Duration(bcChatGap)
}
