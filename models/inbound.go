package models

import (
	"context"

	"gorm.io/gorm/clause"

	"mobilize/grammar"
)

// FirstSeen records a message id and reports whether this is its first
// delivery. WeChat delivers some messages twice and replays history after a
// hot login; the UNIQUE index makes the answer exact even across processes.
func (s *Store) FirstSeen(ctx context.Context, m InboundMessage) (bool, error) {
	m.Text = grammar.MaskPhones(m.Text)
	if m.ReceivedAt.IsZero() {
		m.ReceivedAt = s.Now()
	}
	res := s.db.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&m)
	return res.RowsAffected == 1, res.Error
}
