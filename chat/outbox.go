package chat

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"time"

	"mobilize/models"
	"mobilize/pii"
)

// Outbox queues messages for the sender: every message any channel sends
// is a row in the database first. It implements handlers.Replier (as
// replies) and the queue the scheduler and broadcasts use.
//
// It is also the privacy boundary: every text queued for a chat goes
// through one phone-masking pass here, whatever feature produced it, so a
// phone number hidden in a nickname, a group name or an echo of a member's
// words never reaches a chat whole. Broadcast bodies are exempt: staff write
// them, and a published contact number there is meant to be read. So is a
// full roster an admin asked for in a private chat (audited).
type Outbox struct {
	store  *models.Store
	window time.Duration
	log    *slog.Logger

	mu    sync.Mutex
	wakes []func()
}

// Outgoing is one message to queue: a text, or an image or file at Path.
type Outgoing struct {
	To Target
	// Kind is what the message is (models.KindReply, KindNotice,
	// KindBroadcast, …): only replies are merged.
	Kind string
	Text string
	// Media is models.MediaText (""), MediaImage or MediaFile.
	Media string
	Path  string
	// Key, when set, makes queueing exactly-once: a message with a key
	// already queued is not queued again (see models.OutboxMessage).
	Key string
	// NotBefore holds the message until then (zero: now).
	NotBefore time.Time
	// Account, when set, is the bot account that must send it (a reply
	// to a private chat goes back through the account it came in by);
	// "" lets the store decide (models.Store.DefaultAccount).
	Account string
}

// NewOutbox returns an outbox over store that merges replies to one chat
// queued within window (config send.merge_window).
func NewOutbox(store *models.Store, window time.Duration, log *slog.Logger) *Outbox {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Outbox{store: store, window: window, log: log}
}

// Send queues a reply. It implements handlers.Replier.
func (o *Outbox) Send(ctx context.Context, to Target, text string) error {
	return o.Queue(ctx, to, models.KindReply, text)
}

// Queue stores a text message of the given kind and wakes the sender.
func (o *Outbox) Queue(ctx context.Context, to Target, kind, text string) error {
	_, err := o.Put(ctx, Outgoing{To: to, Kind: kind, Text: text})
	return err
}

// Put stores one message and wakes the sender. It reports whether a row
// was queued: false for an empty message, or for a keyed one queued
// before.
func (o *Outbox) Put(ctx context.Context, m Outgoing) (bool, error) {
	if m.To.Name == "" || (m.Media == models.MediaText && strings.TrimSpace(m.Text) == "") || (m.Media != models.MediaText && m.Path == "") {
		return false, nil
	}
	text := m.Text
	if m.Kind != models.KindBroadcast && (m.Kind != models.KindRoster || m.To.Group) {
		text = pii.MaskPhones(text)
	}
	if m.Account == "" && !m.To.Group {
		// A private chat is answered by the account it wrote to: the
		// person is that account's contact, maybe no other's. A group's
		// row is left to the store, which gives it to the group's owner.
		m.Account = Receiver(ctx)
	}
	row := models.OutboxMessage{Target: m.To.Name, IsGroup: m.To.Group, Kind: m.Kind, Text: text,
		Media: m.Media, Path: m.Path, DedupeKey: m.Key, NotBefore: m.NotBefore, Account: m.Account}
	var (
		queued = true
		merged bool
		err    error
	)
	if m.Key != "" {
		row, queued, err = o.store.EnqueueOnce(ctx, row)
	} else {
		row, merged, err = o.store.EnqueueOutbox(ctx, row, o.window)
	}
	if err != nil {
		return false, err
	}
	o.log.Debug("queued", "outbox_id", row.ID, "account", row.Account, "group", m.To.Name, "kind", m.Kind, "media", m.Media, "merged", merged, "new", queued)
	if queued {
		o.wakeSender()
	}
	return queued, nil
}

func (o *Outbox) wakeSender() {
	o.mu.Lock()
	wakes := o.wakes
	o.mu.Unlock()
	for _, wake := range wakes {
		wake()
	}
}

// OnQueued adds a function called after each queued message: a sender's
// Wake, so a reply goes out without waiting for a poll. With several
// accounts in one process every sender is woken (a wake costs one look at
// the outbox; the row's account decides who sends it).
func (o *Outbox) OnQueued(f func()) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.wakes = append(o.wakes, f)
}
