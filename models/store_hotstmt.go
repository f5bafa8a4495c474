package models

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"gorm.io/gorm"
)

// hotStmts are the sign-up path's statements, prepared once on the
// database when it is opened.
//
// Why not gorm's own PrepareStmt cache: a statement gorm first meets inside
// a transaction is prepared on that transaction and closed with it, so
// every later transaction prepares it again (≈ 80 µs a query here, where a
// reused statement costs a few µs). A statement prepared on the database
// instead is bound to each transaction by database/sql at no cost: the
// single connection already holds it. Preparing must happen before any
// transaction: with one connection, preparing on the database while a
// transaction holds it would wait for ever.
type hotStmts map[string]*sql.Stmt

// hotQueries lists every statement prepareHot prepares.
var hotQueries = []string{
	qRole, qGroup, qVolByPhone, qVolByName, qVolInsert, qVolUpdate, qKnown,
	qCounter, qCounterInit, qCounterBump, qOrgConfirmed, qRegInsert, qEventInsert,
	qWaiting, qCancelReg, qPromoteReg, qSavepoint, qRelease, qRollbackTo, qMarkInsert, qMarkCopy,
	qLatestEvent, // ledger_days_count.go
}

// prepareHot prepares hotQueries on db, in the dialect's placeholders.
func prepareHot(ctx context.Context, db *sql.DB, d dialect) (hotStmts, error) {
	h := hotStmts{}
	for _, q := range hotQueries {
		st, err := db.PrepareContext(ctx, d.rebind(q))
		if err != nil {
			h.close()
			return nil, fmt.Errorf("prepare %q: %w", q, err)
		}
		h[q] = st
	}
	return h, nil
}

func (h hotStmts) close() {
	for _, st := range h {
		st.Close()
	}
}

// txn is a gorm transaction with the hot statements bound to it. Rare
// paths use the embedded gorm handle; the hot path runs cached statements.
type txn struct {
	*gorm.DB
	ctx   context.Context
	sql   *sql.Tx
	hot   hotStmts
	bound map[string]*sql.Stmt
	// memo, when set, remembers lookups for the rest of the transaction
	// (see batchMemo); nil outside group commits.
	memo *batchMemo
}

// newTxn wraps tx, a gorm transaction on the store's database.
func newTxn(ctx context.Context, tx *gorm.DB, hot hotStmts) (*txn, error) {
	sqlTx, _ := tx.Statement.ConnPool.(*sql.Tx)
	if sqlTx == nil {
		return nil, errors.New("hot path: not inside a database/sql transaction")
	}
	return &txn{DB: tx, ctx: ctx, sql: sqlTx, hot: hot, bound: map[string]*sql.Stmt{}}, nil
}

// on is t working through line, a nested gorm transaction (a savepoint) of
// the same database transaction, whose bound statements it shares.
func (t *txn) on(line *gorm.DB) *txn {
	c := *t
	c.DB = line
	return &c
}

// stmt returns q bound to this transaction.
func (t *txn) stmt(q string) (*sql.Stmt, error) {
	if st, ok := t.bound[q]; ok {
		return st, nil
	}
	st, ok := t.hot[q]
	if !ok {
		return nil, fmt.Errorf("hot path: statement not prepared: %q", q)
	}
	st = t.sql.StmtContext(t.ctx, st)
	t.bound[q] = st
	return st, nil
}

// exec runs a hot statement.
func (t *txn) exec(q string, args ...any) (sql.Result, error) {
	st, err := t.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(t.ctx, args...)
}

// query runs a hot statement returning rows.
func (t *txn) query(q string, args ...any) (*sql.Rows, error) {
	st, err := t.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(t.ctx, args...)
}

// scan runs a hot one-row query into dest; sql.ErrNoRows when none.
func (t *txn) scan(q string, args []any, dest ...any) error {
	st, err := t.stmt(q)
	if err != nil {
		return err
	}
	return st.QueryRowContext(t.ctx, args...).Scan(dest...)
}

// inTxn runs fn in one transaction with the hot statements bound.
func (s *Store) inTxn(ctx context.Context, fn func(t *txn) error) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		t, err := newTxn(ctx, tx, s.hot)
		if err != nil {
			return err
		}
		return fn(t)
	})
}
