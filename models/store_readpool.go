package models

import (
	"context"
	"database/sql"

	"gorm.io/gorm"
)

// The store's reader pool holds read-only connections to the same
// database, for the long reads (the roster and the workbook stream a
// million rows for seconds; a tally aggregates the history) and the
// sign-up page's role counts. Each dialect opens its own: openReader
// (sqlite_open.go) and openPostgres (postgres_open.go).
//
// Why a second pool: the store's one read-write connection serialises
// every statement of the process, so an export held it for the whole
// roster scan (6–10 s at a million registrations) and every sign-up,
// chat or web, waited behind it. In WAL mode readers and the writer do
// not block each other; each read sees the last committed state when it
// starts. An in-memory database has no file to share: it reads through
// its one connection.

// reads is where a read bound to ctx runs: the snapshot ctx carries
// (Snapshot), or else the reader pool.
func (s *Store) reads(ctx context.Context) *gorm.DB {
	if snap, ok := ctx.Value(snapshotKey{}).(snapshot); ok && snap.store == s {
		return snap.tx.WithContext(ctx)
	}
	return s.reader.WithContext(ctx)
}

type snapshotKey struct{}

// snapshot is a read transaction of one store, carried in a context.
type snapshot struct {
	store *Store
	tx    *gorm.DB
}

// Snapshot runs fn with a ctx in which every read of the store sees one
// and the same committed state, whatever is written meanwhile: a workbook
// whose summary, roster and waitlist are read over several seconds still
// adds up. It is one read transaction on the reader pool, which in WAL mode
// holds back no writer. Inside a snapshot, Snapshot just runs fn. An
// in-memory database has no reader pool; its reads are not isolated.
func (s *Store) Snapshot(ctx context.Context, fn func(ctx context.Context) error) error {
	if snap, ok := ctx.Value(snapshotKey{}).(snapshot); (ok && snap.store == s) || s.reader == s.db {
		return fn(ctx)
	}
	var opts []*sql.TxOptions
	if o := s.dialect.snapshot(); o != nil {
		opts = append(opts, o)
	}
	return s.reader.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return fn(context.WithValue(ctx, snapshotKey{}, snapshot{store: s, tx: tx}))
	}, opts...)
}

// closeReader closes the reader pool, unless it is the writer itself.
func (s *Store) closeReader() error {
	if s.reader == nil || s.reader == s.db {
		return nil
	}
	sqlDB, err := s.reader.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}
