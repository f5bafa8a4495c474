package models

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// openSQLite opens the store on the SQLite file at path (created, with
// create, when missing: prepareFile), or on an in-memory database for
// ":memory:".
//
// SQLite settings: WAL so readers never block the writer; busy_timeout so a
// second process (mobilize roster while mobilize run serves) waits instead of
// failing; _txlock=immediate so a transaction takes the write lock when it
// begins and can never fail on a lock upgrade halfway. Within this process
// one open connection serialises writers in Go's pool rather than in
// SQLite's sleep-and-retry busy handler: measured, that is both faster and
// free of "database is locked" (docs/wechat-protocol.md, "SQLite under
// concurrent writers").
func openSQLite(path string, log logger.Interface, create bool, o options) (*Store, error) {
	params := fmt.Sprintf("_busy_timeout=%d&_txlock=immediate&_foreign_keys=1&_synchronous=NORMAL", busyTimeout.Milliseconds())
	dsn := path + "?" + params
	if path != ":memory:" {
		if err := prepareFile(path, create); err != nil {
			return nil, err
		}
		// mode=rw: the file exists by now, and SQLite must not create one
		// if it vanished meanwhile.
		dsn = fileURI(path, "mode=rw&"+params)
	}
	s := newStore(o)
	if path != ":memory:" {
		if abs, err := filepath.Abs(path); err == nil {
			s.dir = filepath.Dir(abs)
		}
	}
	if log == nil {
		log = logger.Discard
	}
	conf := gormConfig(log)
	conf.NowFunc = func() time.Time { return s.Now() }
	db, err := gorm.Open(sqlite.Open(dsn), conf)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, notOurs(err))
	}
	return s.start(db, 1, path, o.zone, func() (*gorm.DB, error) { return openReader(path, log, db) })
}

// readConns bounds the reader pool: a report, an export and a few page
// views at once on a small server.
const readConns = 4

// openReader opens the store's reader pool on an SQLite file
// (store_readpool.go says why there is one): read-only connections to the
// same file, which in WAL mode neither block the writer nor wait for it.
// An in-memory database has no file to share: it reads through its one
// connection.
func openReader(path string, log logger.Interface, writer *gorm.DB) (*gorm.DB, error) {
	if path == ":memory:" {
		return writer, nil
	}
	dsn := fileURI(path, fmt.Sprintf("mode=ro&_busy_timeout=%d&_query_only=1", busyTimeout.Milliseconds()))
	db, err := gorm.Open(sqlite.Open(dsn), gormConfig(log))
	if err != nil {
		return nil, fmt.Errorf("open database %s for reading: %w", path, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	sqlDB.SetMaxOpenConns(readConns)
	sqlDB.SetMaxIdleConns(readConns)
	return db, nil
}

// walMode turns on WAL. The mode is kept in the file, so only the first
// opener of a new database changes it; switching needs a lock that SQLite
// does not wait for (the busy timeout does not apply), so openers racing
// on a new file retry for a while instead of failing.
func walMode(db *gorm.DB) error {
	var err error
	for wait := 5 * time.Millisecond; wait < 2*time.Second; wait *= 2 {
		var mode string
		if err = db.Raw("PRAGMA journal_mode").Scan(&mode).Error; err == nil && strings.EqualFold(mode, "wal") {
			return nil
		}
		if err = db.Raw("PRAGMA journal_mode=WAL").Scan(&mode).Error; err == nil {
			return nil
		}
		time.Sleep(wait)
	}
	return err
}
