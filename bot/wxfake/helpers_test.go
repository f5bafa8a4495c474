package wxfake_test

import (
	"bytes"
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eatmoreapple/openwechat"

	"mobilize/bot/wxfake"
)

// Fixture names shared by the tests.
const (
	savedGroup   = "志愿者一群"
	unsavedGroup = "临时群"
	alice        = "张三"
	bob          = "李四"
	aliceRemark  = "张三-13800000000"
)

// fixture is an account with one friend (alice), a saved group with alice
// and bob, and an unsaved group with bob.
func fixture() []wxfake.Option {
	return []wxfake.Option{
		wxfake.WithSelf("报名助手"),
		wxfake.WithFriends(wxfake.Friend{NickName: alice, RemarkName: aliceRemark}),
		wxfake.WithGroups(
			wxfake.Group{NickName: savedGroup, Saved: true, Members: []wxfake.Member{
				{NickName: alice, DisplayName: "张三(组长)"}, {NickName: bob},
			}},
			wxfake.Group{NickName: unsavedGroup, Members: []wxfake.Member{{NickName: bob}}},
		),
		wxfake.WithSyncHold(200 * time.Millisecond),
		wxfake.WithLoginPollHold(100 * time.Millisecond),
	}
}

// startFake starts a fake with the fixture account plus opts.
func startFake(t *testing.T, opts ...wxfake.Option) *wxfake.Server {
	t.Helper()
	srv := wxfake.New(append(fixture(), opts...)...)
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// received is what a test needs from an incoming message, read inside the
// handler: the handler runs on openwechat's sync goroutine, and calling the
// message's methods from the test goroutine would race with it.
type received struct {
	msgID, content, raw string
	fromGroup           bool
	groupNick           string
	senderNick          string
	senderDisplay       string
	senderRemark        string
	createTime          int64
	err                 error
}

// testBot is a real openwechat bot wired to the fake.
type testBot struct {
	*openwechat.Bot
	cancel  context.CancelFunc
	qrShown atomic.Int32
	msgs    chan received
}

// newBot makes a Desktop-mode bot that talks only to srv. It is stopped by
// cancelling its context, never with Exit or Logout from the test goroutine:
// in openwechat v1.4.8 those write Bot.self unsynchronised while the sync
// goroutine reads it (a data race under -race).
func newBot(t *testing.T, srv *wxfake.Server) *testBot {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	b := &testBot{
		Bot:    openwechat.DefaultBot(openwechat.Desktop, openwechat.WithContextOption(ctx)),
		cancel: cancel,
		msgs:   make(chan received, 16),
	}
	b.UUIDCallback = func(string) { b.qrShown.Add(1) }
	b.ScanCallBack, b.LoginCallBack, b.SyncCheckCallback = nil, nil, nil
	b.Caller.Client.HTTPClient().Transport = srv.Transport()
	b.MessageHandler = func(m *openwechat.Message) { b.msgs <- describe(m) }
	return b
}

func describe(m *openwechat.Message) received {
	r := received{msgID: m.MsgId, content: m.Content, raw: m.RawContent, fromGroup: m.IsSendByGroup(), createTime: m.CreateTime}
	sender, err := m.Sender()
	if err != nil {
		r.err = err
		return r
	}
	if !r.fromGroup {
		r.senderNick, r.senderRemark = sender.NickName, sender.RemarkName
		return r
	}
	r.groupNick = sender.NickName
	member, err := m.SenderInGroup()
	if err != nil {
		r.err = err
		return r
	}
	r.senderNick, r.senderDisplay = member.NickName, member.DisplayName
	return r
}

// login logs b in with a QR code (confirmed by the fake) and fails the test
// on error.
func (b *testBot) login(t *testing.T) *openwechat.Self {
	t.Helper()
	if err := b.Login(); err != nil {
		t.Fatalf("Login: %v", err)
	}
	self, err := b.GetCurrentUser()
	if err != nil {
		t.Fatalf("GetCurrentUser: %v", err)
	}
	return self
}

// next waits for the next incoming message.
func (b *testBot) next(t *testing.T) received {
	t.Helper()
	select {
	case r := <-b.msgs:
		if r.err != nil {
			t.Fatalf("handling message %s: %v", r.msgID, r.err)
		}
		return r
	case <-time.After(5 * time.Second):
		t.Fatal("no message within 5s")
		return received{}
	}
}

// waitEnded waits for the bot's sync loop to stop and returns the reason.
// It is Block() without Block's data race (see TestBlockReturnsSessionEnd).
func (b *testBot) waitEnded(t *testing.T) error {
	t.Helper()
	select {
	case <-b.Context().Done():
		return b.CrashReason()
	case <-time.After(5 * time.Second):
		t.Fatal("bot still running after 5s")
		return nil
	}
}

// group finds a group by NickName in self's (refreshed) group list.
func group(t *testing.T, self *openwechat.Self, nick string) *openwechat.Group {
	t.Helper()
	groups, err := self.Groups(true)
	if err != nil {
		t.Fatalf("Groups: %v", err)
	}
	g := groups.GetByNickName(nick)
	if g == nil {
		t.Fatalf("group %q not listed", nick)
	}
	return g
}

// memStorage is an in-memory openwechat.HotReloadStorage that behaves like
// a file reopened for every read: each Write replaces the content, and each
// Read continues from the start of the current content.
type memStorage struct {
	mu   sync.Mutex
	data []byte
	pos  int
}

func (m *memStorage) Write(p []byte) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.data, m.pos = append([]byte(nil), p...), 0
	return len(p), nil
}

func (m *memStorage) Read(p []byte) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	r := bytes.NewReader(m.data[m.pos:])
	n, err := r.Read(p)
	m.pos += n
	return n, err
}

func (m *memStorage) rewind() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.pos = 0
}

// retOf extracts the WeChat Ret an openwechat error carries.
func retOf(err error) (openwechat.Ret, bool) {
	var ret openwechat.Ret
	ok := errors.As(err, &ret)
	return ret, ok
}
