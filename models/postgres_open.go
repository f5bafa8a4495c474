package models

import (
	"fmt"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"mobilize/config"
)

// postgresConns bounds each of the store's two pools on a PostgreSQL
// server: unlike SQLite's one writer, sign-ups of one process run side
// by side, each holding only the rows it locks.
const postgresConns = 8

// openPostgres opens the store on a PostgreSQL server. The database itself
// must exist (a server's databases are the administrator's to create);
// Open makes the schema in an empty one, OpenExisting refuses one
// mobilize has not set up.
func openPostgres(dsn string, log logger.Interface, create bool, o options) (*Store, error) {
	where := config.ShownDatabase(dsn)
	if log == nil {
		log = logger.Discard
	}
	s := newStore(o)
	conf := gormConfig(log)
	conf.NowFunc = func() time.Time { return s.Now() }
	db, err := gorm.Open(postgres.Open(dsn), conf)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", where, err)
	}
	if !create {
		if err := requireMark(db); err != nil {
			closeGorm(db)
			return nil, fmt.Errorf("%s: %w", where, err)
		}
	}
	return s.start(db, postgresConns, where, o.zone, func() (*gorm.DB, error) {
		r, err := gorm.Open(postgres.Open(dsn), gormConfig(log))
		if err != nil {
			return nil, fmt.Errorf("open database %s for reading: %w", where, err)
		}
		sqlDB, err := r.DB()
		if err != nil {
			return nil, err
		}
		sqlDB.SetMaxOpenConns(postgresConns)
		return r, nil
	})
}

// requireMark is OpenExisting's check: a database without mobilize's
// schema is ErrNoDatabase, as a missing SQLite file is.
func requireMark(db *gorm.DB) error {
	var n int64
	err := db.Raw(`SELECT COUNT(*) FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_name = 'mobilize_schema'`).Scan(&n).Error
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrNoDatabase
	}
	return nil
}

func closeGorm(db *gorm.DB) {
	if sqlDB, err := db.DB(); err == nil {
		sqlDB.Close()
	}
}
