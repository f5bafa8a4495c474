package models

import (
	"context"
	"regexp"

	"gorm.io/gorm/clause"
)

var longDigits = regexp.MustCompile(`1[3-9]\d{9}`)

// MaskDigits hides every mobile number in s (138****8000), for anything kept
// or logged beyond what the work needs.
func MaskDigits(s string) string {
	return longDigits.ReplaceAllStringFunc(s, func(p string) string { return p[:3] + "****" + p[7:] })
}

// FirstSeen records a message id and reports whether this is its first
// delivery. WeChat delivers some messages twice and replays history after a
// hot login; the UNIQUE index makes the answer exact even across processes.
func (s *Store) FirstSeen(ctx context.Context, m InboundMessage) (bool, error) {
	m.Text = MaskDigits(m.Text)
	if m.ReceivedAt.IsZero() {
		m.ReceivedAt = s.Now()
	}
	res := s.db.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&m)
	return res.RowsAffected == 1, res.Error
}
