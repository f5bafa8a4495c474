package models

import (
	"time"

	"gorm.io/gorm"
)

// The status ledger on PostgreSQL: the same three tables and the same
// arithmetic as on SQLite (ledger_days.go, sqlite_ledger.go), kept by
// one trigger function in PL/pgSQL. Days are 'YYYY-MM-DD' text, as on
// SQLite, so the report queries read both alike; status_zone holds the
// offset in seconds from each change on.

// dayAt shifts col by off seconds and takes the date of the result as a
// UTC wall clock.
func (postgresDialect) dayAt(col, off string) string {
	return `to_char((` + col + ` + make_interval(secs => ` + off + `)) AT TIME ZONE 'UTC', 'YYYY-MM-DD')`
}

func (postgresDialect) offsetArg(seconds int) any { return seconds }

// zoneFrom: the beginning of time is -infinity, which sorts before every
// time.
func (postgresDialect) zoneFrom(t time.Time) any {
	if t.IsZero() {
		return "-infinity"
	}
	return t.UTC()
}

func (postgresDialect) ledgerState(db *gorm.DB) (ready, table bool, err error) {
	var st struct{ Table, Trigger bool }
	err = db.Raw(`SELECT to_regclass('status_ledger') IS NOT NULL AS table,
		EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'status_days_keep'
			AND tgrelid = to_regclass('registration_events')) AS trigger`).Scan(&st).Error
	return st.Table && st.Trigger, st.Table, err
}

func (postgresDialect) ledgerTables() []string {
	return []string{
		`CREATE TABLE status_days (
			campaign_id bigint NOT NULL,
			group_id bigint NOT NULL,
			role_id bigint NOT NULL,
			status text NOT NULL,
			day text NOT NULL,
			ins bigint NOT NULL DEFAULT 0,
			outs bigint NOT NULL DEFAULT 0,
			PRIMARY KEY (campaign_id, group_id, role_id, status, day))`,
		`CREATE TABLE status_ledger (
			id integer PRIMARY KEY CHECK (id = 1),
			zone text NOT NULL,
			fixed_offset bigint,
			built_at timestamptz NOT NULL)`,
		`CREATE TABLE status_zone (
			from_at timestamptz PRIMARY KEY,
			mod integer NOT NULL)`,
	}
}

// ledgerUpgrade: a PostgreSQL ledger was born with all three tables (the
// dialect came after status_zone), so there is nothing to bring up.
func (postgresDialect) ledgerUpgrade() []string { return nil }

// ledgerTriggers is one row trigger doing what SQLite's three do: +1 in
// at the event's own key on its day; for a change, +1 out at its
// predecessor's key; and for an event dated before a later change of the
// same registration, that change's out moved from its old predecessor's
// key to the new event's (a row left at zero goes).
//
// Predecessor and successor are looked for among the events with lower
// ids only: PostgreSQL runs AFTER ROW triggers once the whole statement
// has inserted its rows, so a trigger of a many-row INSERT (a copy) would
// otherwise see the rows after its own, which SQLite's, firing row by
// row, never do. Ids grow in the order events are written, so this is the
// history as it stood when the event came.
func (d postgresDialect) ledgerTriggers() []string {
	day := func(col string) string { return localDay(d, col) }
	add := ` ON CONFLICT (campaign_id, group_id, role_id, status, day)
		DO UPDATE SET ins = status_days.ins + excluded.ins, outs = status_days.outs + excluded.outs;`
	cols := `INSERT INTO status_days (campaign_id, group_id, role_id, status, day, ins, outs) `
	return []string{`CREATE OR REPLACE FUNCTION status_days_keep() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	p registration_events;
	s registration_events;
BEGIN
	` + cols + `VALUES (NEW.campaign_id, COALESCE(NEW.group_id, 0), NEW.role_id, NEW.status, ` + day("NEW.at") + `, 1, 0)` + add + `
	SELECT * INTO p FROM registration_events y WHERE y.registration_id = NEW.registration_id AND y.id < NEW.id
		AND (y.at < NEW.at OR (y.at = NEW.at AND y.id < NEW.id)) ORDER BY y.at DESC, y.id DESC LIMIT 1;
	IF NEW.reason NOT IN ` + creationReasons + ` AND p.id IS NOT NULL THEN
		` + cols + `VALUES (NEW.campaign_id, COALESCE(p.group_id, 0), p.role_id, p.status, ` + day("NEW.at") + `, 0, 1)` + add + `
	END IF;
	SELECT * INTO s FROM registration_events y WHERE y.registration_id = NEW.registration_id AND y.id < NEW.id
		AND y.at > NEW.at ORDER BY y.at, y.id LIMIT 1;
	IF s.id IS NOT NULL AND s.reason NOT IN ` + creationReasons + ` THEN
		IF p.id IS NOT NULL THEN
			` + cols + `VALUES (NEW.campaign_id, COALESCE(p.group_id, 0), p.role_id, p.status, ` + day("s.at") + `, 0, -1)` + add + `
		END IF;
		` + cols + `VALUES (NEW.campaign_id, COALESCE(NEW.group_id, 0), NEW.role_id, NEW.status, ` + day("s.at") + `, 0, 1)` + add + `
		DELETE FROM status_days WHERE campaign_id = NEW.campaign_id AND ins = 0 AND outs = 0;
	END IF;
	RETURN NULL;
END $$`,
		`DROP TRIGGER IF EXISTS status_days_keep ON registration_events`,
		`CREATE TRIGGER status_days_keep AFTER INSERT ON registration_events
			FOR EACH ROW EXECUTE FUNCTION status_days_keep()`,
	}
}
