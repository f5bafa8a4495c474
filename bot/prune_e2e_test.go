package bot_test

import (
	"context"
	"testing"
	"time"

	"mobilize/models"
)

// The running bot drops handled-message rows older than the redelivery
// window (issue 16: 3,000 floods left 3,000 rows for ever) and keeps the
// recent ones that still catch redeliveries.
func TestRunningBotPrunesOldInboundRows(t *testing.T) {
	srv := startFake(t)
	st := mustStore(t)
	ctx := context.Background()
	record := func(id string, at time.Time) {
		t.Helper()
		mctx := models.WithInbound(ctx, models.InboundMessage{MsgID: id, Chat: groupA, Sender: zhang, Text: "名额", ReceivedAt: at})
		if _, err := st.RecordSeen(mctx); err != nil {
			t.Fatal(err)
		}
	}
	record("old", time.Now().Add(-models.InboundKeep-time.Hour))
	record("recent", time.Now().Add(-time.Hour))
	h := start(t, srv, st, options{})
	h.waitOnline(t, 1)
	deadline := time.Now().Add(10 * time.Second)
	for {
		seen, err := st.Seen(ctx, "old")
		if err != nil {
			t.Fatal(err)
		}
		if !seen {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the old row was not pruned")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if seen, _ := st.Seen(ctx, "recent"); !seen {
		t.Fatal("a recent row was pruned")
	}
}
