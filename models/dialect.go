package models

import (
	"database/sql"
	"strconv"
	"strings"

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
	// rebind turns a statement written with ? placeholders into the
	// driver's own.
	rebind(q string) string
	// snapshot is how a consistent multi-statement read begins.
	snapshot() *sql.TxOptions
	// legacy reports whether a database may predate parts of the schema
	// and need them backfilled: SQLite files from earlier versions do;
	// PostgreSQL databases are born with the whole schema.
	legacy() bool
}

// dialectOf is the dialect of the database db is a handle on.
func dialectOf(db *gorm.DB) dialect {
	if db.Dialector.Name() == "postgres" {
		return postgresDialect{}
	}
	return sqliteDialect{}
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
