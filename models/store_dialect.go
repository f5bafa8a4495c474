package models

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// dialect is what the Store does differently on SQLite (the embedded
// default) and PostgreSQL (deployments of several processes or hosts).
// Everything else is written once, in SQL both accept. The two
// implementations live in files named for their database:
// sqlite_dialect.go and postgres_dialect.go.
type dialect interface {
	// claim checks the database is ours (or empty) and marks it, before
	// anything else touches it.
	claim(db *gorm.DB) error
	// prepare tunes a new connection pool once the database is claimed
	// (SQLite's WAL); nothing on PostgreSQL.
	prepare(db *gorm.DB) error
	// lockSchema serialises schema migrations of processes opening the
	// same database at once, inside the migration's transaction.
	lockSchema(tx *gorm.DB) error
	// changes counts the rows the transaction has inserted, updated or
	// deleted so far: Store.tx compares it before and after a change to
	// learn whether anything was written.
	changes(tx *gorm.DB) (int64, error)
	// version and setVersion read and write the schema version the
	// database holds (numbered migrations, store_migrations.go).
	version(tx *gorm.DB) (int64, error)
	setVersion(tx *gorm.DB, v int64) error
	// constraints are what the dialect adds to the schema after
	// AutoMigrate: PostgreSQL's unique phone (several processes could
	// otherwise each make one person); none on SQLite, whose one writer
	// never races and whose older files may hold such twins.
	constraints() []string
	// retryable reports whether err is the database giving up a
	// transaction that, run again, would go through: PostgreSQL's deadlock
	// victim or serialization failure between processes.
	retryable(err error) bool
	// lockedOut reports whether err is the database's lock wait running
	// out while other processes kept writing (SQLite's busy timeout):
	// nothing was done, and the same work later would go through.
	lockedOut(err error) bool
	// lockCopies makes the transactions of bots recording copies of one
	// group message (the same chat, sender and text) wait for one another
	// until commit, so the later one sees the earlier's row
	// (inbound_copy.go); nothing on SQLite, whose one writer already does.
	lockCopies(tx *gorm.DB, m InboundMessage) error
	// tables lists the schema's tables.
	tables(db *gorm.DB) ([]string, error)
	// syncSequences moves id sequences past ids written by hand (a copy,
	// the load generator), so the next row gets a new one.
	syncSequences(tx *gorm.DB) error
	// bulk tunes the writer pool db for a loader's bulk load (Store.Bulk)
	// and returns what puts it back: SQLite's page cache; nothing on
	// PostgreSQL.
	bulk(ctx context.Context, db *sql.DB) (restore func(), err error)
	// rebind turns a statement written with ? placeholders into the
	// driver's own.
	rebind(q string) string
	// snapshot is how a consistent multi-statement read begins.
	snapshot() *sql.TxOptions
	// legacy reports whether a database may predate parts of the schema
	// and need them backfilled: SQLite files from earlier versions do;
	// PostgreSQL databases are born with the whole schema.
	legacy() bool

	// The status ledger (ledger_days.go) in the dialect's SQL
	// (sqlite_ledger.go, postgres_ledger.go).
	//
	// dayAt is the SQL for the local day ('YYYY-MM-DD') of the time col
	// shifted by off, an SQL expression for an offset as offsetArg and the
	// ledger's status_zone give it.
	dayAt(col, off string) string
	offsetArg(seconds int) any
	// zoneFrom is status_zone's from_at for an offset in force from t on;
	// the zero time is the beginning of time.
	zoneFrom(t time.Time) any
	// ledgerState reports whether the ledger exists with the triggers that
	// keep it (ready), and whether its table does.
	ledgerState(db *gorm.DB) (ready, table bool, err error)
	// ledgerTables creates the ledger's three tables.
	ledgerTables() []string
	// ledgerUpgrade brings the tables of a ledger found without its
	// triggers up to the current version before they are made again.
	ledgerUpgrade() []string
	// ledgerTriggers keep the ledger in the transaction of every event.
	ledgerTriggers() []string

	// instant is the SQL comparing a time column (or an instantArg
	// placeholder) as an instant, whatever zone offset it was written in.
	instant(expr string) string
	instantArg(t time.Time) any
	// epoch is the SQL for a time column in Unix seconds (NULL stays NULL).
	epoch(col string) string

	// claimNextOutbox marks the claim's next due row (nextDueOutbox)
	// "sending" inside the claim's transaction and returns its id, 0 if
	// none is due; exactly one of any number of claimers running at once
	// gets a row (outbox_claim.go, docs/outbox.md).
	claimNextOutbox(tx *gorm.DB, c OutboxClaim) (uint, error)
}

// dialectOf is the dialect of the database db is a handle on.
func dialectOf(db *gorm.DB) dialect {
	if db.Dialector.Name() == "postgres" {
		return postgresDialect{}
	}
	return sqliteDialect{}
}

// forUpdate ends a query that locks the rows it reads until the
// transaction ends. To SQLite it is a comment (its transactions hold the
// write lock from their first statement, so nothing else changes the rows
// meanwhile); PostgreSQL's rebind makes it the clause.
const forUpdate = ` /* FOR UPDATE */`

// rebindPostgres is a statement written for both dialects made
// PostgreSQL's: ? placeholders numbered, forUpdate made a clause, and
// CROSS JOIN … ON (SQLite's way to fix a join's order, which PostgreSQL
// plans itself and accepts only without ON) an inner join.
func rebindPostgres(q string) string {
	q = strings.ReplaceAll(q, forUpdate, " FOR UPDATE")
	q = strings.ReplaceAll(q, " CROSS JOIN ", " JOIN ")
	return rebindDollar(q)
}

// rebindDollar numbers ? placeholders $1, $2… as PostgreSQL wants, leaving
// question marks inside quoted text alone.
func rebindDollar(q string) string {
	var b strings.Builder
	n, quote := 0, byte(0)
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
