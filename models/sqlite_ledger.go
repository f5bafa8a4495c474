package models

import (
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// The status ledger on SQLite, the dialect it was first written for: three
// tables (two WITHOUT ROWID) and three triggers on registration_events, in
// the arithmetic ledger_days.go describes. Days are 'YYYY-MM-DD' text, as
// date() gives them; status_zone holds the offset from each change on as a
// date() modifier.
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
	// status_zone is the ledger zone's offset from each change on, as a
	// date() modifier; from_at is written as the driver writes times (UTC
	// text), so comparing texts compares times. The first row's is ''.
	sqlLedgerZoneTable = `CREATE TABLE status_zone (
		from_at TEXT PRIMARY KEY,
		mod TEXT NOT NULL
	) WITHOUT ROWID`
	// sqlLedgerExists asks the schema, not the table: a database from before
	// the ledger has no table to ask. A ledger counts only with the trigger
	// that keeps it (an early version of the ledger had none).
	sqlLedgerExists = `SELECT COUNT(*) FROM sqlite_master
		WHERE (type = 'table' AND name = 'status_ledger') OR (type = 'trigger' AND name = 'status_days_in')`
	sqlLedgerTableExists = `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'status_ledger'`
)

// dayAt applies off, a date() modifier ('+28800 seconds'), with date().
// The fraction of a second is cut off first: SQLite rounds times to the
// millisecond, which would put an event at 23:59:59.9999 on the next day
// (Go and the event queries' text comparisons keep it on its own).
func (sqliteDialect) dayAt(col, off string) string {
	return `date(substr(` + col + `, 1, 19) || ltrim(substr(` + col + `, 20), '.0123456789'), ` + off + `)`
}

// offsetArg is a date() modifier.
func (sqliteDialect) offsetArg(seconds int) any { return fmt.Sprintf("%+d seconds", seconds) }

// zoneFrom is the time as the driver writes a UTC time, so that texts
// compare as times; the beginning of time is ”.
func (sqliteDialect) zoneFrom(t time.Time) any {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02 15:04:05.999999999-07:00")
}

// ledgerState asks the schema, not the table: a database from before the
// ledger has no table to ask. A ledger counts only with the trigger that
// keeps it (an early version of the ledger had none).
func (sqliteDialect) ledgerState(db *gorm.DB) (ready, table bool, err error) {
	var n, tables int
	if err := db.Raw(sqlLedgerExists).Scan(&n).Error; err != nil {
		return false, false, err
	}
	if err := db.Raw(sqlLedgerTableExists).Scan(&tables).Error; err != nil {
		return false, false, err
	}
	return n == 2, tables > 0, nil
}

func (sqliteDialect) ledgerTables() []string {
	return []string{sqlLedgerTable, sqlLedgerMetaTable, sqlLedgerZoneTable}
}

// ledgerUpgrade gives a ledger of the first version, which had no
// status_zone (its days were counted by the program in one fixed zone),
// the table its triggers read the offsets from.
func (sqliteDialect) ledgerUpgrade() []string {
	return []string{strings.Replace(sqlLedgerZoneTable, "CREATE TABLE", "CREATE TABLE IF NOT EXISTS", 1)}
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

// ledgerTriggers keep the ledger, in the transaction of every event:
//   - status_days_in: +1 in at the event's own key on its day;
//   - status_days_out: for a change, +1 out at its predecessor's key;
//   - status_days_reorder: an event dated before a later change of the same
//     registration (a clock set back in an older mobilize, a hand-made
//     row; this one dates changes after their predecessor, ledger_history.go)
//     becomes that change's predecessor: the change's out moves from the
//     old predecessor's key to the new event's, on the change's day, and a
//     row left at zero goes, as a rebuild would not write it.
func (d sqliteDialect) ledgerTriggers() []string {
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
