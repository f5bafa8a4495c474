package chat

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"mobilize/config"
	"mobilize/models"
)

// fakeTransport records sends; script, if set, decides each send's result.
type fakeTransport struct {
	mu     sync.Mutex
	calls  []fakeCall
	script func(n int, to Target, text string) (string, error)
	sent   chan struct{}
}

type fakeCall struct {
	to   Target
	text string
	at   time.Time
	err  error
}

func newFakeTransport() *fakeTransport { return &fakeTransport{sent: make(chan struct{}, 1024)} }

func (f *fakeTransport) Wait(context.Context) error { return nil }

// SendImage and SendFile record the path as "image:PATH" / "file:PATH".
func (f *fakeTransport) SendImage(ctx context.Context, to Target, path string) (string, error) {
	return f.SendText(ctx, to, "image:"+path)
}

func (f *fakeTransport) SendFile(ctx context.Context, to Target, path string) (string, error) {
	return f.SendText(ctx, to, "file:"+path)
}

func (f *fakeTransport) SendText(_ context.Context, to Target, text string) (string, error) {
	f.mu.Lock()
	n := len(f.calls)
	id, err := "wx"+time.Now().Format("150405.000000000"), error(nil)
	if f.script != nil {
		id, err = f.script(n, to, text)
	}
	f.calls = append(f.calls, fakeCall{to: to, text: text, at: time.Now(), err: err})
	f.mu.Unlock()
	f.sent <- struct{}{}
	return id, err
}

func (f *fakeTransport) snapshot() []fakeCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]fakeCall(nil), f.calls...)
}

// waitCalls waits for n calls in all.
func (f *fakeTransport) waitCalls(t *testing.T, n int) []fakeCall {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		if c := f.snapshot(); len(c) >= n {
			return c
		}
		select {
		case <-f.sent:
		case <-deadline:
			t.Fatalf("%d sends after 5s, want %d", len(f.snapshot()), n)
		}
	}
}

func openStore(tb testing.TB) *models.Store {
	tb.Helper()
	s, err := models.Open(filepath.Join(tb.TempDir(), "t.db"), nil)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// pace is a millisecond configuration for tests.
func pace() SenderConfig {
	return SenderConfig{
		Send: config.Send{
			MinGap: config.Duration(30 * time.Millisecond), MaxGap: config.Duration(50 * time.Millisecond),
			SameChatGap: config.Duration(10 * time.Millisecond), DailyBudget: 1000,
			BackoffStart: config.Duration(20 * time.Millisecond), BackoffMax: config.Duration(50 * time.Millisecond),
		},
		Poll: 10 * time.Millisecond, RetryDelay: time.Millisecond,
		Rand: func() float64 { return 0.5 },
	}
}

// runSender runs a sender until the test ends.
func runSender(t *testing.T, s *Sender) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = s.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
}

func queue(t *testing.T, o *Outbox, to Target, kind, text string) {
	t.Helper()
	if err := o.Queue(context.Background(), to, kind, text); err != nil {
		t.Fatal(err)
	}
}

// rowsByStatus reads the outbox and counts rows per status.
func rowsByStatus(t *testing.T, store *models.Store) map[string]int {
	t.Helper()
	rows, err := store.OutboxRows(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, r := range rows {
		out[r.Status]++
	}
	return out
}

// waitStatus waits until the outbox has want rows with status.
func waitStatus(t *testing.T, store *models.Store, status string, want int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if rowsByStatus(t, store)[status] == want {
			return
		}
		time.Sleep(2 * time.Millisecond)
	}
	t.Fatalf("outbox %v, want %d %s", rowsByStatus(t, store), want, status)
}
