package loadgen

import (
	"database/sql"
	"strings"

	"mobilize/models"
)

// batchRows is how many rows one INSERT of the generator carries. A
// statement per row costs PostgreSQL a round trip and an executor start
// each, which made a million registrations take longer than the rest of
// a benchmark run; 500 rows of the widest table (13 parameters) stay far
// under both databases' limits on parameters (SQLite 32,766, PostgreSQL
// 65,535).
const batchRows = 500

// batch collects rows of one table and writes them batchRows at a time in
// one multi-row INSERT, in the order they were added: ids given by the
// database (the history's) come out as they would row by row, and the
// ledger's triggers see the rows in that order on both databases.
type batch struct {
	raw   models.Raw
	head  string // INSERT INTO t (cols) VALUES
	tuple string // one row's values, with a ? per argument
	width int    // arguments per row
	full  *sql.Stmt
	args  []any
}

func newBatch(raw models.Raw, head, tuple string) *batch {
	return &batch{raw: raw, head: head, tuple: tuple, width: strings.Count(tuple, "?")}
}

// add queues one row, writing the batch when it is full.
func (b *batch) add(args ...any) error {
	b.args = append(b.args, args...)
	if len(b.args) < batchRows*b.width {
		return nil
	}
	if b.full == nil {
		st, err := b.raw.Prepare(b.statement(batchRows))
		if err != nil {
			return err
		}
		b.full = st
	}
	_, err := b.full.Exec(b.args...)
	b.args = b.args[:0]
	return err
}

// flush writes the rows queued since the last full batch.
func (b *batch) flush() error {
	if len(b.args) == 0 {
		return nil
	}
	_, err := b.raw.Exec(b.statement(len(b.args)/b.width), b.args...)
	b.args = b.args[:0]
	return err
}

func (b *batch) statement(rows int) string {
	var q strings.Builder
	q.WriteString(b.head)
	for i := range rows {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString(b.tuple)
	}
	return q.String()
}

// flushAll writes the batches in order: a table's rows go after those of
// the tables they refer to.
func flushAll(bs ...*batch) error {
	for _, b := range bs {
		if err := b.flush(); err != nil {
			return err
		}
	}
	return nil
}
