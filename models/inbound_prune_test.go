package models

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// Rows older than the redelivery window go, newer ones stay and still
// recognise a redelivery; batches past pruneBatch are all deleted.
func TestPruneInbound(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "p.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	now := time.Now()
	var rows []InboundMessage
	for i := range pruneBatch + 500 {
		rows = append(rows, InboundMessage{MsgID: fmt.Sprintf("old%d", i), ReceivedAt: now.Add(-8 * 24 * time.Hour).UTC()})
	}
	rows = append(rows, InboundMessage{MsgID: "new", ReceivedAt: now.Add(-time.Hour).UTC()})
	if err := s.db.CreateInBatches(rows, 500).Error; err != nil {
		t.Fatal(err)
	}
	n, err := s.PruneInbound(ctx, now.Add(-InboundKeep))
	if err != nil || n != pruneBatch+500 {
		t.Fatalf("pruned %d, %v; want %d", n, err, pruneBatch+500)
	}
	if seen, _ := s.Seen(ctx, "new"); !seen {
		t.Fatal("a recent message was pruned")
	}
	if seen, _ := s.Seen(ctx, "old0"); seen {
		t.Fatal("an old message was kept")
	}
}
