package models

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"
	_ "time/tzdata" // the ledger's zone must load wherever the database is opened

	"gorm.io/gorm"
)

// The status ledger keeps, per campaign, local day, group, role and status,
// how many history events entered that status (ins) and how many left it
// (outs). It is the registration history summed by day, maintained in the
// same transaction as every event (status_days_write.go), so a day's tally
// reads a few hundred thousand small rows instead of a million events:
//
//	at the end of day D: N  = Σ (ins − outs) over the days ≤ D
//	during day D:        In = ins on D, Out = outs on D
//
// which is exactly StatusCounts' telescoping sum (every event +1 at its own
// key, every change event −1 at its predecessor's), bucketed by the day of
// the event. Days are local to one zone, recorded with the ledger when it is
// created (status_ledger): every process buckets in that zone whatever its
// own configuration says, so buckets of two zones can never mix; a report
// asked in another zone, or for a span that is not whole days of it, falls
// back to the event queries.
const (
	sqlLedgerTable = `CREATE TABLE status_days (
		campaign_id INTEGER NOT NULL,
		group_id INTEGER NOT NULL,
		role_id INTEGER NOT NULL,
		status TEXT NOT NULL,
		day TEXT NOT NULL,
		ins INTEGER NOT NULL DEFAULT 0,
		outs INTEGER NOT NULL DEFAULT 0,
		PRIMARY KEY (campaign_id, group_id, role_id, status, day)
	) WITHOUT ROWID`
	// The key's order serves the tally: its GROUP BY (group, role, status)
	// follows the primary key, so the sum needs no sort; WITHOUT ROWID
	// keeps ins and outs in the key's b-tree (no second lookup).
	sqlLedgerMetaTable = `CREATE TABLE status_ledger (
		id INTEGER PRIMARY KEY CHECK (id = 1),
		zone TEXT NOT NULL,
		fixed_offset INTEGER,
		built_at TEXT NOT NULL
	)`
	sqlLedgerMeta = `SELECT zone, fixed_offset FROM status_ledger WHERE id = 1`
	// sqlLedgerExists asks the schema, not the table: a database from before
	// the ledger has no table to ask.
	sqlLedgerExists = `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'status_ledger'`
)

// ledger is what a store knows of its database's ledger. The zone is nil
// until the ledger is seen to exist; once it exists it never goes away, so
// the zone is cached from then on. A store opened without creating the
// ledger (OpenExisting on an older database) looks again in every
// transaction that needs it: another process may create it meanwhile, and
// from its commit on every event must be counted in it.
type ledger struct {
	zone atomic.Pointer[time.Location]
}

// lookup returns the ledger's zone, or nil when the database has no ledger.
// db is the transaction the caller reads or writes in: a ledger created
// after the lookup cannot miss that transaction's events, which it either
// holds already or is built after.
func (l *ledger) lookup(db *gorm.DB) (*time.Location, error) {
	if z := l.zone.Load(); z != nil {
		return z, nil
	}
	var n int
	if err := db.Raw(sqlLedgerExists).Scan(&n).Error; err != nil || n == 0 {
		return nil, err
	}
	var meta struct {
		Zone        string
		FixedOffset sql.NullInt64
	}
	if err := db.Raw(sqlLedgerMeta).Scan(&meta).Error; err != nil {
		return nil, fmt.Errorf("status ledger zone: %w", err)
	}
	z, err := zoneFromRecord(meta.Zone, meta.FixedOffset)
	if err != nil {
		return nil, err
	}
	l.zone.Store(z)
	return z, nil
}

// defaultZone is the ledger's zone when Open is given none: the
// configuration's default.
const defaultZone = "Asia/Shanghai"

// zoneRecord says how to find loc again in another process: a fixed zone
// by its offset (its name may mean nothing to LoadLocation, or something
// else), any other by its IANA name.
func zoneRecord(loc *time.Location) (name string, fixed sql.NullInt64, err error) {
	now := time.Now().In(loc)
	if from, until := now.ZoneBounds(); from.IsZero() && until.IsZero() {
		_, off := now.Zone()
		return loc.String(), sql.NullInt64{Int64: int64(off), Valid: true}, nil
	}
	if _, err := time.LoadLocation(loc.String()); err != nil {
		return "", fixed, fmt.Errorf("status ledger: zone %q cannot be recorded: %w", loc, err)
	}
	return loc.String(), fixed, nil
}

// zoneFromRecord is zoneRecord read back.
func zoneFromRecord(name string, fixed sql.NullInt64) (*time.Location, error) {
	if fixed.Valid {
		return time.FixedZone(name, int(fixed.Int64)), nil
	}
	z, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("status ledger zone %q: %w", name, err)
	}
	return z, nil
}

// migrateLedger creates the ledger, with zone recorded, when the database
// has none, and builds it from the history in the same transaction: a
// crash leaves no half-built ledger, and processes opening the database
// meanwhile wait (the migration holds the write lock).
func migrateLedger(tx *gorm.DB, zone *time.Location) error {
	var n int
	if err := tx.Raw(sqlLedgerExists).Scan(&n).Error; err != nil || n > 0 {
		return err
	}
	name, fixed, err := zoneRecord(zone)
	if err != nil {
		return err
	}
	for _, q := range []string{sqlLedgerTable, sqlLedgerMetaTable} {
		if err := tx.Exec(q).Error; err != nil {
			return fmt.Errorf("create status ledger: %w", err)
		}
	}
	if err := tx.Exec(`INSERT INTO status_ledger (id, zone, fixed_offset, built_at) VALUES (1, ?, ?, ?)`,
		name, fixed, tx.NowFunc().UTC()).Error; err != nil {
		return fmt.Errorf("record status ledger zone: %w", err)
	}
	return rebuildLedger(tx, zone)
}

// rebuildLedger replaces the ledger's rows with the sums of the whole
// history, in set-based SQL: one row per event at its own key, one per
// change event at its predecessor's key (the latest earlier event by (at,
// id), as StatusCounts defines it), each on the local day of the event.
// It is what incremental maintenance adds up to (TestLedgerRebuildEqualsIncremental),
// and what a bulk writer that bypasses the event hook (GenerateLoad) runs
// afterwards.
func rebuildLedger(tx *gorm.DB, zone *time.Location) error {
	if err := tx.Exec(`DELETE FROM status_days`).Error; err != nil {
		return fmt.Errorf("rebuild status ledger: %w", err)
	}
	from, to, ok, err := historySpan(tx)
	if err != nil || !ok {
		return err
	}
	own, ownArgs, err := localDay("at", zone, from, to)
	if err != nil {
		return err
	}
	chg, chgArgs, err := localDay("e.at", zone, from, to)
	if err != nil {
		return err
	}
	q := `INSERT INTO status_days (campaign_id, group_id, role_id, status, day, ins, outs)
		SELECT campaign_id, group_id, role_id, status, day, SUM(ins), SUM(outs) FROM (
			SELECT campaign_id, COALESCE(group_id, 0) AS group_id, role_id, status, ` + own + ` AS day, 1 AS ins, 0 AS outs
			FROM registration_events
			UNION ALL
			SELECT e.campaign_id, COALESCE(p.group_id, 0), p.role_id, p.status, ` + chg + `, 0, 1
			FROM registration_events e
			JOIN registration_events p ON p.id = (SELECT x.id FROM registration_events x
				WHERE x.registration_id = e.registration_id AND (x.at < e.at OR (x.at = e.at AND x.id < e.id))
				ORDER BY x.at DESC, x.id DESC LIMIT 1)
			WHERE e.reason NOT IN ` + creationReasons + `)
		GROUP BY campaign_id, group_id, role_id, status, day`
	if err := tx.Exec(q, append(ownArgs, chgArgs...)...).Error; err != nil {
		return fmt.Errorf("rebuild status ledger: %w", err)
	}
	return nil
}

// historySpan is the first and last event time; ok is false without events.
func historySpan(tx *gorm.DB) (from, to time.Time, ok bool, err error) {
	var span struct{ First, Last sql.NullString }
	if err := tx.Raw(`SELECT MIN(at) AS first, MAX(at) AS last FROM registration_events`).Scan(&span).Error; err != nil {
		return from, to, false, err
	}
	if !span.First.Valid {
		return from, to, false, nil
	}
	if from, err = parseSQLiteTime(span.First.String); err != nil {
		return from, to, false, err
	}
	to, err = parseSQLiteTime(span.Last.String)
	return from, to, err == nil, err
}

// maxZoneSpans bounds localDay's CASE (a zone with daylight saving has two
// offsets a year: a few dozen spans cover any campaign's history).
const maxZoneSpans = 1000

// ErrZoneSpans means the history covers more offset changes of the ledger's
// zone than localDay writes into one expression.
var ErrZoneSpans = errors.New("the history spans too many offset changes of the zone")

// localDay is an SQL expression for the local day, in zone, of col (a UTC
// time column) over times from..to: SQLite knows offsets, not zones, so the
// expression picks, by comparing col with each offset change of the zone
// in that span (as the driver writes times, so text order is time order),
// the offset in force. One offset (any zone without daylight saving) is a
// plain date(col, '+28800 seconds').
//
// The fraction of a second is cut off before date() sees the time: SQLite
// rounds times to the millisecond, which would put an event at
// 23:59:59.9999 on the next day (the Go side, and the event queries'
// text comparisons, keep it on its own).
func localDay(col string, zone *time.Location, from, to time.Time) (string, []any, error) {
	whole := "substr(" + col + ", 1, 19) || ltrim(substr(" + col + ", 20), '.0123456789')"
	var b strings.Builder
	var args []any
	b.WriteString("CASE")
	for t, i := from, 0; i < maxZoneSpans; i++ {
		_, off := t.In(zone).Zone()
		_, until := t.In(zone).ZoneBounds()
		mod := fmt.Sprintf("%+d seconds", off)
		switch {
		case (until.IsZero() || until.After(to)) && i == 0:
			return "date(" + whole + ", ?)", []any{mod}, nil
		case until.IsZero() || until.After(to):
			b.WriteString(" ELSE date(" + whole + ", ?) END")
			return b.String(), append(args, mod), nil
		}
		b.WriteString(" WHEN " + col + " < ? THEN date(" + whole + ", ?)")
		args = append(args, until.UTC(), mod)
		t = until
	}
	return "", nil, fmt.Errorf("%w (%s, %s to %s)", ErrZoneSpans, zone, from, to)
}
