package chat

import (
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"time"

	"mobilize/config"
	"mobilize/models"
)

// Sender drains one account's share of the outbox, one message at a time,
// paced so the account is not flagged: a random gap between different
// chats, a shorter one within a chat, a daily budget, and a growing pause
// when WeChat answers "too frequent". It is the only goroutine that sends
// for its account; each account has its own, so one account's budget or
// back-off never holds another's messages.
type Sender struct {
	store *models.Store
	tr    Transport
	cfg   SenderConfig
	log   *slog.Logger
	wake  chan struct{}

	// Loop state, touched only by Run's goroutine.
	last      Target
	lastAt    time.Time
	backoff   time.Duration
	budgetDay time.Time
}

// SenderConfig tunes a Sender. Zero fields take defaults.
type SenderConfig struct {
	// Send is the account's pacing (config.Account.Send).
	config.Send
	// Account is the bot account whose rows this sender takes, paces and
	// budgets; "" is config.DefaultAccountName. One sender per account.
	Account string
	// Holder, if set, is this process's lease token for Account
	// (chat.Lease): every claim needs the lease live, so a process that
	// lost it sends nothing more. "" claims without a lease (tests,
	// tools).
	Holder string
	// Location is where "today" is for the daily budget (Asia/Shanghai).
	Location *time.Location
	// Poll is how often to look for rows queued by other processes.
	Poll time.Duration
	// MaxAttempts is how many refused sends make a row fail for good.
	MaxAttempts int
	// RetryDelay is the wait before retrying a refused send, times the
	// attempt number.
	RetryDelay time.Duration
	// SendTimeout bounds one call to WeChat.
	SendTimeout time.Duration
	// Exports is the directory of the bot's own workbooks (导出): a file
	// sent from it is deleted once its message is sent or given up, so no
	// roster full of phones stays on disk. "" deletes nothing.
	Exports string
	// Now and Rand (uniform in [0,1)) are the clock and the dice.
	Now  func() time.Time
	Rand func() float64
}

// shanghai is Asia/Shanghai without tzdata: UTC+8, no daylight saving.
var shanghai = time.FixedZone("CST", 8*3600)

func (c SenderConfig) withDefaults() SenderConfig {
	if c.Account == "" {
		c.Account = config.DefaultAccountName
	}
	if c.Location == nil {
		c.Location = shanghai
	}
	if c.Poll <= 0 {
		c.Poll = 2 * time.Second
	}
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = 5
	}
	if c.RetryDelay <= 0 {
		c.RetryDelay = 5 * time.Second
	}
	if c.SendTimeout <= 0 {
		c.SendTimeout = 40 * time.Second
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Rand == nil {
		c.Rand = rand.Float64
	}
	if c.MaxGap < c.MinGap {
		c.MaxGap = c.MinGap
	}
	return c
}

// NewSender returns a sender of store's outbox through tr.
func NewSender(store *models.Store, tr Transport, cfg SenderConfig, log *slog.Logger) *Sender {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Sender{store: store, tr: tr, cfg: cfg.withDefaults(), log: log, wake: make(chan struct{}, 1)}
}

// Hold makes every claim of the sender need l held (SenderConfig.Holder).
// Call it before Run.
func (s *Sender) Hold(l *Lease) { s.cfg.Holder = l.Holder() }

// Wake tells the sender a row was queued. It never blocks.
func (s *Sender) Wake() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Recover marks rows a previous process left "sending" as "uncertain":
// WeChat may have delivered them, and sending twice is worse than a person
// checking. Run calls it first.
func (s *Sender) Recover(ctx context.Context) error {
	rows, err := s.store.MarkInterrupted(ctx, s.cfg.Account, InterruptedReason)
	for _, r := range rows {
		s.log.Warn("outbox row left sending by a stopped process: marked uncertain, not resent",
			"outbox_id", r.ID, "group", r.Target, "attempts", r.Attempts)
	}
	return err
}

// Run sends until ctx ends. A send in flight when ctx ends is finished and
// recorded, so stopping never leaves a row in doubt.
func (s *Sender) Run(ctx context.Context) error {
	if err := s.Recover(ctx); err != nil {
		return err
	}
	for ctx.Err() == nil {
		if err := s.tr.Wait(ctx); err != nil {
			break
		}
		if d := s.budgetWait(ctx); d > 0 {
			Sleep(ctx, min(d, s.cfg.Poll))
			continue
		}
		row, next, err := s.store.PeekOutbox(ctx, s.cfg.Account, s.cfg.Now())
		switch {
		case errors.Is(err, models.ErrNotFound):
			s.idle(ctx, next)
			continue
		case err != nil:
			if ctx.Err() == nil {
				s.log.Error("read outbox", "err", err)
			}
			Sleep(ctx, s.cfg.Poll)
			continue
		}
		if !Sleep(ctx, s.gapBefore(Target{Name: row.Target, Group: row.IsGroup})) {
			break
		}
		if err := s.attempt(ctx, row); err != nil {
			s.log.Error("this process no longer holds the account's lease: sending stopped", "account", s.cfg.Account, "err", err)
			return err
		}
	}
	return nil
}

// gapBefore is how long to wait before sending to this chat: the same-chat
// gap after a message to it, a random gap in [MinGap, MaxGap] after one to
// another chat, counted from the end of the previous send.
func (s *Sender) gapBefore(to Target) time.Duration {
	if s.lastAt.IsZero() {
		return 0
	}
	r := 0.0
	if to != s.last {
		r = s.cfg.Rand()
	}
	return s.lastAt.Add(Gap(s.cfg.Send, to == s.last, r)).Sub(s.cfg.Now())
}

// Gap is the pause before a send that follows another: the same-chat gap
// within a chat, else MinGap + r·(MaxGap − MinGap) for r in [0,1) (the
// sender's dice). The sender and `mobilize plan` both use it, so the plan
// is the sender's own arithmetic.
func Gap(p config.Send, sameChat bool, r float64) time.Duration {
	if sameChat {
		return p.SameChatGap.D()
	}
	lo, hi := p.MinGap.D(), max(p.MaxGap.D(), p.MinGap.D())
	return lo + time.Duration(r*float64(hi-lo))
}

// idle waits for a wake-up, the next row's time, or a poll.
func (s *Sender) idle(ctx context.Context, next time.Time) {
	d := s.cfg.Poll
	if !next.IsZero() {
		d = min(d, max(next.Sub(s.cfg.Now()), time.Millisecond))
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-s.wake:
	case <-t.C:
	}
}

// budgetWait returns how long to wait because today's budget is spent, 0
// if it is not.
func (s *Sender) budgetWait(ctx context.Context) time.Duration {
	if s.cfg.DailyBudget <= 0 {
		return 0
	}
	now := s.cfg.Now().In(s.cfg.Location)
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, s.cfg.Location)
	n, err := s.store.CountSentSince(ctx, s.cfg.Account, day)
	if err != nil {
		// Not knowing what was sent today must not mean sending past the
		// budget: hold, and look again at the next poll.
		if ctx.Err() == nil {
			s.log.Error("count today's sends for the budget; holding the outbox", "err", err)
		}
		return s.cfg.Poll
	}
	if n < int64(s.cfg.DailyBudget) {
		return 0
	}
	tomorrow := day.AddDate(0, 0, 1)
	if !s.budgetDay.Equal(day) {
		s.budgetDay = day
		s.log.Warn("daily send budget spent: holding this account's outbox until tomorrow",
			"account", s.cfg.Account, "budget", s.cfg.DailyBudget, "resume_at", tomorrow)
	}
	return tomorrow.Sub(now)
}

// Sleep waits d unless ctx ends first; it reports whether ctx is still live.
func Sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
