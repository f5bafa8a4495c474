package wxfake_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/eatmoreapple/openwechat"

	"mobilize/bot/wxfake"
)

// TestEndSession: a synccheck retcode of 1100, 1101 or 1102 ends openwechat's
// sync loop with that code as openwechat.Ret in CrashReason (other codes are
// ignored by the default MessageErrorHandler and polling goes on). The Bot
// cannot log in again: its context is cancelled for good, so the next login
// needs a new Bot.
func TestEndSession(t *testing.T) {
	for _, code := range []string{"1100", "1101", "1102"} {
		t.Run(code, func(t *testing.T) {
			srv := startFake(t)
			b := newBot(t, srv)
			b.login(t)
			if !srv.EndSession(code) {
				t.Fatal("EndSession: no valid session")
			}
			reason := b.waitEnded(t)
			want, _ := strconv.Atoi(code)
			if ret, ok := retOf(reason); !ok || ret != openwechat.Ret(want) {
				t.Fatalf("CrashReason = %v, want Ret %s", reason, code)
			}
			if err := b.Login(); !errors.Is(err, context.Canceled) {
				t.Fatalf("Login on the ended Bot = %v, want context.Canceled", err)
			}

			again := newBot(t, srv)
			again.login(t)
			if srv.LoginCount() != 2 || again.qrShown.Load() != 1 {
				t.Fatalf("%d logins, want a second QR login", srv.LoginCount())
			}
		})
	}
}

// TestHotLogin: HotLogin reloads the stored session and calls webwxinit with
// it; while the session is valid that needs no QR code. With
// NewRetryLoginOption a failed reload or webwxinit falls back to Login (a QR
// code). The option allows one fallback per value (MaxRetryCount 1, never
// reset): make a new one for every HotLogin call.
func TestHotLogin(t *testing.T) {
	srv := startFake(t)
	storage := &memStorage{}

	first := newBot(t, srv)
	if err := first.HotLogin(storage, openwechat.NewRetryLoginOption()); err != nil {
		t.Fatalf("first HotLogin (empty storage, falls back to QR): %v", err)
	}
	if first.qrShown.Load() != 1 || srv.LoginCount() != 1 {
		t.Fatalf("first: QR shown %d, %d logins; want 1, 1", first.qrShown.Load(), srv.LoginCount())
	}
	selfName := srv.SelfUserName()
	first.cancel()

	second := newBot(t, srv)
	if err := second.HotLogin(storage, openwechat.NewRetryLoginOption()); err != nil {
		t.Fatalf("hot login: %v", err)
	}
	self, _ := second.GetCurrentUser()
	if second.qrShown.Load() != 0 || srv.LoginCount() != 1 || self.UserName != selfName {
		t.Fatalf("hot login: QR shown %d, %d logins, same session %v", second.qrShown.Load(), srv.LoginCount(), self.UserName == selfName)
	}
	id := srv.SendFriendText(aliceRemark, "still here")
	if got := second.next(t); got.msgID != id {
		t.Fatalf("got %s, want %s", got.msgID, id)
	}

	srv.EndSession("1101")
	second.waitEnded(t)

	plain := newBot(t, srv)
	if ret, _ := retOf(plain.HotLogin(storage)); ret != 1101 {
		t.Fatalf("HotLogin of an ended session without retry = %v, want Ret 1101", ret)
	}
	storage.rewind()

	third := newBot(t, srv)
	if err := third.HotLogin(storage, openwechat.NewRetryLoginOption()); err != nil {
		t.Fatalf("HotLogin after EndSession: %v", err)
	}
	if third.qrShown.Load() != 1 || srv.LoginCount() != 2 {
		t.Fatalf("after EndSession: QR shown %d, %d logins; want 1, 2", third.qrShown.Load(), srv.LoginCount())
	}
}

// TestHotLoginLosesCookies documents openwechat v1.4.8's cookie jar
// serialization: it stores cookies per host without their Domain, so after
// a hot login the webwx_data_ticket cookie (Domain=.qq.com) is known only
// for wx.qq.com, uploads to file.wx.qq.com fail client-side and synccheck
// to webpush.wx.qq.com goes without cookies. WithStrictCookies turns the
// latter into retcode 1102. Text still works.
func TestHotLoginLosesCookies(t *testing.T) {
	srv := startFake(t)
	storage := &memStorage{}
	first := newBot(t, srv)
	if err := first.HotLogin(storage, openwechat.NewRetryLoginOption()); err != nil {
		t.Fatal(err)
	}
	first.cancel()

	hot := newBot(t, srv)
	if err := hot.HotLogin(storage); err != nil {
		t.Fatal(err)
	}
	self, _ := hot.GetCurrentUser()
	g := group(t, self, savedGroup)
	if _, err := g.SendText("text works"); err != nil {
		t.Fatalf("SendText after hot login: %v", err)
	}
	if _, err := g.SendFile(bytes.NewReader([]byte("x"))); !errors.Is(err, openwechat.ErrWebWxDataTicketNotFound) {
		t.Fatalf("SendFile after hot login = %v, want ErrWebWxDataTicketNotFound", err)
	}
}

func TestStrictCookies(t *testing.T) {
	srv := startFake(t, wxfake.WithStrictCookies())
	storage := &memStorage{}
	first := newBot(t, srv)
	if err := first.HotLogin(storage, openwechat.NewRetryLoginOption()); err != nil {
		t.Fatal(err)
	}
	id := srv.SendFriendText(aliceRemark, "QR login keeps cookies")
	if got := first.next(t); got.msgID != id {
		t.Fatalf("got %s, want %s", got.msgID, id)
	}
	first.cancel()

	hot := newBot(t, srv)
	if err := hot.HotLogin(storage); err != nil {
		t.Fatal(err)
	}
	if ret, _ := retOf(hot.waitEnded(t)); ret != 1102 {
		t.Fatalf("hot-login bot ended with %v, want Ret 1102", ret)
	}
}

// TestFileStorageNeedsFreshHandle: NewFileHotReloadStorage keeps its file
// open; after the bot writes to it the read offset is at the end, so
// another HotLogin with the same value reads nothing (EOF) and falls back to
// a QR login. Open a new storage value per login. (It also creates the
// file with os.Create, mode 0666 before umask: not 0600.)
func TestFileStorageNeedsFreshHandle(t *testing.T) {
	srv := startFake(t)
	path := filepath.Join(t.TempDir(), "hot.json")
	storage := openwechat.NewFileHotReloadStorage(path)
	defer storage.Close()
	first := newBot(t, srv)
	if err := first.HotLogin(storage, openwechat.NewRetryLoginOption()); err != nil {
		t.Fatal(err)
	}
	first.cancel()

	same := newBot(t, srv)
	if err := same.HotLogin(storage); !errors.Is(err, io.EOF) {
		t.Fatalf("HotLogin with the used storage value = %v, want EOF", err)
	}
	fresh := openwechat.NewFileHotReloadStorage(path)
	defer fresh.Close()
	again := newBot(t, srv)
	if err := again.HotLogin(fresh); err != nil {
		t.Fatalf("HotLogin with a fresh storage value: %v", err)
	}
	if again.qrShown.Load() != 0 || srv.LoginCount() != 1 {
		t.Fatalf("fresh storage: QR shown %d, %d logins", again.qrShown.Load(), srv.LoginCount())
	}
}

func TestPushLogin(t *testing.T) {
	srv := startFake(t)
	storage := &memStorage{}
	first := newBot(t, srv)
	if err := first.HotLogin(storage, openwechat.NewRetryLoginOption()); err != nil {
		t.Fatal(err)
	}
	oldSelf := srv.SelfUserName()
	first.cancel()

	push := newBot(t, srv)
	if err := push.PushLogin(storage, openwechat.NewRetryLoginOption()); err != nil {
		t.Fatalf("PushLogin: %v", err)
	}
	if push.qrShown.Load() != 0 || srv.LoginCount() != 2 || srv.RequestCount("/cgi-bin/mmwebwx-bin/webwxpushloginurl") != 1 {
		t.Fatalf("push: QR shown %d, %d logins", push.qrShown.Load(), srv.LoginCount())
	}
	if srv.SelfUserName() == oldSelf {
		t.Fatal("push login kept the old session's UserNames")
	}
	push.cancel()

	srv.SetPushLogin(false)
	storage.rewind()
	refused := newBot(t, srv)
	if err := refused.PushLogin(storage); err == nil {
		t.Fatal("PushLogin succeeded although refused")
	}
}
