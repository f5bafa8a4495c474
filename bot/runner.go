package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"sync"
	"time"

	"github.com/eatmoreapple/openwechat"

	"mobilize/chat"
	"mobilize/config"
	"mobilize/models"
	"mobilize/zhdur"
)

// RunnerConfig is what the bot runs with.
type RunnerConfig struct {
	Config config.Config
	// Account names the WeChat account this runner logs in as (an entry
	// of accounts:; "" is the first of them, 默认 without the list): its
	// session file and pacing, the outbox rows it sends. Messages it
	// receives carry it, and the groups it serves are recorded under it.
	Account string
	Store   *models.Store
	Handler chat.Handler
	// Outbox is the Replier the handlers were given; the runner's sender
	// drains it.
	Outbox *chat.Outbox
	Log    *slog.Logger
	// QR is where the login QR code is drawn; OnQR, if set, is called
	// with the code's URL instead.
	QR   io.Writer
	OnQR func(url string)
	// QRAccount, if set, is drawn above the QR code: the account it logs
	// in, when one process logs in several (mobilize run).
	QRAccount string
	// HTTPTransport replaces the WeChat client's transport (the fake
	// server in tests and the demo). Leave it nil in production: the
	// library's client then uses Go's default transport, which honours
	// HTTPS_PROXY and the system certificates.
	HTTPTransport http.RoundTripper
	// HandleTimeout bounds the handling of one message (default 30s).
	HandleTimeout time.Duration
	// Handled, if set, is called after each message is handled.
	Handled func(chat.Message, error)
	// Sender tunes the sender beyond Config.Send (poll, clock, dice).
	Sender chat.SenderConfig
	// Beat is how often the state's heartbeat is saved (default 30s).
	Beat time.Duration
	// LoginRetry is the first wait after a failed login (default 2s); it
	// doubles up to a minute while logins keep failing.
	LoginRetry time.Duration
	// Now is the clock (the configured zone in production).
	Now func() time.Time
	// LeaseTTL is how long the account's lease lasts unrenewed (default
	// chat.LeaseTTL); it is renewed every third of it.
	LeaseTTL time.Duration
	// Lease, if set, is the account's lease already taken (mobilize run
	// takes it before anything else, to refuse early); else Run takes it.
	Lease *chat.Lease
}

// Runner is the bot: it logs in and stays logged in, takes messages in
// and sends the outbox.
type Runner struct {
	cfg     RunnerConfig
	log     *slog.Logger
	wx      *wechat
	sender  *chat.Sender
	intake  *chat.Intake
	state   *stateRecorder
	served  *served
	storage *sessionFile
	// pushFailed skips push login until a login succeeds: each push
	// attempt makes the phone ask again, and a QR code is on its way.
	pushFailed bool
}

// NewRunner wires a runner.
func NewRunner(c RunnerConfig) *Runner {
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.QR == nil {
		c.QR = io.Discard
	}
	if c.Beat <= 0 {
		c.Beat = 30 * time.Second
	}
	if c.LoginRetry <= 0 {
		c.LoginRetry = 2 * time.Second
	}
	acct := runnerAccount(c.Config, c.Account)
	c.Account = acct.Name
	r := &Runner{cfg: c, log: c.Log, wx: newWechat(), storage: newSessionFile(acct.SessionFile)}
	sc := c.Sender
	sc.Send = acct.Send
	sc.Account = acct.Name
	sc.Exports = c.Config.ExportDir()
	if sc.Location == nil {
		sc.Location = c.Config.Location
	}
	r.sender = chat.NewSender(c.Store, r.wx, sc, c.Log.With("part", "sender"))
	c.Outbox.OnQueued(r.sender.Wake)
	r.served = newServed(c.Store, c.Account, c.Log)
	r.intake = chat.NewIntake(r.served.handler(c.Handler), c.Store, c.Config.Intake.QueueSize, c.HandleTimeout, c.Log)
	r.intake.Handled = c.Handled
	r.state = newStateRecorder(c.Store, c.Account, c.Log, c.Now)
	return r
}

// runnerAccount resolves the account a runner logs in as: "" is the first
// configured one; a name the configuration lacks (tests that name their
// accounts freely) gets bot.session_file and the top-level pacing.
// `mobilize run --account` refuses unknown names before it gets here.
func runnerAccount(cfg config.Config, name string) config.Account {
	if name == "" {
		return cfg.Accounts()[0]
	}
	if a, ok := cfg.Account(name); ok {
		return a
	}
	return config.Account{Name: name, SessionFile: cfg.Bot.SessionFile, Send: cfg.Send}
}

// Run serves until ctx ends, then stops in order: the WeChat session's
// sync loop, the intake (queued messages are still handled), the sender
// (a send in flight is finished and recorded).
//
// It first takes the account's lease (chat.Lease): a live process holding
// it elsewhere makes Run return a *models.LeaseHeldError before anything
// else happens. Losing the lease later (it ran out unrenewed) stops the
// runner with models.ErrLeaseLost: another process may serve the account.
func (r *Runner) Run(ctx context.Context) error {
	lease := r.cfg.Lease
	if lease == nil {
		var err error
		if lease, err = chat.TakeLease(ctx, r.cfg.Store, r.cfg.Account, chat.LeaseConfig{TTL: r.cfg.LeaseTTL}, r.log); err != nil {
			return err
		}
	}
	r.sender.Hold(lease)
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	kept := make(chan struct{})
	go func() {
		defer close(kept)
		if err := lease.Keep(ctx); err != nil {
			cancel(err)
		}
	}()
	err := r.serveAccount(ctx)
	cancel(nil)
	<-kept // the lease is released once everything has stopped
	if cause := context.Cause(ctx); errors.Is(cause, models.ErrLeaseLost) {
		return errors.Join(err, cause)
	}
	return err
}

// serveAccount is Run under the account's lease.
func (r *Runner) serveAccount(ctx context.Context) error {
	// Rows of an account no longer configured would wait for ever: the
	// default account takes them (audited).
	if n, err := r.cfg.Store.AdoptOrphans(ctx); err != nil {
		return fmt.Errorf("adopt rows of removed accounts: %w", err)
	} else if n > 0 {
		r.log.Warn("unsent rows of accounts no longer configured moved to the default account",
			"rows", n, "account", r.cfg.Store.DefaultAccount())
	}
	// Rows a killed process left mid-send are settled before anything
	// else can send.
	if err := r.sender.Recover(ctx); err != nil {
		return fmt.Errorf("recover outbox: %w", err)
	}
	var wg sync.WaitGroup
	r.intake.Start(ctx, r.cfg.Config.Intake.Workers)
	wg.Go(func() {
		if err := r.sender.Run(ctx); err != nil {
			r.log.Error("sender stopped", "err", err)
		}
	})
	wg.Go(func() { r.heartbeat(ctx) })
	wg.Go(func() { r.prune(ctx) })
	r.serve(ctx)
	r.intake.Close()
	wg.Wait()
	r.state.offline("")
	r.noteAccount(context.WithoutCancel(ctx), false, 0)
	return nil
}

// serve logs in, waits for the session to end, and logs in again, until
// ctx ends. After a session ended it tells the admins, once, when the bot
// is back.
func (r *Runner) serve(ctx context.Context) {
	var ended *sessionEnd
	var down time.Time // since when logins have failed (zero: not failing)
	fails := 0
	for ctx.Err() == nil {
		s, err := r.login(ctx)
		err = redact(err)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			if down.IsZero() {
				down = r.cfg.Now()
			}
			if errors.Is(err, openwechat.ErrLoginTimeout) {
				r.log.Info(txtQRExpired)
				continue
			}
			wait := min(r.cfg.LoginRetry<<min(fails, 6), time.Minute)
			fails++
			line := fmt.Sprintf(txtLoginFailed, loginProblem(err))
			r.log.Debug("login failed", "err", err)
			r.log.Error(line + "；" + fmt.Sprintf(txtRetryIn, zhdur.Format(wait)))
			r.state.offline(line)
			chat.Sleep(ctx, wait)
			continue
		}
		since := r.cfg.Now()
		r.wx.attach(s)
		r.sender.Wake()
		r.log.Info(txtLoggedIn, "account", s.account, "method", s.method, "groups", s.dir.groupCount())
		r.state.online(s.account, s.method, s.dir.groupCount())
		r.served.login(ctx, s.account, s.dir.groupNames())
		r.noteAccount(ctx, true, 0)
		for _, a := range s.dir.missingAdmins() {
			r.log.Warn("no contact has this admin's remark; messages to the admin wait", "admin", a)
		}
		r.state.noContact(s.dir.missingAdmins())
		switch {
		case ended != nil:
			r.notifyAdmins(ctx, fmt.Sprintf(txtRelogin, reasonWordsZh(ended.code), r.clock(ended.at)))
		case !down.IsZero() && since.Sub(down) > r.alertAfter():
			r.notifyAdmins(ctx, fmt.Sprintf(txtBackAfterDown, zhdur.Format(since.Sub(down)), r.clock(down)))
		}
		ended, down = nil, time.Time{}
		code := s.wait(ctx)
		s.stop()
		r.wx.detach(s)
		r.state.groups(s.dir.groupCount())
		if ctx.Err() != nil {
			return
		}
		ended = &sessionEnd{code: code, at: r.cfg.Now()}
		down = ended.at
		r.noteAccount(ctx, false, code)
		line := fmt.Sprintf(txtSessionEnded, problemLine(code))
		r.log.Warn(line, "retcode", code)
		r.state.offline(line)
		// A session that ends right after login (1102 often does) must not
		// turn into a burst of logins: wait longer each time.
		if ended.at.Sub(since) < time.Minute {
			chat.Sleep(ctx, min(r.cfg.LoginRetry<<min(fails, 6), time.Minute))
			fails++
		} else {
			fails = 0
		}
	}
}

// sessionEnd is why and when a session ended.
type sessionEnd struct {
	code int
	at   time.Time
}

// login makes a new session and logs it in (hot, push, then QR).
func (r *Runner) login(ctx context.Context) (*session, error) {
	s := newSession(ctx, sessionDeps{
		log:       r.log,
		transport: r.cfg.HTTPTransport,
		showQR:    r.showQR,
		offer: func(m chat.Message) {
			m.Account = r.cfg.Account
			r.intake.Offer(m)
		},
		now:      r.cfg.Now,
		admins:   r.cfg.Config.AdminList,
		mediaDir: r.mediaDir(),
	})
	err := s.login(ctx, r.storage, !r.pushFailed)
	r.pushFailed = err != nil && s.method == "qr"
	if err != nil {
		s.stop()
		return nil, err
	}
	return s, nil
}

// showQR is the library's UUIDCallback: draw the code (the default opens
// a browser, which a server does not have).
func (r *Runner) showQR(uuid string) {
	r.log.Info(txtQRShown)
	if r.cfg.OnQR != nil {
		r.cfg.OnQR(qrLoginURL(uuid))
		return
	}
	drawQR(r.cfg.QR, r.cfg.QRAccount, uuid)
}

// mediaDir is where admins' attachments are saved: inbox/ in the data
// directory ("" for an in-memory database, which downloads nothing).
func (r *Runner) mediaDir() string {
	db := r.cfg.Config.Database
	if db == "" || db == ":memory:" {
		return ""
	}
	return filepath.Join(r.cfg.Config.DataDir(), "inbox")
}

// alertAfter is how long the bot may fail to log in before the admins are
// told, once it is back (bot.offline_alert_minutes).
func (r *Runner) alertAfter() time.Duration {
	return time.Duration(max(r.cfg.Config.Bot.OfflineAlertMinutes, 1)) * time.Minute
}

// clock formats a moment for the admins, in the configured zone.
func (r *Runner) clock(t time.Time) string {
	loc := r.cfg.Config.Location
	if loc == nil {
		loc = time.FixedZone("CST", 8*3600)
	}
	return t.In(loc).Format("01-02 15:04")
}

// notifyAdmins queues, once per re-login, a notice to every admin (by
// remark) that the bot is back: after a session ended, or after logins
// failed for longer than bot.offline_alert_minutes.
func (r *Runner) notifyAdmins(ctx context.Context, text string) {
	for _, admin := range r.cfg.Config.AdminList() {
		if err := r.cfg.Outbox.Queue(ctx, chat.Target{Name: admin}, models.KindNotice, text); err != nil {
			r.log.Error("queue admin notice", "err", err)
		}
	}
}

// heartbeat refreshes the saved state, with the current group count.
func (r *Runner) heartbeat(ctx context.Context) {
	t := time.NewTicker(r.cfg.Beat)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if n := r.wx.groupCount(); n > 0 {
				r.state.groups(n)
			} else {
				r.state.beat()
			}
			if err := r.cfg.Store.BeatAccount(ctx, r.cfg.Account, r.cfg.Now()); err != nil && ctx.Err() == nil {
				r.log.Error("save the account's heartbeat", "err", err)
			}
			r.failover(ctx) // after the beat: this account counts as working
		}
	}
}
