package bot

import (
	"net/http"
	"sync"

	"github.com/eatmoreapple/openwechat"
)

// cookieGuard serialises every change to a session's cookie jar with every
// read of the jar for the session file.
//
// openwechat v1.4.8's Jar keeps the hosts it has seen in a plain map with
// no lock: http.Client writes it whenever a response sets a cookie for a new
// host, on whichever goroutine made the request (the library's sync loop,
// our sender, our login), while the sync loop dumps the session through our
// codec, which reads it. The race detector caught the two colliding during
// a relogin under load; in production it is a corrupted map or a crash.
//
// The guard takes Set-Cookie handling out of http.Client: the transport
// applies a response's cookies to the jar itself, under the session's lock,
// and removes the header, so the client finds none to apply; the codec
// reads the jar under the same lock (sessionCodec.Encode). Reading cookies
// for a request goes through net/http's own cookie jar, which is safe.
type cookieGuard struct {
	mu   sync.Mutex
	base http.RoundTripper
	jar  func() *openwechat.Jar // the session's current jar (a login replaces it)
}

// RoundTrip implements http.RoundTripper.
func (g *cookieGuard) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := g.base.RoundTrip(req)
	if err != nil || len(resp.Header.Values("Set-Cookie")) == 0 {
		return resp, err
	}
	cookies := resp.Cookies()
	resp.Header.Del("Set-Cookie")
	g.mu.Lock()
	defer g.mu.Unlock()
	if jar := g.jar(); jar != nil && len(cookies) > 0 {
		jar.SetCookies(req.URL, cookies)
	}
	return resp, nil
}

// reading runs fn with the jar held still; a nil guard just runs fn.
func (g *cookieGuard) reading(fn func() error) error {
	if g == nil {
		return fn()
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return fn()
}
