package models

import (
	"context"
	"time"

	"gorm.io/gorm/clause"
)

// AccountState is one bot account's WeChat session as its runner last
// reported it: logged in since when, the last heartbeat, and how the last
// session ended. Failover reads it (accounts_failover.go): an account is
// working while it is online and beating, and cut off once its session
// ended with 1102 or it has been out longer than failover.after.
type AccountState struct {
	Account string `gorm:"primaryKey"`
	Online  bool   `gorm:"not null;default:false"`
	// Since is when the current (or last) session logged in.
	Since time.Time
	// Beat is the runner's last heartbeat: a process killed while
	// online stops beating, and its account counts as down from then.
	Beat time.Time
	// EndedAt and EndCode say when and how the last session ended
	// (retcode 1100, 1101, 1102; 0 for a stop or an unknown cause).
	EndedAt time.Time
	EndCode int `gorm:"not null;default:0"`
}

// NoteAccountOnline records that account logged in at at.
func (s *Store) NoteAccountOnline(ctx context.Context, account string, at time.Time) error {
	at = at.UTC()
	return s.db.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "account"}},
		DoUpdates: clause.AssignmentColumns([]string{"online", "since", "beat"}),
	}).Create(&AccountState{Account: account, Online: true, Since: at, Beat: at}).Error
}

// NoteAccountOffline records that account's session ended at at, with
// the retcode that ended it (0 for a stop).
func (s *Store) NoteAccountOffline(ctx context.Context, account string, code int, at time.Time) error {
	at = at.UTC()
	return s.db.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "account"}},
		DoUpdates: clause.AssignmentColumns([]string{"online", "beat", "ended_at", "end_code"}),
	}).Create(&AccountState{Account: account, Beat: at, EndedAt: at, EndCode: code}).Error
}

// BeatAccount refreshes account's heartbeat.
func (s *Store) BeatAccount(ctx context.Context, account string, at time.Time) error {
	return s.db.WithContext(ctx).Model(&AccountState{}).Where("account = ?", account).Update("beat", at.UTC()).Error
}

// AccountStates lists every account's state, by account.
func (s *Store) AccountStates(ctx context.Context) ([]AccountState, error) {
	var out []AccountState
	return out, s.db.WithContext(ctx).Order("account").Find(&out).Error
}

// DefaultStale is how long without a heartbeat makes an online account's
// process dead, for readers that do not run a heartbeat (the console, the
// command line): three of the runner's 30-second beats.
const DefaultStale = 90 * time.Second

// LivenessAt judges account states at now with DefaultStale and
// failover.after.
func LivenessAt(now time.Time, after time.Duration) Liveness {
	return Liveness{Now: now, Stale: DefaultStale, After: after}
}

// Liveness judges account states: Stale is how long without a heartbeat
// makes an online account's process dead, After is failover.after.
type Liveness struct {
	Now          time.Time
	Stale, After time.Duration
}

// Working reports whether the account can send now: logged in, and its
// process beating.
func (l Liveness) Working(st AccountState) bool {
	return st.Online && l.Now.Sub(st.Beat) <= l.Stale
}

// DownSince is when a not working account stopped: its session's end, or
// its last heartbeat when its process died while online.
func (l Liveness) DownSince(st AccountState) time.Time {
	if st.Online {
		return st.Beat
	}
	return st.EndedAt
}

// CutOff reports whether a not working account's groups go to other
// accounts: its session ended with 1102 (an invalid cookie, often a block:
// it rarely comes back by itself), or it has been down longer than After.
func (l Liveness) CutOff(st AccountState) bool {
	if l.Working(st) {
		return false
	}
	return (!st.Online && st.EndCode == 1102) || l.Now.Sub(l.DownSince(st)) >= l.After
}
