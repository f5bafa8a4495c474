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

// sqliteDayAt applies off, a date() modifier ('+28800 seconds'), with
// date(). The fraction of a second is cut off first: SQLite rounds times
// to the millisecond, which would put an event at 23:59:59.9999 on the
// next day (Go and the event queries' text comparisons keep it on its
// own).
func sqliteDayAt(col, off string) string {
	return `date(substr(` + col + `, 1, 19) || ltrim(substr(` + col + `, 20), '.0123456789'), ` + off + `)`
}

// ledgerAdd is the upsert the triggers add to one ledger row with.
const ledgerAdd = ` ON CONFLICT (campaign_id, group_id, role_id, status, day)
		DO UPDATE SET ins = ins + excluded.ins, outs = outs + excluded.outs;`

// predecessor and successor of NEW among its registration's events, in
// (at, id) order: the event it replaces, and the one that replaces it
// (only when events arrive out of time order).
const (
	newPredecessor = `(SELECT y.id FROM registration_events y WHERE y.registration_id = NEW.registration_id
		AND (y.at < NEW.at OR (y.at = NEW.at AND y.id < NEW.id)) ORDER BY y.at DESC, y.id DESC LIMIT 1)`
	newSuccessor = `(SELECT y.id FROM registration_events y WHERE y.registration_id = NEW.registration_id
		AND (y.at > NEW.at OR (y.at = NEW.at AND y.id > NEW.id)) ORDER BY y.at, y.id LIMIT 1)`
)

// sqliteLedgerTriggers keep the ledger, in the transaction of every event:
//   - status_days_in: +1 in at the event's own key on its day;
//   - status_days_out: for a change, +1 out at its predecessor's key;
//   - status_days_reorder: an event dated before a later change of the same
//     registration (a clock set back in an older mobilize, a hand-made
//     row; this one dates changes after their predecessor, ledger_history.go)
//     becomes that change's predecessor: the change's out moves from the
//     old predecessor's key to the new event's, on the change's day, and a
//     row left at zero goes, as a rebuild would not write it.
func sqliteLedgerTriggers() []string {
	d := sqliteDialect{}
	day := localDay(d, "NEW.at")
	cols := `INSERT INTO status_days (campaign_id, group_id, role_id, status, day, ins, outs) `
	return []string{
		`CREATE TRIGGER IF NOT EXISTS status_days_in AFTER INSERT ON registration_events BEGIN ` + cols +
			`VALUES (NEW.campaign_id, COALESCE(NEW.group_id, 0), NEW.role_id, NEW.status, ` + day + `, 1, 0)` + ledgerAdd + ` END`,
		`CREATE TRIGGER IF NOT EXISTS status_days_out AFTER INSERT ON registration_events
			WHEN NEW.reason NOT IN ` + creationReasons + ` BEGIN ` + cols +
			`SELECT NEW.campaign_id, COALESCE(p.group_id, 0), p.role_id, p.status, ` + day + `, 0, 1
			FROM registration_events p WHERE p.id = ` + newPredecessor + ledgerAdd + ` END`,
		`CREATE TRIGGER IF NOT EXISTS status_days_reorder AFTER INSERT ON registration_events
			WHEN (SELECT s.reason FROM registration_events s WHERE s.id = ` + newSuccessor + `) NOT IN ` + creationReasons + `
			BEGIN ` + cols +
			`SELECT NEW.campaign_id, COALESCE(p.group_id, 0), p.role_id, p.status, ` + localDay(d, "s.at") + `, 0, -1
			FROM registration_events p, registration_events s WHERE p.id = ` + newPredecessor + ` AND s.id = ` + newSuccessor +
			ledgerAdd + cols +
			`SELECT NEW.campaign_id, COALESCE(NEW.group_id, 0), NEW.role_id, NEW.status, ` + localDay(d, "s.at") + `, 0, 1
			FROM registration_events s WHERE s.id = ` + newSuccessor + ledgerAdd + `
			DELETE FROM status_days WHERE campaign_id = NEW.campaign_id AND ins = 0 AND outs = 0;
			END`,
	}
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
