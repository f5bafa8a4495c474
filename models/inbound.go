package models

import (
	"cmp"
	"context"
	"errors"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"mobilize/pii"
)

// ErrDuplicate means another delivery of the same message was recorded
// first: its effect happened once, and this one must do nothing.
var ErrDuplicate = errors.New("message already handled")

// A message is recorded as seen in the same transaction as its effect. WeChat
// delivers some messages twice and replays history after a hot login; if the
// id were recorded before the handler ran, a sign-up that then failed on an
// internal error would be lost for good when WeChat delivered it again. So:
//
//   - the dedupe middleware puts the message in the context (WithInbound);
//   - the first transaction a store call runs with that context that
//     changes something inserts the message's row (UNIQUE msg_id) before it
//     commits, so the effect and the mark commit or roll back together. A
//     row already there means another delivery won: ErrDuplicate, and the
//     whole transaction is rolled back;
//   - a handler that changes nothing (a query, a refused command) is
//     recorded afterwards by RecordSeen; one that failed is not recorded at
//     all, so the next delivery is handled.
//
// A handler therefore makes its changes in one transaction (a whole 接龙
// list included). Later transactions of the same handling see the mark
// already written and add nothing.

// inboundMark is the message being handled, carried in the context.
type inboundMark struct {
	msg      InboundMessage
	recorded bool // a committed transaction holds the row
}

type inboundKey struct{}

// WithInbound returns a context whose store transactions record m as seen.
func WithInbound(ctx context.Context, m InboundMessage) context.Context {
	m.Text = pii.MaskPhones(m.Text)
	m.Sender = pii.MaskPhones(m.Sender) // 孙八13800138005: a nickname may hold a phone
	return context.WithValue(ctx, inboundKey{}, &inboundMark{msg: m})
}

func markOf(ctx context.Context) *inboundMark {
	m, _ := ctx.Value(inboundKey{}).(*inboundMark)
	if m == nil || m.recorded {
		return nil
	}
	return m
}

// insert writes the mark's row in tx; ErrDuplicate when it exists already.
func (m *inboundMark) insert(tx *gorm.DB) error {
	row := m.msg
	if row.ReceivedAt.IsZero() {
		row.ReceivedAt = tx.NowFunc()
	}
	if found, err := copyRecorded(tx, row); err != nil || found {
		return cmp.Or(err, ErrDuplicate)
	}
	res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&row)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrDuplicate
	}
	return nil
}

// Seen reports whether a message id was already recorded: a cheap check
// that spares running a handler for a known replay.
func (s *Store) Seen(ctx context.Context, msgID string) (bool, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&InboundMessage{}).Where("msg_id = ?", msgID).Limit(1).Count(&n).Error
	return n > 0, err
}

// RecordSeen records the context's message unless a transaction of its
// handling already did. It reports false when another delivery recorded it
// first: that one answers, this one stays silent.
func (s *Store) RecordSeen(ctx context.Context) (bool, error) {
	mark := markOf(ctx)
	if mark == nil {
		return true, nil
	}
	err := s.db.WithContext(ctx).Transaction(mark.insert)
	if errors.Is(err, ErrDuplicate) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	mark.recorded = true
	return true, nil
}
