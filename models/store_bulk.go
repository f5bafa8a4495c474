package models

import (
	"context"
	"database/sql"
)

// Raw is a transaction's bare statements, for loaders that write many rows
// at once and step around the Store's rules: the benchmark fixtures in
// internal/loadgen. Statements use ? placeholders; Raw rewrites them for
// the database. Nothing in the product writes through it — what a loader
// writes is only as consistent as the loader makes it.
type Raw struct {
	q rawQuerier
	d dialect
}

// rawQuerier is what *sql.Tx and *sql.DB share.
type rawQuerier interface {
	Exec(q string, args ...any) (sql.Result, error)
	Prepare(q string) (*sql.Stmt, error)
	QueryRow(q string, args ...any) *sql.Row
}

// Exec runs one statement.
func (r Raw) Exec(q string, args ...any) (sql.Result, error) { return r.q.Exec(r.d.rebind(q), args...) }

// Prepare prepares one statement, for a loop of Execs.
func (r Raw) Prepare(q string) (*sql.Stmt, error) { return r.q.Prepare(r.d.rebind(q)) }

// QueryRow reads one row.
func (r Raw) QueryRow(q string, args ...any) *sql.Row { return r.q.QueryRow(r.d.rebind(q), args...) }

// Postgres reports whether the statements go to PostgreSQL, for the few a
// loader must word differently (a scratch table's key).
func (r Raw) Postgres() bool { _, ok := r.d.(postgresDialect); return ok }

// Bulk runs load in one transaction of bare statements, then moves the
// id sequences past any ids the loader gave by hand. The dialect tunes
// the connection for the load and puts it back after (bulk: SQLite's page
// cache is large while it runs), so what is measured afterwards runs on
// the normal settings.
func (s *Store) Bulk(ctx context.Context, load func(Raw) error) error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	restore, err := s.dialect.bulk(ctx, sqlDB)
	if err != nil {
		return err
	}
	defer restore()
	tx, err := sqlDB.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := load(Raw{q: tx, d: s.dialect}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	return s.dialect.syncSequences(s.db.WithContext(ctx))
}

// Autocommit runs load with each bare statement its own transaction, on
// this database's connection and settings: the yardstick benchmarks
// divide by ("as fast as a bare insert").
func (s *Store) Autocommit(ctx context.Context, load func(Raw) error) error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	return load(Raw{q: sqlDB, d: s.dialect})
}
