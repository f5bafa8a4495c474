package models

import (
	"fmt"

	"gorm.io/gorm"
)

// On PostgreSQL the mark is a one-row table: the database (its current
// schema) is mobilize's when mobilize_schema names our application id,
// and the row says which schema version it holds. A schema with other
// tables and no mark belongs to someone else and is left untouched.
const sqlPostgresMark = `CREATE TABLE mobilize_schema (application_id bigint NOT NULL, version integer NOT NULL)`

// claimPostgres checks the mark and writes it on an empty schema, under
// the schema lock so two processes opening a new database agree.
func claimPostgres(db *gorm.DB) error {
	return db.Transaction(func(tx *gorm.DB) error {
		if err := (postgresDialect{}).lockSchema(tx); err != nil {
			return err
		}
		var tables []string
		err := tx.Raw(`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`).
			Scan(&tables).Error
		if err != nil {
			return err
		}
		if len(tables) == 0 {
			if err := tx.Exec(sqlPostgresMark).Error; err != nil {
				return fmt.Errorf("mark database: %w", err)
			}
			return tx.Exec(`INSERT INTO mobilize_schema VALUES (?, ?)`, applicationID, baseVersion).Error
		}
		if !hasAll(setOf(tables), []string{"mobilize_schema"}) {
			return ErrForeignDatabase
		}
		var appID, version int64
		row := tx.Raw(`SELECT application_id, version FROM mobilize_schema`).Row()
		if err := row.Scan(&appID, &version); err != nil {
			return fmt.Errorf("%w (mobilize_schema: %v)", ErrForeignDatabase, err)
		}
		switch {
		case appID != applicationID:
			return fmt.Errorf("%w (application_id %#x)", ErrForeignDatabase, appID)
		case version > schemaVersion:
			return fmt.Errorf("%w (schema %d, this one knows %d)", ErrNewerDatabase, version, schemaVersion)
		}
		return nil
	})
}

func setOf(names []string) map[string]bool {
	out := make(map[string]bool, len(names))
	for _, n := range names {
		out[n] = true
	}
	return out
}
