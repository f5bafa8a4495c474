package models

import (
	"errors"
	"fmt"

	"github.com/mattn/go-sqlite3"
	"gorm.io/gorm"
)

// Our databases carry a mark in the SQLite header: PRAGMA application_id
// says the file is mobilize's, PRAGMA user_version which schema it holds.
// `file` and other tools show the application id, and the mark is what lets
// Open refuse, untouched, a --db that points at another program's data.
const (
	applicationID = 0x4D424C5A // "MBLZ"
	// baseVersion is the schema a database is marked with when first
	// claimed; runMigrations (store_migrations.go) takes it to schemaVersion.
	baseVersion = 1
	// schemaVersion is the last numbered migration's version.
	schemaVersion = 4
)

var (
	// ErrForeignDatabase means the file holds data that is not ours (or is
	// not an SQLite database at all); it was left untouched.
	ErrForeignDatabase = errors.New("database belongs to another program")
	// ErrNewerDatabase means a newer mobilize wrote the schema.
	ErrNewerDatabase = errors.New("database written by a newer version of mobilize")
)

// legacyTables are tables every mobilize database has had since the first
// version. A database created before the mark existed is recognised by
// them and marked, so operators' data keeps working.
var legacyTables = []string{"campaigns", "roles", "volunteers", "registrations", "inbound_messages"}

// claim checks the mark and writes it on a new or pre-mark database, in one
// immediate transaction so two processes opening a new file agree. It runs
// before anything else touches the file.
func claim(db *gorm.DB) error {
	return db.Transaction(func(tx *gorm.DB) error {
		var appID, version int64
		if err := tx.Raw("PRAGMA application_id").Scan(&appID).Error; err != nil {
			return notOurs(err)
		}
		if err := tx.Raw("PRAGMA user_version").Scan(&version).Error; err != nil {
			return err
		}
		switch {
		case appID == applicationID && version > schemaVersion:
			return fmt.Errorf("%w (schema %d, this one knows %d)", ErrNewerDatabase, version, schemaVersion)
		case appID == applicationID:
			return nil // older schemas are migrated by runMigrations
		case appID != 0:
			return fmt.Errorf("%w (application_id %#x)", ErrForeignDatabase, appID)
		}
		tables, err := tableNames(tx)
		if err != nil {
			return err
		}
		if len(tables) > 0 && !hasAll(tables, legacyTables) {
			return ErrForeignDatabase
		}
		return mark(tx)
	})
}

// mark writes the application id and schema version. PRAGMA takes no
// bound parameters; both values are constants.
func mark(tx *gorm.DB) error {
	if err := tx.Exec(fmt.Sprintf("PRAGMA application_id = %d", applicationID)).Error; err != nil {
		return fmt.Errorf("mark database: %w", err)
	}
	if err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", baseVersion)).Error; err != nil {
		return fmt.Errorf("mark database: %w", err)
	}
	return nil
}

// tableNames lists the schema's tables, views, indexes and triggers: any
// of them means the file is in use.
func tableNames(tx *gorm.DB) (map[string]bool, error) {
	var names []string
	if err := tx.Raw("SELECT name FROM sqlite_master").Scan(&names).Error; err != nil {
		return nil, notOurs(err)
	}
	out := make(map[string]bool, len(names))
	for _, n := range names {
		out[n] = true
	}
	return out, nil
}

func hasAll(have map[string]bool, want []string) bool {
	for _, w := range want {
		if !have[w] {
			return false
		}
	}
	return true
}

// notOurs reads SQLite's "file is not a database" as ErrForeignDatabase:
// --db pointed at some other file, which is left as it was.
func notOurs(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) && se.Code == sqlite3.ErrNotADB {
		return fmt.Errorf("%w: %v", ErrForeignDatabase, err)
	}
	return err
}
