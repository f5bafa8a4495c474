package models

import (
	"database/sql"
	"fmt"
	"sync/atomic"
	"time"
	_ "time/tzdata" // the ledger's zone must load wherever the database is opened

	"gorm.io/gorm"
)

// The status ledger keeps, per campaign, local day, group, role and status,
// how many history events entered that status (ins) and how many left it
// (outs). It is the registration history summed by day, so a day's tally
// reads a few hundred thousand small rows instead of a million events:
//
//	at the end of day D: N  = Σ (ins − outs) over the days ≤ D
//	during day D:        In = ins on D, Out = outs on D
//
// which is exactly StatusCounts' telescoping sum (every event +1 at its own
// key, every change event −1 at its predecessor's, the latest earlier event
// by (at, id)), bucketed by the local day of the event.
//
// Triggers on registration_events keep it, in the transaction of every
// event, whoever writes it: this program's hot path, the load generator,
// an older mobilize still running during an upgrade, an operator's sqlite3
// or psql. Days are local to one zone, recorded with the ledger when it
// is created and written into the database as the zone's offsets over
// time (status_zone), so every writer buckets alike whatever its own
// configuration says; a report asked in another zone, or for a span that
// is not whole days of it, falls back to the event queries.
//
// The tables and triggers are in each dialect's SQL (sqlite_ledger.go,
// postgres_ledger.go); what is written once for both is here and in
// ledger_days_count.go.

// sqlLedgerMeta reads the zone the ledger was created in.
const sqlLedgerMeta = `SELECT zone, fixed_offset FROM status_ledger WHERE id = 1`

// ledger is what a store knows of its database's ledger. The zone is nil
// until the ledger is seen to exist; once it exists it never goes away, so
// the zone is cached from then on. A store opened without creating the
// ledger (OpenExisting on an older database) looks again at each report:
// another process may have created it meanwhile.
type ledger struct {
	zone atomic.Pointer[time.Location]
}

// lookup returns the ledger's zone, or nil when the database has no ledger.
func (l *ledger) lookup(db *gorm.DB) (*time.Location, error) {
	if z := l.zone.Load(); z != nil {
		return z, nil
	}
	if ready, _, err := dialectOf(db).ledgerState(db); err != nil || !ready {
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
// meanwhile wait (the migration holds the write lock). A ledger without
// its triggers — of the first version, kept by the program rather than by
// triggers, or whose history table was dropped and backfilled again — gets
// them and is rebuilt, in the zone it recorded.
func migrateLedger(tx *gorm.DB, zone *time.Location) error {
	d := dialectOf(tx)
	ready, table, err := d.ledgerState(tx)
	if err != nil || ready {
		return err
	}
	if !table {
		if err := createLedger(tx, zone); err != nil {
			return err
		}
	} else {
		for _, q := range d.ledgerUpgrade() { // a SQLite ledger of the first version
			if err := tx.Exec(q).Error; err != nil {
				return fmt.Errorf("create status ledger zone: %w", err)
			}
		}
	}
	var l ledger
	for _, q := range d.ledgerTriggers() {
		if err := tx.Exec(q).Error; err != nil {
			return fmt.Errorf("create status ledger trigger: %w", err)
		}
	}
	recorded, err := l.lookup(tx)
	if err != nil {
		return err
	}
	if err := writeZoneSpans(tx, recorded); err != nil {
		return err
	}
	return rebuildLedger(tx)
}

// createLedger creates the ledger's tables and records zone.
func createLedger(tx *gorm.DB, zone *time.Location) error {
	name, fixed, err := zoneRecord(zone)
	if err != nil {
		return err
	}
	for _, q := range dialectOf(tx).ledgerTables() {
		if err := tx.Exec(q).Error; err != nil {
			return fmt.Errorf("create status ledger: %w", err)
		}
	}
	if err := tx.Exec(`INSERT INTO status_ledger (id, zone, fixed_offset, built_at) VALUES (1, ?, ?, ?)`,
		name, fixed, tx.NowFunc().UTC()).Error; err != nil {
		return fmt.Errorf("record status ledger zone: %w", err)
	}
	return nil
}

// rebuildLedger replaces the ledger's rows with the sums of the whole
// history, in set-based SQL: one row per event at its own key, one per
// change event at its predecessor's key, each on the local day of the
// event. It is what the triggers add up to (TestLedgerMatchesTheEvents
// compares the two), computed at once when the ledger is created.
func rebuildLedger(tx *gorm.DB) error {
	if err := tx.Exec(`DELETE FROM status_days`).Error; err != nil {
		return fmt.Errorf("rebuild status ledger: %w", err)
	}
	d := dialectOf(tx)
	q := `INSERT INTO status_days (campaign_id, group_id, role_id, status, day, ins, outs)
		SELECT campaign_id, group_id, role_id, status, day, SUM(ins), SUM(outs) FROM (
			SELECT campaign_id, COALESCE(group_id, 0) AS group_id, role_id, status, ` + localDay(d, "at") + ` AS day,
				1 AS ins, 0 AS outs
			FROM registration_events
			UNION ALL
			SELECT e.campaign_id, COALESCE(p.group_id, 0), p.role_id, p.status, ` + localDay(d, "e.at") + `, 0, 1
			FROM registration_events e
			JOIN registration_events p ON p.id = (SELECT x.id FROM registration_events x
				WHERE x.registration_id = e.registration_id AND (x.at < e.at OR (x.at = e.at AND x.id < e.id))
				ORDER BY x.at DESC, x.id DESC LIMIT 1)
			WHERE e.reason NOT IN ` + creationReasons + `) moves
		GROUP BY campaign_id, group_id, role_id, status, day`
	if err := tx.Exec(q).Error; err != nil {
		return fmt.Errorf("rebuild status ledger: %w", err)
	}
	return nil
}
