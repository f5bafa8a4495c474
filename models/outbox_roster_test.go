package models

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestSentFullRosterIsMasked: a full roster waits in the outbox with its
// numbers (the sender needs them) and keeps none once delivered; other
// kinds are left as they were.
func TestSentFullRosterIsMasked(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	send := func(kind, text string) OutboxMessage {
		t.Helper()
		row, _, err := s.EnqueueOutbox(ctx, OutboxMessage{Target: "民政局值班员", Kind: kind, Text: text}, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.ClaimOutbox(ctx, row.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.FinishOutbox(ctx, row.ID, OutboxOutcome{Status: OutboxSent}); err != nil {
			t.Fatal(err)
		}
		var got OutboxMessage
		if err := s.db.First(&got, row.ID).Error; err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got := send(KindRoster, "1. 张三 13800138000 志愿先锋"); strings.Contains(got.Text, "13800138000") || !strings.Contains(got.Text, "138****8000") {
		t.Errorf("a sent roster kept its numbers: %q", got.Text)
	}
	waiting, _, err := s.EnqueueOutbox(ctx, OutboxMessage{Target: "民政局值班员", Kind: KindRoster, Text: "1. 李四 13900139000"}, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(waiting.Text, "13900139000") {
		t.Errorf("a roster not yet sent lost its numbers: %q", waiting.Text)
	}
	if got := send(KindBroadcast, "报名热线 13700137000"); !strings.Contains(got.Text, "13700137000") {
		t.Errorf("a broadcast's text was changed: %q", got.Text)
	}
}
