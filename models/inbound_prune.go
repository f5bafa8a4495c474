package models

import (
	"context"
	"time"
)

// InboundKeep is how long a handled message's row is kept. The rows exist
// to recognise WeChat's redeliveries (a duplicate push, the history a hot
// login replays), which come within minutes to hours of the message; a
// week leaves a wide margin. Past it a row only holds a member's words, so
// it goes: the table no longer grows without end, and nothing members
// wrote is kept longer than it is needed.
const InboundKeep = 7 * 24 * time.Hour

// pruneBatch bounds one delete, so pruning never holds the single writer
// long enough to delay a sign-up noticeably.
const pruneBatch = 2000

// PruneInbound deletes the rows of messages received before `before`, in
// batches, and returns how many it deleted.
func (s *Store) PruneInbound(ctx context.Context, before time.Time) (int64, error) {
	var total int64
	for {
		res := s.db.WithContext(ctx).Exec(`DELETE FROM inbound_messages WHERE id IN
			(SELECT id FROM inbound_messages WHERE received_at < ? LIMIT ?)`, before.UTC(), pruneBatch)
		if res.Error != nil {
			return total, res.Error
		}
		total += res.RowsAffected
		if res.RowsAffected < pruneBatch {
			return total, nil
		}
	}
}
