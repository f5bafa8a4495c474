// Package models holds the database: gorm models and the Store, whose methods
// are the only place SQL is written. Everyone else speaks in the project's
// own types and the Store's methods.
package models

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Sentinel errors, matched with errors.Is.
var (
	ErrNotFound      = errors.New("not found")
	ErrCampaignShut  = errors.New("campaign is closed")
	ErrPhoneRequired = errors.New("phone required for this role")
	ErrAmbiguous     = errors.New("more than one registration matches")
	ErrPhoneOwned    = errors.New("phone already registered under another name")
)

// Store is the database. Now is its clock; tests set a fixed one.
type Store struct {
	db  *gorm.DB
	Now func() time.Time
}

// Open opens (creating if needed) the SQLite database at path, or an
// in-memory one for ":memory:", and migrates the schema.
//
// SQLite settings: WAL so readers never block the writer; busy_timeout so a
// second process (mobilize roster while mobilize run serves) waits instead of
// failing; _txlock=immediate so a transaction takes the write lock when it
// begins and can never fail on a lock upgrade halfway. Within this process
// one open connection serialises writers in Go's pool rather than in
// SQLite's sleep-and-retry busy handler: measured, that is both faster and
// free of "database is locked" (see WECHAT_NOTES.md).
func Open(path string, log logger.Interface) (*Store, error) {
	dsn := path
	if path != ":memory:" {
		if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
			return nil, fmt.Errorf("create database directory: %w", err)
		}
		dsn = "file:" + path
	}
	dsn += "?_journal_mode=WAL&_busy_timeout=10000&_txlock=immediate&_foreign_keys=1&_synchronous=NORMAL"
	s := &Store{Now: time.Now}
	if log == nil {
		log = logger.Discard
	}
	db, err := gorm.Open(sqlite.Open(dsn), &gorm.Config{
		Logger:                 log,
		NowFunc:                func() time.Time { return s.Now() },
		SkipDefaultTransaction: true,
		PrepareStmt:            true,
	})
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	sqlDB.SetMaxOpenConns(1)
	if err := db.AutoMigrate(allModels()...); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("migrate database %s: %w", path, err)
	}
	if err := migrateHistory(db); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("migrate registration history %s: %w", path, err)
	}
	s.db = db
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// tx runs fn in one transaction bound to ctx.
func (s *Store) tx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return s.db.WithContext(ctx).Transaction(fn)
}

// notFound turns gorm's record-not-found into ErrNotFound with context.
func notFound(err error, what string) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return fmt.Errorf("%s: %w", what, ErrNotFound)
	}
	return err
}
