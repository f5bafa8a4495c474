package models

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/mattn/go-sqlite3"
	"gorm.io/gorm"
)

// sqliteDialect is the embedded default: one file, one writer connection
// per process (sqlite_open.go), WAL so readers never wait for it.
type sqliteDialect struct{}

func (sqliteDialect) claim(db *gorm.DB) error { return claim(db) } // sqlite_mark.go

// prepare turns on WAL (sqlite_open.go) and tunes the store's one writer
// connection for the sign-up path (hotPragmas).
func (sqliteDialect) prepare(db *gorm.DB) error {
	if err := walMode(db); err != nil {
		return err
	}
	for _, p := range hotPragmas {
		if err := db.Exec(p).Error; err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
	}
	return nil
}

// hotPragmas tune the store's one connection for the sign-up path:
// savepoints (one per sign-up in a group commit, signup_committer.go) journal in
// memory instead of a temporary file, measured ≈ 1.5× the throughput; and
// 32 MiB of page cache (SQLite's default is 2 MiB) keeps the indexes' upper
// levels and busy leaves of a million-registration campaign in memory.
var hotPragmas = []string{`PRAGMA temp_store = MEMORY`, `PRAGMA cache_size = -32768`}

// lockSchema has nothing to do: SQLite transactions here begin IMMEDIATE
// (the write lock), so migrations of two processes already run one after
// the other.
func (sqliteDialect) lockSchema(*gorm.DB) error { return nil }

// changes is SQLite's count of rows this connection has inserted, updated
// or deleted; the store's one writer connection makes it the transaction's.
func (sqliteDialect) changes(tx *gorm.DB) (int64, error) {
	var n int64
	err := tx.Raw("SELECT total_changes()").Scan(&n).Error
	return n, err
}

func (sqliteDialect) rebind(q string) string { return q }

// snapshot: a read transaction on the reader pool already sees one
// committed state (WAL), so it needs no options.
func (sqliteDialect) snapshot() *sql.TxOptions { return nil }

func (sqliteDialect) legacy() bool { return true }

// The status ledger on SQLite is in sqlite_ledger.go.

// instant is julianday(): times are text, written with the offset of the
// clock that wrote them, so two texts compare as instants only this way.
func (sqliteDialect) instant(expr string) string { return "julianday(" + expr + ")" }

func (sqliteDialect) instantArg(t time.Time) any { return t.UTC().Format("2006-01-02 15:04:05") }

func (sqliteDialect) epoch(col string) string { return "unixepoch(" + col + ")" }

// version is kept in the file's header, PRAGMA user_version (sqlite_mark.go).
// PRAGMA takes no bound parameters; the version is a number.
func (sqliteDialect) version(tx *gorm.DB) (int64, error) {
	var v int64
	err := tx.Raw("PRAGMA user_version").Scan(&v).Error
	return v, err
}

func (sqliteDialect) setVersion(tx *gorm.DB, v int64) error {
	return tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", v)).Error
}

func (sqliteDialect) tables(db *gorm.DB) ([]string, error) {
	var names []string
	err := db.Raw(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).Scan(&names).Error
	return names, err
}

// syncSequences: SQLite gives a new row the largest id plus one anyway.
func (sqliteDialect) syncSequences(*gorm.DB) error { return nil }

// bulk makes the page cache 256 MiB while a loader writes a million rows,
// and SQLite's default (2,000 KiB) again after.
func (sqliteDialect) bulk(ctx context.Context, db *sql.DB) (func(), error) {
	if _, err := db.ExecContext(ctx, "PRAGMA cache_size = -262144"); err != nil {
		return nil, err
	}
	return func() { db.ExecContext(ctx, "PRAGMA cache_size = -2000") }, nil
}

func (sqliteDialect) constraints() []string { return nil }

// retryable: SQLite's one writer waits (busy_timeout) rather than fails.
func (sqliteDialect) retryable(error) bool { return false }

// lockedOut: SQLITE_BUSY or SQLITE_LOCKED after the busy timeout. SQLite's
// busy handler is not a queue: a process that arrives while others write
// without pause can poll past the timeout while they keep the lock.
func (sqliteDialect) lockedOut(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked)
}

// lockCopies: the transaction began with the write lock (BEGIN IMMEDIATE),
// which every other process's recording waits for.
func (sqliteDialect) lockCopies(*gorm.DB, InboundMessage) error { return nil }

// claimNextOutbox reads the next due row and marks it: the claim's
// transaction began with SQLite's write lock (BEGIN IMMEDIATE,
// sqlite_open.go), held across processes by the file's lock, so no other
// claimer reads or changes the outbox between the two statements.
func (sqliteDialect) claimNextOutbox(tx *gorm.DB, c OutboxClaim) (uint, error) {
	next, args := nextDueOutbox(c)
	var ids []uint
	if err := tx.Raw(next, args...).Scan(&ids).Error; err != nil || len(ids) == 0 {
		return 0, err
	}
	q, args := markSending("?", ids[0])
	res := tx.Exec(q, args...)
	if res.Error != nil || res.RowsAffected == 0 {
		return 0, res.Error
	}
	return ids[0], nil
}
