package wxfake_test

import (
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"mobilize/bot/wxfake"
)

// TestSessionCookieRules: webwxnewloginpage sets the cookies as the real
// servers do (captured exchange, docs/wechat-protocol.md): the session's
// cookies on the login host itself, the data ticket on the registrable
// domain, every one Path=/, Secure and expiring, on each redirect host.
func TestSessionCookieRules(t *testing.T) {
	for _, c := range []struct{ host, dataDomain string }{
		{"wx.qq.com", "qq.com"},
		{"wx2.qq.com", "qq.com"},
		{"web.wechat.com", "wechat.com"},
	} {
		t.Run(c.host, func(t *testing.T) {
			srv := startFake(t, wxfake.WithDomain(c.host))
			cookies := newLoginCookies(t, srv)
			want := map[string]string{"wxuin": c.host, "wxsid": c.host, "wxloadtime": c.host, "mm_lang": c.host,
				"webwxuvid": c.host, "webwx_auth_ticket": c.host, "webwx_data_ticket": c.dataDomain}
			if len(cookies) != len(want) {
				t.Errorf("%d cookies, want %d", len(cookies), len(want))
			}
			for _, ck := range cookies {
				domain, ok := want[ck.Name]
				switch {
				case !ok:
					t.Errorf("unexpected cookie %s", ck.Name)
				case strings.TrimPrefix(ck.Domain, ".") != domain:
					t.Errorf("%s: Domain=%q, want %s", ck.Name, ck.Domain, domain)
				case ck.Path != "/" || !ck.Secure:
					t.Errorf("%s: Path=%q Secure=%v", ck.Name, ck.Path, ck.Secure)
				case !ck.Expires.After(time.Now().Add(time.Hour)):
					t.Errorf("%s: expires %v", ck.Name, ck.Expires)
				case ck.Value == "":
					t.Errorf("%s: empty", ck.Name)
				}
			}
		})
	}
}

var redirectURI = regexp.MustCompile(`redirect_uri="([^"]+)"`)

// newLoginCookies logs in by hand, as a desktop client, and returns the
// Set-Cookie of webwxnewloginpage.
func newLoginCookies(t *testing.T, srv *wxfake.Server) []*http.Cookie {
	t.Helper()
	hc := &http.Client{Transport: srv.Transport()}
	get := func(u string, hdr map[string]string) *http.Response {
		req, err := http.NewRequest(http.MethodGet, u, nil)
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	body := func(resp *http.Response) string {
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	js := body(get("https://login.wx.qq.com/jslogin?appid=x", nil))
	uuid := regexp.MustCompile(`uuid = "([^"]+)"`).FindStringSubmatch(js)
	if uuid == nil {
		t.Fatalf("jslogin: %s", js)
	}
	var redirect string
	for i := 0; i < 10 && redirect == ""; i++ {
		poll := body(get("https://login.wx.qq.com/cgi-bin/mmwebwx-bin/login?tip=0&uuid="+uuid[1], nil))
		if m := redirectURI.FindStringSubmatch(poll); m != nil {
			redirect = m[1]
		}
	}
	if redirect == "" {
		t.Fatal("login never confirmed")
	}
	resp := get(redirect+"&version=v2", map[string]string{"client-version": "2.0.0", "extspam": "x"})
	if b := body(resp); !strings.Contains(b, "<ret>0</ret>") {
		t.Fatalf("webwxnewloginpage: %s", b)
	}
	return resp.Cookies()
}
