package bot

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/eatmoreapple/openwechat"
)

// cookieGuard owns a session's cookies: it is the only writer of the
// session's cookie jar and keeps, beside it, each cookie as the servers
// scoped it, for the session file.
//
// Three reasons it exists:
//
//   - openwechat v1.4.8's Jar keeps the hosts it has seen in a plain map
//     with no lock. http.Client writes it from whichever goroutine made a
//     request, while the sync loop dumps the session through our codec. The
//     guard applies Set-Cookie itself, under its lock, and removes the
//     header so the client finds none to apply; the codec reads under the
//     same lock.
//   - A new login is a new set of cookies. The real webwxnewloginpage sets
//     wxsid, wxuin, webwx_auth_ticket... with Domain=wx.qq.com (or whatever
//     host the login redirected to) and webwx_data_ticket with
//     Domain=.qq.com. Merged into a jar that still holds the previous
//     session's cookies, every request carries two wxsid, the old one first,
//     and the servers answer 1101 for ever. So the answer of
//     webwxnewloginpage replaces the jar instead of adding to it.
//   - The jar cannot tell a cookie's domain back; the record can, so a hot
//     login restores each cookie with its real scope.
type cookieGuard struct {
	mu    sync.Mutex
	base  http.RoundTripper
	jar   func() *openwechat.Jar // the session's current jar
	reset func(*openwechat.Jar)  // installs a new jar for a new login
	kept  []scopedCookie         // the session's cookies, as the servers scoped them
}

// scopedCookie is one cookie with the scope its Set-Cookie gave it; it is
// also the session file's form (version 2).
type scopedCookie struct {
	Name, Value string
	Domain      string // without a leading dot
	HostOnly    bool   // no Domain attribute: only Domain itself receives it
	Path        string
	Secure      bool      `json:",omitempty"`
	Expires     time.Time `json:",omitzero"`
}

// newLoginPath is the request whose answer starts a new web session.
const newLoginPath = "/cgi-bin/mmwebwx-bin/webwxnewloginpage"

// RoundTrip implements http.RoundTripper.
func (g *cookieGuard) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := g.base.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	fresh := req.URL.Path == newLoginPath
	cookies := resp.Cookies()
	if !fresh && len(cookies) == 0 {
		return resp, nil
	}
	resp.Header.Del("Set-Cookie")
	g.mu.Lock()
	defer g.mu.Unlock()
	if fresh && g.reset != nil {
		g.reset(openwechat.NewJar())
		g.kept = nil
	}
	if jar := g.jar(); jar != nil && len(cookies) > 0 {
		jar.SetCookies(req.URL, cookies)
		g.keep(req.URL, cookies)
	}
	return resp, nil
}

// keep records cookies as the jar scopes them (RFC 6265 section 5.3): a
// Domain attribute makes a domain cookie, none a host-only one; a cookie
// that expired, or has Max-Age<=0, deletes the kept one.
func (g *cookieGuard) keep(u *url.URL, cookies []*http.Cookie) {
	now := time.Now()
	for _, c := range cookies {
		sc := scopedCookie{Name: c.Name, Value: c.Value, Path: c.Path, Secure: c.Secure,
			Domain: strings.ToLower(strings.TrimPrefix(c.Domain, "."))}
		if sc.Domain == "" {
			sc.Domain, sc.HostOnly = u.Hostname(), true
		}
		if sc.Path == "" || !strings.HasPrefix(sc.Path, "/") {
			sc.Path = "/"
		}
		switch {
		case c.MaxAge > 0:
			sc.Expires = now.Add(time.Duration(c.MaxAge) * time.Second)
		case !c.Expires.IsZero():
			sc.Expires = c.Expires
		}
		gone := c.MaxAge < 0 || (!sc.Expires.IsZero() && !sc.Expires.After(now))
		g.kept = upsertCookie(g.kept, sc, gone)
	}
}

// upsertCookie replaces (or, when gone, removes) the cookie of the same
// name and scope.
func upsertCookie(kept []scopedCookie, c scopedCookie, gone bool) []scopedCookie {
	for i, k := range kept {
		if k.Name == c.Name && k.Domain == c.Domain && k.Path == c.Path && k.HostOnly == c.HostOnly {
			if gone {
				return append(kept[:i], kept[i+1:]...)
			}
			kept[i] = c
			return kept
		}
	}
	if gone {
		return kept
	}
	return append(kept, c)
}

// snapshot returns the kept cookies that have not expired.
func (g *cookieGuard) snapshot() []scopedCookie {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := time.Now()
	out := make([]scopedCookie, 0, len(g.kept))
	for _, c := range g.kept {
		if c.Expires.IsZero() || c.Expires.After(now) {
			out = append(out, c)
		}
	}
	return out
}

// restore makes the record agree with cookies loaded from the session file.
func (g *cookieGuard) restore(cs []scopedCookie) {
	if g == nil {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.kept = append([]scopedCookie(nil), cs...)
}

// jarOf builds a jar holding exactly cs, each with its own scope.
func jarOf(cs []scopedCookie) *openwechat.Jar {
	jar := openwechat.NewJar()
	now := time.Now()
	for _, c := range cs {
		if !c.Expires.IsZero() && !c.Expires.After(now) {
			continue
		}
		u := &url.URL{Scheme: "https", Host: c.Domain, Path: c.Path}
		hc := &http.Cookie{Name: c.Name, Value: c.Value, Path: c.Path, Secure: c.Secure, Expires: c.Expires}
		if !c.HostOnly {
			hc.Domain = c.Domain
		}
		jar.SetCookies(u, []*http.Cookie{hc})
	}
	return jar
}
