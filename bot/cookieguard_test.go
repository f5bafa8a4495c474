package bot

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/eatmoreapple/openwechat"
)

// setCookieTransport answers every request with a cookie for its host.
type setCookieTransport struct{}

func (setCookieTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	h := http.Header{}
	h.Add("Set-Cookie", "wxsid=s-"+req.URL.Host+"; Path=/")
	return &http.Response{StatusCode: 200, Header: h, Body: io.NopCloser(strings.NewReader("{}")), Request: req}, nil
}

// TestCookiesAndSessionDumpsDoNotRace: requests that set cookies for new
// hosts (the sync loop, the sender, the login: each on its own goroutine)
// while the session is dumped to the session file (the library's sync loop,
// through our codec) must not touch openwechat's unlocked host map at the
// same time. Run under -race (CI does): without cookieGuard it reports a
// data race within a few hosts. The cookies must still reach the jar and the
// dump.
func TestCookiesAndSessionDumpsDoNotRace(t *testing.T) {
	s := newSession(context.Background(), sessionDeps{log: slog.New(slog.DiscardHandler),
		transport: setCookieTransport{}})
	defer s.stop()
	client := s.bot.Caller.Client.HTTPClient()
	const hosts = 100
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := range hosts {
			resp, err := client.Get(fmt.Sprintf("https://h%d.wx.qq.com/cgi-bin/x", i))
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
		}
	})
	var last strings.Builder
	wg.Go(func() {
		for range hosts {
			last.Reset()
			item := openwechat.HotReloadStorageItem{Jar: s.bot.Caller.Client.Jar(), WechatDomain: "wx.qq.com",
				BaseRequest: &openwechat.BaseRequest{}, LoginInfo: &openwechat.LoginInfo{}}
			if err := s.bot.Serializer.Encode(&last, item); err != nil {
				t.Error(err)
				return
			}
		}
	})
	wg.Wait()
	item := openwechat.HotReloadStorageItem{Jar: s.bot.Caller.Client.Jar(), WechatDomain: "wx.qq.com",
		BaseRequest: &openwechat.BaseRequest{}, LoginInfo: &openwechat.LoginInfo{}}
	last.Reset()
	if err := s.bot.Serializer.Encode(&last, item); err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{0, hosts - 1} {
		if want := fmt.Sprintf("s-h%d.wx.qq.com", i); !strings.Contains(last.String(), want) {
			t.Errorf("the session dump lacks the cookie of host %d (%s)", i, want)
		}
	}
}
