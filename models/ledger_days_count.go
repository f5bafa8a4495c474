package models

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// localDay is the SQL for the local day, in the ledger's zone, of col (an
// event time): the offset in force at that time from status_zone (an
// index seek), applied in the dialect's way (dayAt).
func localDay(d dialect, col string) string {
	return d.dayAt(col, `(SELECT z.mod FROM status_zone z WHERE z.from_at <= `+col+` ORDER BY z.from_at DESC LIMIT 1)`)
}

// The offsets written for a zone are its changes from 1970 to 2200: a few
// hundred rows at most (two a year with daylight saving).
const firstZoneYear, lastZoneYear = 1970, 2200

// ErrZoneSpans means a zone changes offset too often to be written down.
var ErrZoneSpans = errors.New("the zone changes offset too often")

// writeZoneSpans writes zone's offsets into status_zone: the one in force
// in 1970 from the beginning of time, then a row at each change of offset
// up to 2200 (the last offset goes on after). Go's own zone rules decide,
// so the triggers bucket exactly as time.Time.In(zone) does.
func writeZoneSpans(tx *gorm.DB, zone *time.Location) error {
	if err := tx.Exec(`DELETE FROM status_zone`).Error; err != nil {
		return err
	}
	d := dialectOf(tx)
	t := time.Date(firstZoneYear, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(lastZoneYear, 1, 1, 0, 0, 0, 0, time.UTC)
	var from time.Time
	last := 0
	for i := range 4 * (lastZoneYear - firstZoneYear) {
		if _, off := t.In(zone).Zone(); i == 0 || off != last {
			if err := tx.Exec(`INSERT INTO status_zone (from_at, mod) VALUES (?, ?)`, d.zoneFrom(from), d.offsetArg(off)).Error; err != nil {
				return fmt.Errorf("status ledger zone: %w", err)
			}
			last = off
		}
		until := nextChange(zone, t)
		if until.IsZero() || until.After(end) {
			return nil
		}
		t, from = until, until
	}
	return fmt.Errorf("%w: %s", ErrZoneSpans, zone)
}

// nextChange is when the zone's period in force at t ends (zero: never).
// Go's ZoneBounds answers with an end before t for some hours around a
// year's end in a zone's far-future rule (America/New_York, 2040-12-31);
// there the next UTC midnight is taken, or the second the offset changes
// before it, found by bisection.
func nextChange(zone *time.Location, t time.Time) time.Time {
	_, until := t.In(zone).ZoneBounds()
	if until.IsZero() || until.After(t) {
		return until
	}
	until = t.Truncate(24 * time.Hour).Add(24 * time.Hour)
	_, off := t.In(zone).Zone()
	if _, o := until.In(zone).Zone(); o == off {
		return until
	}
	lo, hi := t, until // offset(lo) = off, offset(hi) ≠ off
	for hi.Sub(lo) > time.Second {
		mid := lo.Add(hi.Sub(lo) / 2).Truncate(time.Second)
		if _, o := mid.In(zone).Zone(); o == off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi
}

// isCreation reports whether reason is a registration's first event (one
// of creationReasons, which the SQL side uses).
func isCreation(reason string) bool {
	switch reason {
	case ReasonSignUp, ReasonWaitlist, ReasonChain, ReasonBackfill:
		return true
	}
	return false
}

// qLatestEvent finds a registration's latest event: an index seek on
// idx_regev_reg (registration, at), whose rowid breaks ties, read
// backwards, no sort.
const qLatestEvent = `SELECT at FROM registration_events
	WHERE registration_id = ? ORDER BY at DESC, id DESC LIMIT 1`

// latestEvent is when reg's latest event happened; ok is false without one.
func (t *txn) latestEvent(regID uint) (at time.Time, ok bool, err error) {
	err = t.scan(qLatestEvent, []any{regID}, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return at, false, nil
	}
	return at, err == nil, err
}

// refreshLedger recomputes the status ledger from the whole history. The
// triggers keep it without this; the test of the triggers compares with it.
func (s *Store) refreshLedger(ctx context.Context) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		if zone, err := s.ledger.lookup(tx); err != nil || zone == nil {
			return err
		}
		return rebuildLedger(tx)
	})
}
