package models

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// The event hook's statements. qLatestEvent is an index seek on
// idx_regev_reg (registration, at), whose rowid breaks ties, read backwards:
// no sort. qLedgerAdd adds to one ledger row, creating it the first time.
const (
	qLatestEvent = `SELECT COALESCE(group_id, 0), role_id, status, at FROM registration_events
		WHERE registration_id = ? ORDER BY at DESC, id DESC LIMIT 1`
	qLedgerAdd = `INSERT INTO status_days (campaign_id, group_id, role_id, status, day, ins, outs)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (campaign_id, group_id, role_id, status, day)
		DO UPDATE SET ins = ins + excluded.ins, outs = outs + excluded.outs`
)

// isCreation reports whether reason is a registration's first event (one
// of creationReasons, which the SQL side uses).
func isCreation(reason string) bool {
	switch reason {
	case ReasonSignUp, ReasonWaitlist, ReasonChain, ReasonBackfill:
		return true
	}
	return false
}

// ledgerKey is where an event counts: its registration's group and role,
// and a status.
type ledgerKey struct {
	groupID, roleID uint
	status          string
}

// prevEvent is a registration's latest event, which a change replaces.
type prevEvent struct {
	key ledgerKey
	at  time.Time
}

// latestEvent finds reg's latest event; ok is false when it has none.
func (t *txn) latestEvent(regID uint) (p prevEvent, ok bool, err error) {
	err = t.scan(qLatestEvent, []any{regID}, &p.key.groupID, &p.key.roleID, &p.key.status, &p.at)
	if errors.Is(err, sql.ErrNoRows) {
		return p, false, nil
	}
	return p, err == nil, err
}

// countEvent adds an event to the ledger, if the database has one: +1 in
// at its own key, and for a change +1 out at the key of the event it
// replaced, both on the event's local day in the ledger's zone.
func (t *txn) countEvent(campaignID uint, own ledgerKey, prev *prevEvent, at time.Time) error {
	zone, err := t.ledger.lookup(t.DB)
	if err != nil || zone == nil {
		return err
	}
	day := at.In(zone).Format(time.DateOnly)
	if err := t.ledgerAdd(campaignID, own, day, 1, 0); err != nil {
		return err
	}
	if prev == nil {
		return nil
	}
	return t.ledgerAdd(campaignID, prev.key, day, 0, 1)
}

// ledgerAdd adds ins and outs to one ledger row. The statement is prepared
// with the others when the ledger existed at open; a store that saw it
// appear later runs it through gorm.
func (t *txn) ledgerAdd(campaignID uint, k ledgerKey, day string, ins, outs int) error {
	args := []any{campaignID, k.groupID, k.roleID, k.status, day, ins, outs}
	var err error
	if _, prepared := t.hot[qLedgerAdd]; prepared {
		_, err = t.exec(qLedgerAdd, args...)
	} else {
		err = t.Exec(qLedgerAdd, args...).Error
	}
	if err != nil {
		return fmt.Errorf("status ledger: %w", err)
	}
	return nil
}

// prepareLedger adds the ledger's statement to the hot ones when the
// database has a ledger (a database opened without creating it may not:
// preparing a statement on a missing table fails). Like prepareHot it runs
// at open, before any transaction holds the one connection.
func (s *Store) prepareLedger(ctx context.Context, db *sql.DB) error {
	zone, err := s.ledger.lookup(s.db.WithContext(ctx))
	if err != nil || zone == nil {
		return err
	}
	st, err := db.PrepareContext(ctx, qLedgerAdd)
	if err != nil {
		return fmt.Errorf("prepare status ledger: %w", err)
	}
	s.hot[qLedgerAdd] = st
	return nil
}

// refreshLedger recomputes the status ledger from the whole history (see
// rebuildLedger), for writers that bypass the event hook. Without a
// ledger it does nothing.
func (s *Store) refreshLedger(ctx context.Context) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		zone, err := s.ledger.lookup(tx)
		if err != nil || zone == nil {
			return err
		}
		return rebuildLedger(tx, zone)
	})
}
