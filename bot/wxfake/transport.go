package wxfake

import (
	"errors"
	"net/http"
	"time"
)

// ErrClosed is returned by the Transport once the Server is closed, and
// before it is started.
var ErrClosed = errors.New("wxfake: server not running")

// closedDelay slows the errors of a closed Transport: openwechat's sync loop
// ignores network errors and retries at once, and would spin without it.
const closedDelay = 50 * time.Millisecond

// Transport returns a RoundTripper that sends every request, whatever its
// URL, to the fake on loopback, keeping the original host in the Host header
// for routing. Nothing it carries reaches the network. Install it with
//
//	bot.Caller.Client.HTTPClient().Transport = srv.Transport()
//
// The http.Client around it applies cookies with the original URL, so the
// jar behaves as against the real hosts.
func (s *Server) Transport() http.RoundTripper {
	return roundTripper{s: s}
}

type roundTripper struct{ s *Server }

// RoundTrip implements http.RoundTripper. It does not modify req, as the
// interface requires: it rewrites a clone.
func (rt roundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	rt.s.mu.Lock()
	ts, inner, closed := rt.s.ts, rt.s.inner, rt.s.closed
	rt.s.mu.Unlock()
	if ts == nil || closed {
		if req.Body != nil {
			_ = req.Body.Close()
		}
		t := time.NewTimer(closedDelay)
		defer t.Stop()
		select {
		case <-t.C:
		case <-req.Context().Done():
		}
		return nil, ErrClosed
	}
	out := req.Clone(req.Context())
	out.Host = req.URL.Host
	if req.Host != "" {
		out.Host = req.Host
	}
	out.URL.Scheme = "http"
	out.URL.Host = ts.Listener.Addr().String()
	return inner.RoundTrip(out)
}
