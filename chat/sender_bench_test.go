package chat

import (
	"context"
	"testing"

	"mobilize/config"
	"mobilize/models"
)

// BenchmarkSenderOverhead is the sender's own cost per message with zero
// gaps and an instant transport: the database work that makes sends
// exactly-once (peek, claim with its attempt record, outcome).
func BenchmarkSenderOverhead(b *testing.B) {
	store := openStore(b)
	out := NewOutbox(store, 0, nil)
	ctx := context.Background()
	for range b.N {
		if err := out.Queue(ctx, chatA, models.KindNotice, "x"); err != nil {
			b.Fatal(err)
		}
	}
	tr := newFakeTransport()
	tr.sent = make(chan struct{}, b.N+1)
	cfg := SenderConfig{Send: config.Send{DailyBudget: b.N + 1}, Poll: 1e6}
	s := NewSender(store, tr, cfg, nil)
	b.ResetTimer()
	for range b.N {
		row, _, err := store.PeekOutbox(ctx, config.DefaultAccountName, cfg.withDefaults().Now())
		if err != nil {
			b.Fatal(err)
		}
		if d := s.budgetWait(ctx); d > 0 {
			b.Fatal("budget")
		}
		s.attempt(ctx, row)
	}
}
