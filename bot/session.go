package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptrace"
	"sync/atomic"
	"time"

	"github.com/eatmoreapple/openwechat"

	"mobilize/chat"
)

// session is one web login: an openwechat Bot and what the rest of the bot
// needs from it. A Bot cannot log in again once its session ended (its
// context is cancelled for good), so every login makes a new session.
//
// Race rules for openwechat v1.4.8, which has no locks: its sync goroutine
// owns the Bot's user caches (Self, members, groups) and the Bot's self
// field, which it clears on exit. Only that goroutine (the message handler)
// touches them. Other goroutines use what login wrote before that
// goroutine started (Storage.LoginInfo, Storage.Request, the User in
// Storage.Response) and the Caller, and wait for the end on the Bot's
// context, never with Block (which reads self).
type session struct {
	bot     *openwechat.Bot
	cancel  context.CancelFunc
	dir     *directory
	members *memberNames
	log     *slog.Logger
	now     func() time.Time

	// Set once login succeeded.
	selfUserName, account string
	info                  *openwechat.LoginInfo
	req                   *openwechat.BaseRequest
	method                string

	// mediaDir is where the images and files of admins (by remark, as
	// the directory knows them) are downloaded ("" downloads nothing).
	mediaDir string

	// ended is the retcode that ended the session (0: none yet): set by
	// syncError on the library's sync goroutine, or by a send answered
	// "session ended" before synccheck notices. The first one wins. It is
	// ours, not the library's CrashReason, which openwechat writes without
	// a lock while wait would read it.
	ended atomic.Int64
}

// sessionDeps is what a session needs from the runner.
type sessionDeps struct {
	log       *slog.Logger
	transport http.RoundTripper
	showQR    func(uuid string)
	offer     func(chat.Message)
	now       func() time.Time
	// admins lists the admins' 备注 in force, read at each use.
	admins   func() []string
	mediaDir string
}

// newSession makes a Desktop-mode Bot, wired but not logged in.
func newSession(ctx context.Context, d sessionDeps) *session {
	if d.now == nil {
		d.now = time.Now
	}
	bctx, cancel := context.WithCancel(ctx)
	b := openwechat.DefaultBot(openwechat.Desktop, openwechat.WithContextOption(bctx))
	// One try per request: the library's retries resend a message whose
	// answer was lost, which delivers it twice. The outbox decides.
	b.Caller.Client.MaxRetryTimes = 1
	cookies := &cookieGuard{base: guardSync(d.transport), jar: b.Caller.Client.Jar, reset: b.Caller.Client.SetCookieJar}
	b.Caller.Client.HTTPClient().Transport = cookies
	if d.admins == nil {
		d.admins = func() []string { return nil }
	}
	s := &session{bot: b, cancel: cancel, dir: newLiveDirectory(d.admins), members: newMemberNames(), log: d.log, now: d.now,
		mediaDir: d.mediaDir}
	b.Serializer = sessionCodec{cookies: cookies}
	b.UUIDCallback = d.showQR
	b.ScanCallBack = func(openwechat.CheckLoginResponse) {
		d.log.Info(txtQRScanned)
	}
	b.LoginCallBack, b.LogoutCallBack, b.SyncCheckCallback = nil, nil, nil
	b.MessageHandler = func(m *openwechat.Message) { s.receive(m, d.offer, d.now) }
	b.MessageErrorHandler = s.syncError
	return s
}

// login logs in: the stored session (hot), else a confirmation prompt on
// the phone (push), else a QR code.
func (s *session) login(ctx context.Context, storage *sessionFile, tryPush bool) error {
	fb := &loginFallback{storage: storage, log: s.log, method: "hot", tryPush: tryPush}
	err := s.bot.HotLogin(storage, fb)
	s.method = fb.method
	if err != nil {
		return err
	}
	st := s.bot.Storage
	s.info, s.req = st.LoginInfo, st.Request
	s.selfUserName, s.account = st.Response.User.UserName, cleanName(st.Response.User.NickName)
	// The contact list is fetched into the bot's own directory rather than
	// with Self.Groups(true): that cache belongs to the sync goroutine.
	members, err := s.bot.Caller.WebWxGetContact(ctx, s.info)
	if err != nil {
		s.stop()
		return fmt.Errorf("load contact list: %w", err)
	}
	s.dir.load(members)
	s.prefetchMembers(ctx, members)
	return nil
}

// stop ends the Bot's sync loop; the WeChat session itself stays valid for
// the next hot login.
func (s *session) stop() { s.cancel() }

// wait blocks until the session ends or ctx does, and returns the synccheck
// retcode that ended it (0 if ctx ended or there was none).
func (s *session) wait(ctx context.Context) int {
	select {
	case <-ctx.Done():
		s.stop()
		return 0
	case <-s.bot.Context().Done():
	}
	if ctx.Err() != nil {
		return 0
	}
	return int(s.ended.Load())
}

// endedBySend ends the session because a send was answered with a
// session-ending Ret; wait then reports that Ret.
func (s *session) endedBySend(ret int) {
	s.ended.CompareAndSwap(0, int64(ret))
	s.log.Warn(txtSendEnded, "retcode", ret, "why", problemLine(ret))
	s.stop()
}

// syncError decides, on the sync goroutine, whether an error ends the
// session: the retcodes that mean the servers ended it do; anything else
// (network trouble) is retried after a short pause, so a dead network does
// not spin the loop.
func (s *session) syncError(err error) error {
	var ret openwechat.Ret
	if errors.As(err, &ret) && (ret == retLoggedOut || ret == retElsewhere || ret == retRejected) {
		s.ended.CompareAndSwap(0, int64(ret))
		return err
	}
	ctx := s.bot.Context()
	if ctx.Err() == nil {
		s.log.Debug("sync error; retrying", "err", redact(err))
		chat.Sleep(ctx, 500*time.Millisecond)
	}
	return nil
}

// sendText sends text to a target of this session.
func (s *session) sendText(ctx context.Context, to chat.Target, text string) (string, error) {
	userName, ok := s.dir.resolve(to)
	if !ok {
		return "", s.dir.unreachable(to)
	}
	// Whether the request was written decides whether a failure may have
	// delivered the message: a proxy that refused the tunnel, a TLS failure
	// or a failed dial all happen before, and are safe to retry.
	ctx, wrote := traceWrite(ctx)
	sent, err := s.bot.Caller.WebWxSendMsg(ctx, &openwechat.CallerWebWxSendMsgOptions{
		LoginInfo: s.info, BaseRequest: s.req,
		Message: openwechat.NewTextSendMessage(text, s.selfUserName, userName),
	})
	if err != nil {
		return "", sendError(err, wrote.Load())
	}
	return sent.MsgId, nil
}

// traceWrite returns ctx with a trace that records whether a request was
// written to the connection: before that, nothing can have been delivered.
func traceWrite(ctx context.Context) (context.Context, *atomic.Bool) {
	var wrote atomic.Bool
	return httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		WroteRequest: func(httptrace.WroteRequestInfo) { wrote.Store(true) },
	}), &wrote
}

// sendError says what a failed send request means for delivery: a Ret is
// a refusal (not delivered); a failure before the request was written (a
// proxy that refused the tunnel, TLS, a failed dial) is safe to retry;
// anything after it may have delivered the message.
func sendError(err error, wrote bool) error {
	var ret openwechat.Ret
	switch {
	case errors.As(err, &ret):
		return refused(int(ret))
	case !wrote:
		return fmt.Errorf("%w: %v", chat.ErrUnreachable, err)
	}
	return notSent(err)
}

// loginFallback is the login chain after a failed hot login: push login
// (the phone asks to confirm), then a QR code. openwechat's
// NewRetryLoginOption only knows the QR step.
type loginFallback struct {
	openwechat.BaseBotLoginOption
	storage *sessionFile
	log     *slog.Logger
	method  string
	tryPush bool
	// used makes the fallback one-shot: the QR login below runs with this
	// option still installed, and its own failure must not recurse.
	used bool
}

// OnError implements openwechat.BotLoginOption.
func (f *loginFallback) OnError(b *openwechat.Bot, err error) error {
	if f.used {
		return err
	}
	f.used = true
	switch {
	case errors.Is(err, errNoSession):
		f.log.Info(txtNoSession)
	case !f.tryPush:
		f.log.Info(txtHotFailed, "why", loginProblem(err))
		f.log.Debug("hot login failed", "err", redact(err))
	default:
		f.log.Info(txtHotFailPush, "why", loginProblem(err))
		f.log.Debug("hot login failed", "err", redact(err))
		if err = b.PushLogin(f.storage); err == nil {
			f.method = "push"
			return nil
		}
		f.log.Info(txtPushFailed, "why", loginProblem(err))
		f.log.Debug("push login failed", "err", redact(err))
	}
	f.method = "qr"
	return b.Login()
}
