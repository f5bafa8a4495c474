package bot

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/eatmoreapple/openwechat"
)

func TestSessionCodecKeepsCookiesPerHost(t *testing.T) {
	jar := openwechat.NewJar()
	base, _ := url.Parse("https://wx.qq.com/cgi-bin/mmwebwx-bin/webwxnewloginpage")
	// As the login answer sets them: on the registrable domain.
	jar.SetCookies(base, []*http.Cookie{
		{Name: "wxsid", Value: "SID", Domain: ".qq.com", Path: "/"},
		{Name: "webwx_data_ticket", Value: "TICKET", Domain: ".qq.com", Path: "/"},
	})
	item := openwechat.HotReloadStorageItem{
		Jar: jar, WechatDomain: "wx.qq.com", UUID: "u",
		BaseRequest: &openwechat.BaseRequest{Uin: 1, Sid: "SID", Skey: "K"},
		LoginInfo:   &openwechat.LoginInfo{WxUin: 1, WxSid: "SID", SKey: "K", PassTicket: "P"},
		SyncKey:     &openwechat.SyncKey{Count: 1, List: []struct{ Key, Val int64 }{{1, 2}}},
	}
	path := filepath.Join(t.TempDir(), "sub", "session.json")
	f := newSessionFile(path)
	var c sessionCodec
	if err := c.Encode(f, item); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("session file: %v, mode %v; want 0600", err, info.Mode().Perm())
	}
	// Twice from the same storage value, as hot login then push login do.
	for range 2 {
		var got openwechat.HotReloadStorageItem
		if err := c.Decode(f, &got); err != nil {
			t.Fatal(err)
		}
		if got.LoginInfo.PassTicket != "P" || got.BaseRequest.Skey != "K" || got.SyncKey.List[0].Val != 2 || got.WechatDomain != "wx.qq.com" {
			t.Fatalf("decoded %+v", got)
		}
		for _, host := range []string{"https://wx.qq.com/", "https://file.wx.qq.com/", "https://webpush.wx.qq.com/"} {
			u, _ := url.Parse(host)
			if n := len(got.Jar.Cookies(u)); n != 2 {
				t.Errorf("%s gets %d cookies, want 2", host, n)
			}
		}
		// The rebuilt jar survives another dump and load.
		var buf bytes.Buffer
		if err := c.Encode(&buf, got); err != nil {
			t.Fatal(err)
		}
		var again openwechat.HotReloadStorageItem
		if err := c.Decode(&buf, &again); err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse("https://webpush.wx.qq.com/")
		if len(again.Jar.Cookies(u)) != 2 {
			t.Fatal("cookies lost on the second round trip")
		}
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
