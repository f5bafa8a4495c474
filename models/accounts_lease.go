package models

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// AccountLease says which process sends for a bot account: one row per
// account, held by one process (Holder) until Expires, renewed by its
// heartbeat. Crash recovery rests on it: only the process holding an
// account's lease settles that account's rows left "sending", so a second
// process or a second host never touches rows a live sender has in flight,
// and a claim is refused to a process whose lease ran out.
type AccountLease struct {
	ID      uint   `gorm:"primaryKey"`
	Account string `gorm:"not null;uniqueIndex"`
	// Holder is the holding process's token, unique per process (host,
	// pid and a random part): a restarted process with a reused pid is
	// not taken for the old one.
	Holder string `gorm:"not null"`
	Host   string `gorm:"not null;default:''"`
	PID    int    `gorm:"column:pid"`
	// Since is when this holder took the lease, Beat its last renewal.
	Since   time.Time
	Beat    time.Time
	Expires time.Time `gorm:"not null"`
}

// Lease errors, matched with errors.Is.
var (
	// ErrLeaseHeld: another live process holds the account's lease.
	ErrLeaseHeld = errors.New("account lease held by another process")
	// ErrLeaseLost: this process no longer holds the lease (it expired and
	// another process took it); it must stop sending for the account.
	ErrLeaseLost = errors.New("account lease lost")
)

// LeaseHeldError is ErrLeaseHeld with the lease that is held.
type LeaseHeldError struct{ Lease AccountLease }

func (e *LeaseHeldError) Error() string {
	return fmt.Sprintf("account %q: lease held by %s (pid %d) until %s", e.Lease.Account, e.Lease.Host, e.Lease.PID, e.Lease.Expires.Format(time.RFC3339))
}

// Is makes errors.Is(err, ErrLeaseHeld) true.
func (e *LeaseHeldError) Is(target error) bool { return target == ErrLeaseHeld }

// LeaseRequest is a process asking for an account's lease.
type LeaseRequest struct {
	Account, Holder, Host string
	PID                   int
	TTL                   time.Duration
	// Dead, if set, reports whether a live lease's holder is known dead
	// (same host, no such process): its lease is taken at once instead of
	// after it expires.
	Dead func(AccountLease) bool
}

// AcquireLease takes the account's lease for r.Holder: a new one, its
// own, an expired one, or one whose holder is dead. It returns the lease
// it replaced (zero if none or its own), so the caller knows it took over.
// A live lease of another holder is a *LeaseHeldError, and so is one
// another taker wrote between this one's read and write: of many takers
// at once one gets the lease.
func (s *Store) AcquireLease(ctx context.Context, r LeaseRequest) (AccountLease, error) {
	var prev AccountLease
	now := s.Now().UTC()
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var cur AccountLease
		if err := tx.Where("account = ?", r.Account).Limit(1).Find(&cur).Error; err != nil {
			return err
		}
		switch {
		case cur.ID != 0 && cur.Holder != r.Holder && cur.Expires.After(now) && (r.Dead == nil || !r.Dead(cur)):
			return &LeaseHeldError{Lease: cur}
		case cur.ID != 0 && cur.Holder != r.Holder:
			prev = cur
		}
		since := now
		if cur.Holder == r.Holder && !cur.Since.IsZero() {
			since = cur.Since
		}
		l := AccountLease{Account: r.Account, Holder: r.Holder, Host: r.Host, PID: r.PID, Since: since, Beat: now, Expires: now.Add(r.TTL)}
		// The upsert replaces only the lease as read (its holder, none
		// if there was no row): on PostgreSQL another taker may have
		// written the row since, and then it is theirs.
		res := tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "account"}},
			DoUpdates: clause.AssignmentColumns([]string{"holder", "host", "pid", "since", "beat", "expires"}),
			Where:     clause.Where{Exprs: []clause.Expression{clause.Expr{SQL: "account_leases.holder = ?", Vars: []any{cur.Holder}}}},
		}).Create(&l)
		if res.Error != nil || res.RowsAffected == 1 {
			return res.Error
		}
		if err := tx.Where("account = ?", r.Account).First(&cur).Error; err != nil {
			return err
		}
		return &LeaseHeldError{Lease: cur}
	})
	return prev, err
}

// RenewLease extends the holder's lease by ttl from now. ErrLeaseLost if
// the holder no longer has it, or if it expired before this renewal: once
// expired another process may have taken over, so the holder must not go
// on as if nothing happened.
func (s *Store) RenewLease(ctx context.Context, account, holder string, ttl time.Duration) error {
	now := s.Now().UTC()
	res := s.db.WithContext(ctx).Model(&AccountLease{}).
		Where("account = ? AND holder = ? AND expires > ?", account, holder, now).
		Updates(map[string]any{"beat": now, "expires": now.Add(ttl)})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("renew lease of %q: %w", account, ErrLeaseLost)
	}
	return nil
}

// ReleaseLease gives the lease up at a clean stop, so the next process
// need not wait for it to expire. Someone else's lease is left alone.
func (s *Store) ReleaseLease(ctx context.Context, account, holder string) error {
	return s.db.WithContext(ctx).Where("account = ? AND holder = ?", account, holder).Delete(&AccountLease{}).Error
}

// Leases lists every account's lease, by account: what status shows.
func (s *Store) Leases(ctx context.Context) ([]AccountLease, error) {
	var out []AccountLease
	return out, s.db.WithContext(ctx).Order("account").Find(&out).Error
}

// holdsLease reports, inside a transaction, whether holder holds the
// account's lease at now.
func holdsLease(tx *gorm.DB, account, holder string, now time.Time) (bool, error) {
	var n int64
	err := tx.Model(&AccountLease{}).Where("account = ? AND holder = ? AND expires > ?", account, holder, now).Count(&n).Error
	return n > 0, err
}
