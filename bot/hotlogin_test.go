package bot

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/eatmoreapple/openwechat"
)

// realLoginCookies answers webwxnewloginpage as the real servers do:
// session cookies on the login host, the data ticket on the registrable
// domain; sid tells the sessions apart.
type realLoginCookies struct{ sid string }

func (t *realLoginCookies) RoundTrip(req *http.Request) (*http.Response, error) {
	h := http.Header{}
	if req.URL.Path == newLoginPath {
		host := req.URL.Hostname()
		exp := time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)
		for _, c := range []string{"wxsid=" + t.sid + "; Domain=" + host, "wxuin=1; Domain=" + host,
			"webwx_auth_ticket=A" + t.sid + "; Domain=" + host, "webwx_data_ticket=D" + t.sid + "; Domain=." + registrable(host)} {
			h.Add("Set-Cookie", c+"; Path=/; Secure; Expires="+exp)
		}
	}
	return &http.Response{StatusCode: 200, Header: h, Body: io.NopCloser(strings.NewReader("{}")), Request: req}, nil
}

// cookieNames lists what the jar sends to rawURL, name=value, in order.
func cookieNames(jar *openwechat.Jar, rawURL string) []string {
	u, _ := url.Parse(rawURL)
	var out []string
	for _, c := range jar.Cookies(u) {
		out = append(out, c.Name+"="+c.Value)
	}
	slices.Sort(out)
	return out
}

// TestNewLoginReplacesTheJar: a second login's cookies replace the first's
// on every host (the bug: two wxsid, the old one first, answered 1101 for
// ever), also when the second login redirects to another host, and the
// session file keeps each cookie's scope through a dump and a load.
func TestNewLoginReplacesTheJar(t *testing.T) {
	for _, hosts := range [][2]string{{"wx.qq.com", "wx.qq.com"}, {"wx.qq.com", "wx2.qq.com"}, {"wx2.qq.com", "web.wechat.com"}} {
		t.Run(hosts[0]+"→"+hosts[1], func(t *testing.T) {
			tr := &realLoginCookies{sid: "OLD"}
			s := newSession(context.Background(), sessionDeps{log: slog.New(slog.DiscardHandler), transport: tr})
			defer s.stop()
			client := s.bot.Caller.Client.HTTPClient()
			get := func(host string) {
				resp, err := client.Get("https://" + host + newLoginPath)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
			}
			get(hosts[0])
			tr.sid = "NEW"
			get(hosts[1])
			jar := s.bot.Caller.Client.Jar()
			d := openwechat.WechatDomain(hosts[1])
			want := []string{"webwx_auth_ticket=ANEW", "webwx_data_ticket=DNEW", "wxsid=NEW", "wxuin=1"}
			for _, h := range wechatHosts(d) {
				if got := cookieNames(jar, h+"/cgi-bin/mmwebwx-bin/x"); !slices.Equal(got, want) {
					t.Errorf("%s is sent %v, want %v", h, got, want)
				}
			}
			if old := openwechat.WechatDomain(hosts[0]); old != d {
				if got := cookieNames(jar, old.BaseHost()+"/"); slices.Contains(got, "wxsid=OLD") {
					t.Errorf("the old host still gets the old session: %v", got)
				}
			}
			// Dump and load: the same cookies with the same scopes.
			var buf bytes.Buffer
			item := openwechat.HotReloadStorageItem{Jar: jar, WechatDomain: d,
				BaseRequest: &openwechat.BaseRequest{Sid: "NEW"}, LoginInfo: &openwechat.LoginInfo{WxSid: "NEW"}}
			if err := s.bot.Serializer.Encode(&buf, item); err != nil {
				t.Fatal(err)
			}
			var got openwechat.HotReloadStorageItem
			if err := s.bot.Serializer.Decode(bytes.NewReader(buf.Bytes()), &got); err != nil {
				t.Fatal(err)
			}
			for _, h := range wechatHosts(d) {
				if names := cookieNames(got.Jar, h+"/x"); !slices.Equal(names, want) {
					t.Errorf("reloaded: %s is sent %v, want %v", h, names, want)
				}
			}
			// A login after the reload still replaces, not merges.
			s.bot.Caller.Client.SetCookieJar(got.Jar)
			tr.sid = "THIRD"
			get(hosts[1])
			if names := cookieNames(s.bot.Caller.Client.Jar(), d.SyncHost()+"/x"); slices.Contains(names, "wxsid=NEW") || !slices.Contains(names, "wxsid=THIRD") {
				t.Errorf("after a third login synccheck is sent %v", names)
			}
		})
	}
}

// TestSessionFileVersion1StillLoads: a session file written before cookie
// scopes were kept logs in hot, with the base host's cookies on every
// WeChat host and one copy of each.
func TestSessionFileVersion1StillLoads(t *testing.T) {
	v1 := `{"Version":1,"Domain":"wx.qq.com","BaseRequest":{"Uin":1,"Sid":"SID"},"LoginInfo":{"wxsid":"SID"},
	"Cookies":{"https://wx.qq.com":[{"Name":"wxsid","Value":"SID"},{"Name":"webwx_data_ticket","Value":"T"}],
	"https://webpush.wx.qq.com":[{"Name":"wxsid","Value":"SID"}]}}`
	c := sessionCodec{cookies: &cookieGuard{}}
	var item openwechat.HotReloadStorageItem
	if err := c.Decode(strings.NewReader(v1), &item); err != nil {
		t.Fatal(err)
	}
	for _, h := range wechatHosts("wx.qq.com") {
		if got := cookieNames(item.Jar, h+"/x"); !slices.Equal(got, []string{"webwx_data_ticket=T", "wxsid=SID"}) {
			t.Errorf("%s is sent %v", h, got)
		}
	}
	path := filepath.Join(t.TempDir(), "sub", "session.json")
	f := newSessionFile(path)
	if err := c.Encode(f, item); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("session file: %v, mode %v; want 0600", err, info.Mode().Perm())
	}
	b, _ := os.ReadFile(path)
	if !strings.Contains(string(b), `"Version":2`) || strings.Count(string(b), `"Name":"wxsid"`) != 1 {
		t.Errorf("rewritten session file: %s", b)
	}
}

func TestSessionFileMissing(t *testing.T) {
	f := newSessionFile(filepath.Join(t.TempDir(), "none.json"))
	var item openwechat.HotReloadStorageItem
	if err := (sessionCodec{}).Decode(f, &item); !errors.Is(err, errNoSession) {
		t.Fatalf("decode of a missing file = %v, want errNoSession", err)
	}
	mem := newSessionFile("")
	if _, err := io.ReadAll(mem); !errors.Is(err, errNoSession) {
		t.Fatalf("empty memory storage: %v", err)
	}
}
