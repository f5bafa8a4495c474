package models

import (
	"context"
	"errors"
	"testing"
	"time"

	"mobilize/config"
)

// TestOutboxStateMachine: a row is claimed once, finished once, and a row
// left "sending" becomes "uncertain", never pending again.
func TestOutboxStateMachine(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	row, merged, err := s.EnqueueOutbox(ctx, OutboxMessage{Target: "群", IsGroup: true, Kind: KindReply, Text: "a"}, time.Minute)
	if err != nil || merged {
		t.Fatal(err, merged)
	}
	if _, merged, _ := s.EnqueueOutbox(ctx, OutboxMessage{Target: "群", IsGroup: true, Kind: KindReply, Text: "b"}, time.Minute); !merged {
		t.Fatal("second reply within the window not merged")
	}
	claimed, err := s.ClaimOutbox(ctx, row.ID)
	if err != nil || claimed.Text != "a\nb" || claimed.Attempts != 1 || claimed.Status != OutboxSending {
		t.Fatalf("claim: %+v %v", claimed, err)
	}
	if _, err := s.ClaimOutbox(ctx, row.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("second claim: %v", err)
	}
	if _, _, err := s.PeekOutbox(ctx, config.DefaultAccountName, fixedNow); !errors.Is(err, ErrNotFound) {
		t.Fatalf("peek while sending: %v", err)
	}
	if err := s.FinishOutbox(ctx, row.ID, OutboxOutcome{Status: OutboxSent, WxMsgID: "m1"}); err != nil {
		t.Fatal(err)
	}
	if err := s.FinishOutbox(ctx, row.ID, OutboxOutcome{Status: OutboxSent}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("second finish: %v", err)
	}
	if n, _ := s.CountSentSince(ctx, config.DefaultAccountName, fixedNow.Add(-time.Hour)); n != 1 {
		t.Fatalf("sent since: %d", n)
	}

	other, _, _ := s.EnqueueOutbox(ctx, OutboxMessage{Target: "管理员", Kind: KindNotice, Text: "c"}, time.Minute)
	if _, err := s.ClaimOutbox(ctx, other.ID); err != nil {
		t.Fatal(err)
	}
	stale, err := s.MarkInterrupted(ctx, config.DefaultAccountName, "killed")
	if err != nil || len(stale) != 1 || stale[0].ID != other.ID {
		t.Fatalf("interrupted: %+v %v", stale, err)
	}
	c, err := s.CountOutbox(ctx, fixedNow.Add(-time.Hour))
	if err != nil || c.Sent != 1 || c.Uncertain != 1 || c.Pending != 0 || c.LastError != "killed" || c.LastErrorTarget != "管理员" {
		t.Fatalf("counts %+v %v", c, err)
	}
}
