package web

import (
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"mobilize/ratelimit"
)

// maxBody bounds a request body: the forms are a few hundred bytes.
const maxBody = 32 << 10

// csp lets a page load only what this server serves: no outside host, no
// inline script, data: images for nothing but the console's QR previews.
const csp = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; " +
	"frame-ancestors 'none'; base-uri 'none'"

// guard wraps every route: security headers, the body limit, cross-origin
// refusal of unsafe methods, and the per-client rate limit on submissions.
func (s *Server) guard(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.message(w, r, http.StatusForbidden, txt.BadRequest, txt.Expired)
	}))
	inner := cop.Handler(next)
	proxies := s.deps.Config.Web.Proxies()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		// Paths carry tokens: never leak them to another site.
		h.Set("Referrer-Policy", "no-referrer")
		r.Body = http.MaxBytesReader(w, r.Body, s.bodyLimit(r))
		if r.Method == http.MethodPost && !s.limit.allow(clientIP(r, proxies)) {
			s.message(w, r, http.StatusTooManyRequests, txt.TooMany, txt.TooManyBody)
			return
		}
		inner.ServeHTTP(w, r)
	})
}

// clientIP is the address a request came from. X-Forwarded-For is read
// only when the direct peer is a trusted proxy, and then from the right:
// the first address not itself a trusted proxy is the client (anything
// further left was written by the client and proves nothing).
func clientIP(r *http.Request, trusted []netip.Prefix) string {
	peer := peerAddr(r.RemoteAddr)
	if !peer.IsValid() || !inAny(peer, trusted) {
		return peer.String()
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break
		}
		a = a.Unmap()
		if !inAny(a, trusted) {
			return a.String()
		}
	}
	return peer.String()
}

func peerAddr(remote string) netip.Addr {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	a, _ := netip.ParseAddr(host)
	return a.Unmap()
}

func inAny(a netip.Addr, ps []netip.Prefix) bool {
	for _, p := range ps {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// isHTTPS reports whether the visitor reached us over https: directly,
// through a trusted proxy that says so, or by web.public_url's https host.
// Cookies are then marked Secure.
func (s *Server) isHTTPS(r *http.Request) bool {
	if r.TLS != nil {
		return true
	}
	if inAny(peerAddr(r.RemoteAddr), s.deps.Config.Web.Proxies()) {
		return strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
	}
	pub, err := url.Parse(s.deps.Config.Web.PublicURL)
	return err == nil && pub.Scheme == "https" && strings.EqualFold(pub.Host, r.Host)
}

// limiter allows each client perMinute submissions in any minute
// (ratelimit: O(1) per call, memory for the last two minutes' clients).
// A client is its address, an IPv6 one by its /64 (ratelimit.ClientKey).
type limiter struct {
	l   *ratelimit.Limiter
	now func() time.Time
}

func newLimiter(perMinute int, now func() time.Time) *limiter {
	return &limiter{l: ratelimit.New(perMinute, time.Minute), now: now}
}

// allow counts one submission by client (an address as clientIP gives it).
func (l *limiter) allow(client string) bool {
	a, _ := netip.ParseAddr(client)
	return l.l.Allow(ratelimit.ClientKey(a), l.now())
}
