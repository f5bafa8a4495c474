package wxfake_test

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/eatmoreapple/openwechat"
)

func TestSendText(t *testing.T) {
	srv := startFake(t)
	b := newBot(t, srv)
	self := b.login(t)

	sent, err := group(t, self, savedGroup).SendText("报名成功:\n张三")
	if err != nil {
		t.Fatalf("SendText: %v", err)
	}
	got, err := srv.WaitSent(1, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	m := got[0]
	if m.Type != 1 || m.ToUserName != srv.GroupUserName(savedGroup) || m.ToNickName != savedGroup || !m.ToGroup {
		t.Fatalf("sent %+v, want text to %q", m, savedGroup)
	}
	if m.Content != "报名成功:\n张三" || m.MsgID != sent.MsgId || m.MsgID == "" || m.Time.IsZero() {
		t.Fatalf("sent %+v, want content and MsgID %q", m, sent.MsgId)
	}

	friends, err := self.Friends()
	if err != nil {
		t.Fatalf("Friends: %v", err)
	}
	if _, err := friends.GetByRemarkName(aliceRemark).SendText("hi"); err != nil {
		t.Fatalf("SendText to friend: %v", err)
	}
	got, _ = srv.WaitSent(2, time.Second)
	if m := got[1]; m.ToNickName != alice || m.ToRemarkName != aliceRemark || m.ToGroup {
		t.Fatalf("sent %+v, want to friend %q (%q)", m, alice, aliceRemark)
	}
}

func TestSendImageAndFile(t *testing.T) {
	srv := startFake(t)
	b := newBot(t, srv)
	self := b.login(t)
	g := group(t, self, savedGroup)

	var img bytes.Buffer
	pic := image.NewRGBA(image.Rect(0, 0, 4, 4))
	pic.Set(1, 1, color.RGBA{R: 255, A: 255})
	if err := png.Encode(&img, pic); err != nil {
		t.Fatal(err)
	}
	if _, err := g.SendImage(bytes.NewReader(img.Bytes())); err != nil {
		t.Fatalf("SendImage: %v", err)
	}

	// Larger than one 512 KiB chunk; passed as *os.File so that the file
	// keeps its name (openwechat copies other readers to a nameless temp
	// file).
	data := bytes.Repeat([]byte("名单,13800000000\n"), 40000)
	path := filepath.Join(t.TempDir(), "名单.csv")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := g.SendFile(f); err != nil {
		t.Fatalf("SendFile: %v", err)
	}

	got, err := srv.WaitSent(2, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if m := got[0]; m.Type != 3 || !bytes.Equal(m.Data, img.Bytes()) || m.ToNickName != savedGroup {
		t.Fatalf("image: type %d, %d bytes to %q", m.Type, len(m.Data), m.ToNickName)
	}
	if m := got[1]; m.Type != 6 || m.FileName != "名单.csv" || !bytes.Equal(m.Data, data) || !strings.Contains(m.Content, m.MediaID) {
		t.Fatalf("file: type %d, name %q, %d bytes", m.Type, m.FileName, len(m.Data))
	}
	if n := srv.RequestCount("/cgi-bin/mmwebwx-bin/webwxuploadmedia"); n != 3 {
		t.Fatalf("%d upload requests, want 1 for the image + 2 chunks", n)
	}
}

// TestFailSendsSurfacesRet shows how openwechat reports a refused send: the
// error IS the BaseResponse.Ret, of type openwechat.Ret (an int with an
// Error method), returned unwrapped by Caller.WebWxSendMsg through
// Self.SendTextToGroup. Match it with errors.As(err, &ret) && ret == 1205,
// or errors.Is(err, openwechat.Ret(1205)); the library's own constant for
// it (optTooOften) is unexported, and err.Error() is "operate too often".
func TestFailSendsSurfacesRet(t *testing.T) {
	srv := startFake(t)
	b := newBot(t, srv)
	g := group(t, b.login(t), savedGroup)

	srv.FailSends(1, 1205)
	_, err := g.SendText("too fast")
	if ret, ok := retOf(err); !ok || ret != 1205 {
		t.Fatalf("SendText = %v, want openwechat.Ret 1205", err)
	}
	if !errors.Is(err, openwechat.Ret(1205)) || err.Error() != "operate too often" || openwechat.IsNetworkError(err) {
		t.Fatalf("err = %q: not matched as Ret(1205)", err)
	}
	if _, err := g.SendText("later"); err != nil {
		t.Fatalf("SendText after the fault: %v", err)
	}
	if sent, att := srv.Sent(), srv.Attempts(); len(sent) != 1 || len(att) != 2 || att[0].Ret != 1205 {
		t.Fatalf("%d sent, %d attempts (first Ret %d); want 1, 2, 1205", len(sent), len(att), att[0].Ret)
	}
}

// TestDroppedSendRetries shows openwechat's transport retries: Client.do
// resends on any transport error, up to Client.MaxRetryTimes attempts
// (DefaultClient sets 5; values <= 0 mean 1), with no delay, and wraps the
// last error with NetworkErr. A send whose answer was lost is sent again,
// so the group gets it twice. Lower it with
// bot.Caller.Client.MaxRetryTimes = 1.
func TestDroppedSendRetries(t *testing.T) {
	t.Run("default retries double-send", func(t *testing.T) {
		srv := startFake(t)
		b := newBot(t, srv)
		g := group(t, b.login(t), savedGroup)
		if b.Caller.Client.MaxRetryTimes != 5 {
			t.Fatalf("MaxRetryTimes = %d, want the default 5", b.Caller.Client.MaxRetryTimes)
		}
		srv.DropSends(1, true)
		if _, err := g.SendText("once"); err != nil {
			t.Fatalf("SendText: %v", err)
		}
		sent := srv.Sent()
		if len(sent) != 2 || sent[0].ClientMsgID != sent[1].ClientMsgID || !sent[0].Dropped {
			t.Fatalf("%d delivered, want the same message twice", len(sent))
		}
	})
	t.Run("no retries", func(t *testing.T) {
		srv := startFake(t)
		b := newBot(t, srv)
		b.Caller.Client.MaxRetryTimes = 1
		g := group(t, b.login(t), savedGroup)
		srv.DropSends(1, true)
		_, err := g.SendText("once")
		if !openwechat.IsNetworkError(err) {
			t.Fatalf("SendText = %v, want a network error", err)
		}
		if sent := srv.Sent(); len(sent) != 1 {
			t.Fatalf("%d delivered, want 1 (delivered although the client saw an error)", len(sent))
		}
	})
	t.Run("dropped before delivery", func(t *testing.T) {
		srv := startFake(t)
		b := newBot(t, srv)
		b.Caller.Client.MaxRetryTimes = 1
		g := group(t, b.login(t), savedGroup)
		srv.DropSends(1, false)
		if _, err := g.SendText("lost"); !openwechat.IsNetworkError(err) {
			t.Fatalf("SendText = %v, want a network error", err)
		}
		if sent, att := srv.Sent(), srv.Attempts(); len(sent) != 0 || len(att) != 1 || !att[0].Dropped {
			t.Fatalf("%d delivered, %d attempts; want 0, 1 dropped", len(sent), len(att))
		}
	})
}
