package models

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// BotState is the running bot's view of its WeChat session, one row, so a
// separate `mobilize status` process can tell whether it is logged in.
// Beat is refreshed while the bot runs: a stale beat means the process
// stopped without saying so.
type BotState struct {
	ID      uint `gorm:"primaryKey"`
	Online  bool
	Account string // the bot account's own nickname
	// Since is when the current state began: the login, or the logout.
	Since  time.Time
	Method string // how it last logged in: hot, push or qr
	Groups int    // groups in the session's contact list, plus discovered ones
	Logins int    // logins since the process started
	// LastError and LastErrorAt are the latest session or login problem,
	// in words (never a secret).
	LastError   string
	LastErrorAt *time.Time
	PID         int
	Beat        time.Time
	// NoContact lists (、 between) the admins no contact of the session
	// has as a 备注: messages to them wait in the outbox.
	NoContact string `gorm:"not null;default:''"`
}

// OfflineFor is how long, at now, the bot has not been logged in: since
// the logout or failed login it recorded, or, when its heartbeat stopped
// (the process died or hangs), since that last beat; 0 while it is online
// and beating. stale is how old a beat may be.
func (st BotState) OfflineFor(now time.Time, alive bool, stale time.Duration) time.Duration {
	switch {
	case !alive || now.Sub(st.Beat) > stale:
		last := st.Beat
		if !st.Online && st.Since.Before(last) {
			last = st.Since
		}
		return max(now.Sub(last), 0)
	case !st.Online:
		return max(now.Sub(st.Since), 0)
	}
	return 0
}

// botStateID is the one row's key.
const botStateID = 1

// SaveBotState writes the bot's state, replacing the previous one.
func (s *Store) SaveBotState(ctx context.Context, st BotState) error {
	st.ID = botStateID
	st.Since, st.Beat = st.Since.UTC(), st.Beat.UTC()
	if st.LastErrorAt != nil {
		t := st.LastErrorAt.UTC()
		st.LastErrorAt = &t
	}
	return s.db.WithContext(ctx).Clauses(clause.OnConflict{UpdateAll: true}).Create(&st).Error
}

// LoadBotState reads the bot's state; ErrNotFound if the bot never ran
// against this database.
func (s *Store) LoadBotState(ctx context.Context) (BotState, error) {
	var st BotState
	err := s.db.WithContext(ctx).First(&st, botStateID).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return st, notFound(err, "bot state")
	}
	return st, err
}
