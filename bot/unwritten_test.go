package bot_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"mobilize/bot"
	"mobilize/chat"
	"mobilize/models"
)

// proxyDown fails the first n sends before writing them, as a proxy that
// refuses the tunnel does; everything else goes to the fake.
type proxyDown struct {
	base http.RoundTripper
	left atomic.Int32
}

func (p *proxyDown) RoundTrip(r *http.Request) (*http.Response, error) {
	if strings.HasSuffix(r.URL.Path, "/webwxsendmsg") && p.left.Add(-1) >= 0 {
		return nil, errors.New("proxyconnect tcp: connection refused")
	}
	return p.base.RoundTrip(r)
}

// TestUnwrittenSendIsRetried: a send that failed before its request was
// written cannot have reached WeChat, so it is retried (not marked
// uncertain), and delivered exactly once.
func TestUnwrittenSendIsRetried(t *testing.T) {
	srv := startFake(t)
	st := mustStore(t)
	pd := &proxyDown{base: srv.Transport()}
	pd.left.Store(2)
	h := start(t, srv, st, options{runner: func(c *bot.RunnerConfig) { c.HTTPTransport = pd }})
	h.waitOnline(t, 1)
	if err := h.outbox.Send(context.Background(), chat.Target{Name: groupA, Group: true}, "通知"); err != nil {
		t.Fatal(err)
	}
	waitRows(t, st, models.OutboxSent, 1)
	rows, err := st.OutboxRows(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Status != models.OutboxSent {
		t.Fatalf("rows %+v", rows)
	}
	if n := len(srv.Sent()); n != 1 {
		t.Errorf("WeChat received %d copies, want 1", n)
	}
}
