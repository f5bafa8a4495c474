package models

import (
	"fmt"

	"gorm.io/gorm"

	"mobilize/config"
)

// migration is one numbered change to what rows mean, run once when a
// database written by an older schema is opened. AutoMigrate adds tables
// and columns; a migration fills what an added column means for rows
// written before it (an empty account is not an account).
type migration struct {
	version int64
	what    string
	run     func(tx *gorm.DB) error
}

// migrations are applied in order; the last version is schemaVersion.
// Version 1 is the schema when databases were first marked (sqlite_mark.go,
// postgres_mark.go); both dialects keep the version (dialect.version).
var migrations = []migration{
	{2, "outbox rows and attempts carry the sending account", migrateOutboxAccount},
	{3, "the bot state is kept per account", migrateBotStateName},
	{4, "scheduled slots are claimed once across processes", migrateJobClaims},
}

// runMigrations applies, inside the schema transaction, every migration
// newer than the version the database holds (dialect.version), then
// records the new version: a process killed halfway leaves the old
// version and no change.
func runMigrations(tx *gorm.DB) error {
	d := dialectOf(tx)
	version, err := d.version(tx)
	if err != nil {
		return err
	}
	for _, m := range migrations {
		if m.version <= version {
			continue
		}
		if err := m.run(tx); err != nil {
			return fmt.Errorf("migration %d (%s): %w", m.version, m.what, err)
		}
	}
	if version >= schemaVersion {
		return nil
	}
	return d.setVersion(tx, schemaVersion)
}

// migrateOutboxAccount files every outbox row and attempt written before
// accounts existed under the default account: the one account there was.
func migrateOutboxAccount(tx *gorm.DB) error {
	for _, table := range []string{"outbox_messages", "outbox_attempts"} {
		if err := tx.Exec("UPDATE "+table+" SET account = ? WHERE account = ''", config.DefaultAccountName).Error; err != nil {
			return err
		}
	}
	return nil
}

// migrateBotStateName names the one bot state row of before accounts: the
// default account's.
func migrateBotStateName(tx *gorm.DB) error {
	return tx.Exec("UPDATE bot_states SET name = ? WHERE name = ''", config.DefaultAccountName).Error
}

// migrateJobClaims gives each slot run on schedule before claims existed
// the claim of its latest scheduled run (jobs_claims.go), already expired,
// so the record of who ran a slot is whole. It also raises the version: a
// binary from before claims refuses the database (ErrNewerDatabase)
// rather than run its jobs beside ones that claim.
func migrateJobClaims(tx *gorm.DB) error {
	return tx.Exec(`INSERT INTO job_claims (job, slot, run_id, result, holder, host, pid, expires)
		SELECT r.job, r.slot, r.id, r.result, '', '', 0, r.started_at FROM job_runs r
		WHERE r.trigger <> ? AND r.id = (SELECT MAX(x.id) FROM job_runs x WHERE x.job = r.job AND x.slot = r.slot AND x.trigger <> ?)
		AND NOT EXISTS (SELECT 1 FROM job_claims c WHERE c.job = r.job AND c.slot = r.slot)`, TriggerManual, TriggerManual).Error
}
