package models

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"
)

// postgresDialect serves deployments of several processes and hosts on
// one server: many connections, row locks instead of one writer.
type postgresDialect struct{}

func (postgresDialect) claim(db *gorm.DB) error { return claimPostgres(db) } // postgres_mark.go

func (postgresDialect) prepare(*gorm.DB) error { return nil }

// lockSchema takes a transaction-scoped advisory lock, so processes
// migrating one database at the same moment go one after the other and
// the second finds the tables made.
func (postgresDialect) lockSchema(tx *gorm.DB) error {
	return tx.Exec("SELECT pg_advisory_xact_lock(?)", applicationID).Error
}

// changes sums the transaction's own inserted, updated and deleted rows,
// which PostgreSQL keeps per transaction in pg_stat_xact_user_tables (rows
// of a rolled-back savepoint included, as SQLite's total_changes counts).
func (postgresDialect) changes(tx *gorm.DB) (int64, error) {
	var n int64
	err := tx.Raw(`SELECT COALESCE(SUM(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_xact_user_tables`).Scan(&n).Error
	return n, err
}

func (postgresDialect) rebind(q string) string { return rebindPostgres(q) }

// snapshot: PostgreSQL's default, READ COMMITTED, lets each statement see
// a newer state; a workbook read over several statements must see one.
func (postgresDialect) snapshot() *sql.TxOptions {
	return &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
}

func (postgresDialect) legacy() bool { return false }

// instant: timestamptz compares as instants already.
func (postgresDialect) instant(expr string) string { return expr }

func (postgresDialect) instantArg(t time.Time) any { return t.UTC() }

func (postgresDialect) epoch(col string) string {
	return "floor(EXTRACT(EPOCH FROM " + col + "))::bigint"
}

// version is kept in the mark's row (postgres_mark.go).
func (postgresDialect) version(tx *gorm.DB) (int64, error) {
	var v int64
	err := tx.Raw("SELECT version FROM mobilize_schema").Scan(&v).Error
	return v, err
}

func (postgresDialect) setVersion(tx *gorm.DB, v int64) error {
	return tx.Exec("UPDATE mobilize_schema SET version = ?", v).Error
}

func (postgresDialect) tables(db *gorm.DB) ([]string, error) {
	var names []string
	err := db.Raw(`SELECT table_name FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`).Scan(&names).Error
	return names, err
}

// syncSequences sets every serial column's sequence to follow the largest
// id its table holds.
func (postgresDialect) syncSequences(tx *gorm.DB) error {
	var cols []struct{ Table, Column string }
	err := tx.Raw(`SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
		WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'`).Scan(&cols).Error
	if err != nil {
		return err
	}
	for _, c := range cols {
		q := fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%[1]s', '%[2]s'), COALESCE(MAX(%[2]s), 0) + 1, false) FROM %[1]s`,
			c.Table, c.Column)
		if err := tx.Exec(q).Error; err != nil {
			return fmt.Errorf("sequence of %s.%s: %w", c.Table, c.Column, err)
		}
	}
	return nil
}

// bulk: nothing to tune; PostgreSQL's page cache is the server's
// (shared_buffers), not a connection's.
func (postgresDialect) bulk(context.Context, *sql.DB) (func(), error) { return func() {}, nil }

func (postgresDialect) constraints() []string {
	return []string{`CREATE UNIQUE INDEX IF NOT EXISTS idx_volunteers_phone_once ON volunteers (phone) WHERE phone <> ''`}
}

// retryable: 40P01 (deadlock detected: two processes' group commits
// locked one person and one role counter in opposite orders) and 40001
// (serialization failure). The transaction that got it was rolled back.
func (postgresDialect) retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001")
}

// lockedOut: PostgreSQL waits for a lock as long as it takes (no lock
// timeout is set), so it never gives up on one.
func (postgresDialect) lockedOut(error) bool { return false }

// lockCopies takes a transaction-scoped advisory lock on the message's
// copy key. Under READ COMMITTED two bots' transactions would otherwise
// both look for the other's copy before either commits, find none, and
// both answer (measured: 31 answers to 30 sign-ups between two stores).
// The two-key form keeps these locks apart from the schema's one-key lock;
// two different messages whose keys collide only wait for each other.
func (postgresDialect) lockCopies(tx *gorm.DB, m InboundMessage) error {
	return tx.Exec("SELECT pg_advisory_xact_lock(?, ?)", int32(applicationID), copyKey(m)).Error
}

// claimNextOutbox locks the next due row FOR UPDATE SKIP LOCKED and marks
// it in the same statement. A row another claimer's transaction has
// locked is skipped, not waited for; one it has already claimed and
// committed is re-read by the lock (READ COMMITTED's recheck of the
// newest version), is no longer pending and is passed over too. So no two
// claimers get one row, and none queues behind another.
func (postgresDialect) claimNextOutbox(tx *gorm.DB, c OutboxClaim) (uint, error) {
	next, args := nextDueOutbox(c)
	q, args := markSending("("+next+" FOR UPDATE SKIP LOCKED)", args...)
	var ids []uint
	if err := tx.Raw(q+` RETURNING id`, args...).Scan(&ids).Error; err != nil || len(ids) == 0 {
		return 0, err
	}
	return ids[0], nil
}
