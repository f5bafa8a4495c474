package models

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
)

// TestEnqueueOnceAcrossStores: two processes' stores on one database run
// the same scheduled slot at once, 8 queueings of one keyed message each;
// the message is queued exactly once and no call fails (on PostgreSQL the
// two can both look, find nothing and insert; the unique key settles it).
// This is what makes a scheduled job's messages once per slot whichever
// processes run it.
func TestEnqueueOnceAcrossStores(t *testing.T) {
	dsn := testDSN(t)
	stores := twoStores(t, dsn)
	ctx := context.Background()
	for round := range 5 {
		key := "daily_tally:2026-12-07:" + string(rune('A'+round))
		var queued, failed atomic.Int32
		var wg sync.WaitGroup
		for i := range 16 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, ok, err := stores[i%2].EnqueueOnce(ctx, OutboxMessage{Target: "李科长", Kind: KindNotice, Text: "今日统计", DedupeKey: key})
				if err != nil {
					t.Error(err)
					failed.Add(1)
				}
				if ok {
					queued.Add(1)
				}
			}()
		}
		wg.Wait()
		var n int64
		stores[0].db.Model(&OutboxMessage{}).Where("dedupe_key = ?", key).Count(&n)
		if n != 1 || queued.Load() != 1 || failed.Load() != 0 {
			t.Errorf("round %d: %d rows, %d calls queued, %d failed; want 1, 1, 0", round, n, queued.Load(), failed.Load())
		}
	}
}
