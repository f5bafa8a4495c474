package bot

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"time"

	"mobilize/models"
)

// Outbox queues messages for the sender: every message the bot sends is a
// row in the database first. It implements handlers.Replier (as replies)
// and scheduler-style senders (Queue, any kind).
type Outbox struct {
	store  *models.Store
	window time.Duration
	log    *slog.Logger

	mu   sync.Mutex
	wake func()
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

// Queue stores a message of the given kind (models.KindReply, KindNotice,
// KindBroadcast) and wakes the sender.
func (o *Outbox) Queue(ctx context.Context, to Target, kind, text string) error {
	if strings.TrimSpace(text) == "" || to.Name == "" {
		return nil
	}
	row, merged, err := o.store.EnqueueOutbox(ctx, models.OutboxMessage{
		Target: to.Name, IsGroup: to.Group, Kind: kind, Text: text,
	}, o.window)
	if err != nil {
		return err
	}
	o.log.Debug("queued", "outbox_id", row.ID, "group", to.Name, "kind", kind, "merged", merged)
	o.mu.Lock()
	wake := o.wake
	o.mu.Unlock()
	if wake != nil {
		wake()
	}
	return nil
}

// onQueued sets the function called after each queued message: the
// sender's Wake, so a reply goes out without waiting for a poll.
func (o *Outbox) onQueued(f func()) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.wake = f
}
