// Package models holds the database: gorm models and the Store, whose methods
// are the only place SQL is written. Everyone else speaks in the project's
// own types and the Store's methods.
package models

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"mobilize/config"
)

// Sentinel errors, matched with errors.Is.
var (
	ErrNotFound      = errors.New("not found")
	ErrCampaignShut  = errors.New("campaign is closed")
	ErrPhoneRequired = errors.New("phone required for this role")
	ErrAmbiguous     = errors.New("more than one registration matches")
	ErrPhoneOwned    = errors.New("phone already registered under another name")
)

// ErrNoDatabase means OpenExisting found no database: no file at the
// path, or a PostgreSQL database mobilize has not set up.
var ErrNoDatabase = errors.New("database does not exist")

// Store is the database. Now is its clock; tests set a fixed one.
type Store struct {
	db      *gorm.DB
	reader  *gorm.DB   // read-only pool for long reads (store_readpool.go)
	hot     hotStmts   // the sign-up path's prepared statements
	commits *committer // runs SignUp calls in group commits (signup_committer.go)
	ledger  ledger     // the status ledger's zone, once known (ledger_days.go)
	dialect dialect    // what differs between SQLite and PostgreSQL (store_dialect.go)
	Now     func() time.Time
	dir     string // the database file's directory; "" in memory
	// accounts are the configured bot accounts, the default first
	// (outbox_account.go).
	accounts []string
}

// Dir is the absolute directory of the database file ("" for an
// in-memory database): files that must outlive the command that made
// them (a broadcast's attachments) are kept beside it.
func (s *Store) Dir() string { return s.dir }

// Option adjusts how a database is opened.
type Option func(*options)

type options struct {
	zone     *time.Location
	accounts []string
}

// WithZone is the time zone whose local days the status ledger counts in,
// when Open creates the ledger (a new database, or one from before the
// ledger). An existing ledger keeps the zone it was created with, whatever
// is passed here: days counted in two zones could not be told apart.
// Without it, Asia/Shanghai (the configuration's default).
func WithZone(loc *time.Location) Option {
	return func(o *options) { o.zone = loc }
}

// Open opens the SQLite database at path, creating it (0600, in a 0700
// directory) when it does not exist, or an in-memory one for ":memory:".
// A database that holds another program's tables is refused untouched
// (ErrForeignDatabase); see sqlite_mark.go.
//
// Open also creates the status ledger when the database has none,
// building it from the registration history (ledger_days.go; seconds for
// a million events).
func Open(path string, log logger.Interface, opts ...Option) (*Store, error) {
	return open(path, log, true, opts)
}

// OpenExisting opens the database at path like Open, but never creates it:
// a missing file is ErrNoDatabase. Commands that only look at data (roster,
// report, status…) use it, so a mistyped --db says so instead of leaving an
// empty database, and its directory, behind.
//
// It never creates the status ledger either: the reports read the history
// instead until a process that opens with Open builds it. Its options are
// those of Open, so either can be passed where the other is.
func OpenExisting(path string, log logger.Interface, opts ...Option) (*Store, error) {
	return open(path, log, false, opts)
}

// open opens the database, checks it is ours (marking a new one) and only
// then switches it to WAL and migrates the schema: nothing is written to a
// file that turns out to be someone else's. A postgres:// URL opens a
// PostgreSQL database (postgres_open.go), anything else an SQLite file
// (sqlite_open.go).
func open(path string, log logger.Interface, create bool, opts []Option) (*Store, error) {
	o, err := openOptions(create, opts)
	if err != nil {
		return nil, err
	}
	if config.IsPostgresURL(path) {
		return openPostgres(path, log, create, o)
	}
	return openSQLite(path, log, create, o)
}

// newStore is a Store not yet opened, with what the options say.
func newStore(o options) *Store {
	return &Store{Now: time.Now, accounts: accountsOrDefault(o.accounts)}
}

// start makes s serve db, a freshly opened writer pool of at most conns
// connections (named by where for errors): it claims and migrates the
// schema, prepares the hot statements, opens the reader pool and starts
// the committer. On failure everything opened is closed again.
func (s *Store) start(db *gorm.DB, conns int, where string, zone *time.Location, reader func() (*gorm.DB, error)) (*Store, error) {
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	sqlDB.SetMaxOpenConns(conns)
	if err := prepareSchemaPatiently(db, zone); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("database %s: %w", where, err)
	}
	s.dialect = dialectOf(db)
	if s.hot, err = prepareHot(context.Background(), sqlDB, s.dialect); err != nil {
		sqlDB.Close()
		return nil, err
	}
	if s.reader, err = reader(); err != nil {
		s.hot.close()
		sqlDB.Close()
		return nil, err
	}
	s.db = db
	s.commits = startCommitter(s)
	return s, nil
}

// gormConfig is how the store uses gorm, on the writer and the reader
// pool alike: no implicit transaction per statement, and no gorm statement
// cache. gorm prepares a statement it has not seen under a store-wide
// lock, and outside a transaction waits, holding that lock, for a
// connection. SQLite's writer has one (PostgreSQL's a few): a transaction
// holding it that meets a new statement waits for the lock, and each waits
// for the other for ever — a login recording its groups, or a lease
// renewed, against a heartbeat; the reader pool's snapshots (read
// transactions) could do the same once every reading connection is taken.
// Inside a transaction the cache also keeps every copy of a statement
// until the transaction ends (1.2 GB for a 20,000-row import). The
// sign-up path keeps its statements prepared its own way
// (store_hotstmt.go).
func gormConfig(log logger.Interface) *gorm.Config {
	return &gorm.Config{
		Logger:                 log,
		SkipDefaultTransaction: true,
	}
}

// openOptions applies opts. Open, which creates the status ledger, gets
// the default zone when none is given; OpenExisting has no use for one.
func openOptions(create bool, opts []Option) (options, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	if !create {
		o.zone = nil
		return o, nil
	}
	if o.zone == nil {
		var err error
		o.zone, err = time.LoadLocation(defaultZone)
		return o, err
	}
	return o, nil
}

// prepareSchema claims the database (sqlite_mark.go, postgres_mark.go),
// turns on WAL and migrates; with a ledger zone (Open, not OpenExisting)
// it creates the status ledger when there is none.
func prepareSchema(db *gorm.DB, ledgerZone *time.Location) error {
	d := dialectOf(db)
	if err := d.claim(db); err != nil {
		return err
	}
	if err := d.prepare(db); err != nil {
		return fmt.Errorf("journal mode: %w", err)
	}
	// One transaction under the schema lock: processes opening a new
	// database at the same moment migrate one after the other, and the
	// second finds the tables made (measured: without it, "table already
	// exists").
	return db.Transaction(func(tx *gorm.DB) error {
		if err := d.lockSchema(tx); err != nil {
			return err
		}
		if err := tx.AutoMigrate(allModels()...); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		for _, q := range d.constraints() {
			if err := tx.Exec(q).Error; err != nil {
				return fmt.Errorf("migrate: %w", err)
			}
		}
		if err := migrateHotPath(tx); err != nil {
			return fmt.Errorf("migrate registration history: %w", err)
		}
		if err := migrateReportIndexes(tx); err != nil { // tally_queries.go
			return err
		}
		if err := migrateWebSender(tx); err != nil { // signup_ownership.go
			return err
		}
		if err := runMigrations(tx); err != nil { // store_migrations.go
			return err
		}
		if ledgerZone == nil {
			return nil
		}
		return migrateLedger(tx, ledgerZone) // ledger_days.go
	})
}

// Close closes the database.
func (s *Store) Close() error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	s.commits.stop()
	s.hot.close()
	return errors.Join(s.closeReader(), sqlDB.Close())
}

// tx runs fn in one transaction bound to ctx. When ctx carries a message
// not yet recorded (WithInbound) and fn changed something, the transaction
// records the message as seen before it commits: the change and the mark
// commit or roll back together (inbound.go). A transaction that only read
// records nothing, so a read early in a handler cannot mark the message
// seen before its change is made.
func (s *Store) tx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	mark := markOf(ctx)
	if mark == nil {
		return s.db.WithContext(ctx).Transaction(fn)
	}
	wrote := false
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		before, err := totalChanges(tx)
		if err != nil {
			return err
		}
		if err := fn(tx); err != nil {
			return err
		}
		after, err := totalChanges(tx)
		if err != nil || after == before {
			return err
		}
		wrote = true
		return mark.insert(tx)
	})
	if err == nil && wrote {
		mark.recorded = true
	}
	return err
}

// totalChanges counts the rows the transaction has inserted, updated or
// deleted so far, in its dialect's way (store_dialect.go).
func totalChanges(tx *gorm.DB) (int64, error) { return dialectOf(tx).changes(tx) }

// readTx runs fn in one transaction for a consistent read. It never records
// the context's message: only a change does that.
func (s *Store) readTx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return s.db.WithContext(ctx).Transaction(fn)
}

// notFound turns gorm's record-not-found into ErrNotFound with context.
func notFound(err error, what string) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return fmt.Errorf("%s: %w", what, ErrNotFound)
	}
	return err
}

// IsEmpty reports whether no table of the schema holds a row: the demo
// refuses any database that does, since it runs a whole bot on it.
func (s *Store) IsEmpty(ctx context.Context) (bool, error) {
	for _, m := range allModels() {
		var found int64
		err := s.db.WithContext(ctx).Model(m).Select("1").Limit(1).Scan(&found).Error
		if err != nil {
			return false, fmt.Errorf("look into %T: %w", m, err)
		}
		if found == 1 {
			return false, nil
		}
	}
	return true, nil
}
