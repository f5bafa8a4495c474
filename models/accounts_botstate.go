package models

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// BotState is a running bot account's view of its WeChat session, one row
// per configured account (Name), so a separate `mobilize status` process
// can tell whether each is logged in. Beat is refreshed while the account
// runs: a stale beat means its process stopped without saying so.
type BotState struct {
	ID uint `gorm:"primaryKey"`
	// Name is the configured account (config accounts:, 默认 without the
	// list); rows from before accounts are 默认's (migration 3).
	Name    string `gorm:"not null;default:'';uniqueIndex:idx_bot_state_name"`
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

// SaveBotState writes an account's state (st.Name; "" is the default
// account), replacing its previous one and no other account's.
func (s *Store) SaveBotState(ctx context.Context, st BotState) error {
	if st.Name == "" {
		st.Name = s.DefaultAccount()
	}
	st.ID = 0
	st.Since, st.Beat = st.Since.UTC(), st.Beat.UTC()
	if st.LastErrorAt != nil {
		t := st.LastErrorAt.UTC()
		st.LastErrorAt = &t
	}
	return s.db.WithContext(ctx).Clauses(clause.OnConflict{
		Columns: []clause.Column{{Name: "name"}},
		DoUpdates: clause.AssignmentColumns([]string{"online", "account", "since", "method", "groups", "logins",
			"last_error", "last_error_at", "p_id", "beat", "no_contact"}),
	}).Create(&st).Error
}

// LoadBotState reads the default account's state; ErrNotFound if it never
// ran against this database.
func (s *Store) LoadBotState(ctx context.Context) (BotState, error) {
	return s.LoadAccountState(ctx, s.DefaultAccount())
}

// LoadAccountState reads one account's state; ErrNotFound if it never ran
// against this database.
func (s *Store) LoadAccountState(ctx context.Context, account string) (BotState, error) {
	var st BotState
	err := s.db.WithContext(ctx).Where("name = ?", account).First(&st).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return st, notFound(err, "bot state of "+account)
	}
	return st, err
}

// LoadBotStates reads every account's state, by name.
func (s *Store) LoadBotStates(ctx context.Context) ([]BotState, error) {
	var out []BotState
	return out, s.db.WithContext(ctx).Order("name").Find(&out).Error
}
