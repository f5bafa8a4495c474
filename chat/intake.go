package chat

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"mobilize/models"
)

// Handler answers one incoming message; handlers.Router implements it.
type Handler interface {
	Handle(ctx context.Context, m Message) error
}

// Intake decouples openwechat's sync loop from the handlers. The library
// calls its message handler inside the loop that polls WeChat, so a slow
// handler would delay every later message: Offer only queues (and drops,
// logged, when the queue is full), and a pool of workers handles messages,
// each under a timeout.
type Intake struct {
	handler Handler
	store   *models.Store
	timeout time.Duration
	log     *slog.Logger
	// Handled, if set, is called after each message is handled (tests and
	// the demo use it to know when a message's replies are queued).
	Handled func(Message, error)

	mu     sync.Mutex
	closed bool
	queue  chan Message
	wg     sync.WaitGroup
	groups sync.Map // group names already ensured in the store
}

// NewIntake returns an intake with a queue of size messages; store may be
// nil (then groups are not recorded).
func NewIntake(h Handler, store *models.Store, size int, timeout time.Duration, log *slog.Logger) *Intake {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	return &Intake{handler: h, store: store, timeout: timeout, log: log, queue: make(chan Message, max(size, 1))}
}

// Offer queues m without blocking. It reports false if the queue is full
// or closed; the message is then dropped, and logged.
func (in *Intake) Offer(m Message) bool {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.closed {
		in.log.Warn("intake closed: message dropped", "msg_id", m.ID, "group", m.Group)
		return false
	}
	select {
	case in.queue <- m:
		return true
	default:
		in.log.Error("intake queue full: message dropped", "msg_id", m.ID, "group", m.Group, "queue", cap(in.queue))
		return false
	}
}

// Start runs n workers. Each message gets its own timeout, derived from a
// context that stopping does not cancel: Close lets queued work finish.
func (in *Intake) Start(ctx context.Context, n int) {
	base := context.WithoutCancel(ctx)
	for range max(n, 1) {
		in.wg.Add(1)
		go func() {
			defer in.wg.Done()
			for m := range in.queue {
				in.handle(base, m)
			}
		}()
	}
}

// Close stops taking messages and waits for the workers to handle what
// was queued.
func (in *Intake) Close() {
	in.mu.Lock()
	if !in.closed {
		in.closed = true
		close(in.queue)
	}
	in.mu.Unlock()
	in.wg.Wait()
}

func (in *Intake) handle(base context.Context, m Message) {
	ctx, cancel := context.WithTimeout(WithReceiver(base, m.Account), in.timeout)
	defer cancel()
	m = m.Printable() // before the group is recorded under its name
	in.ensureGroup(ctx, m.Group)
	err := in.handler.Handle(ctx, m)
	if err != nil {
		// The router logs its failures and answers the member; this is
		// only the trace of what came back.
		in.log.Debug("handler returned", "msg_id", m.ID, "group", m.Group, "err", err)
	}
	if in.Handled != nil {
		in.Handled(m, err)
	}
}

// ensureGroup records a group the first time it speaks: groups not saved
// to 通讯录 are not in the contact list, and are found only this way.
func (in *Intake) ensureGroup(ctx context.Context, name string) {
	if name == "" || in.store == nil {
		return
	}
	if _, seen := in.groups.Load(name); seen {
		return
	}
	if _, err := in.store.EnsureGroup(ctx, name); err != nil {
		in.log.Error("record group", "group", name, "err", err)
		return
	}
	in.groups.Store(name, true)
}
