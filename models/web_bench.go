package models

import (
	"context"
	"fmt"
	"time"
)

// BaselineInserts runs n bare single-row INSERTs, each autocommitted, into
// a scratch table on this database's connection and settings: the
// yardstick that benchmarks outside this package (the web form's) divide
// by, measured in the same run, since SQL lives only here. Not for
// production databases: it leaves its rows in table bench_baseline.
func (s *Store) BaselineInserts(ctx context.Context, n int) error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	if _, err := sqlDB.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS bench_baseline
		(id INTEGER PRIMARY KEY, name TEXT, phone TEXT, created_at DATETIME)`); err != nil {
		return err
	}
	now := time.Now().UTC()
	for i := range n {
		if _, err := sqlDB.ExecContext(ctx, `INSERT INTO bench_baseline (name, phone, created_at) VALUES (?, ?, ?)`,
			"志愿者", fmt.Sprintf("138%08d", i), now); err != nil {
			return err
		}
	}
	return nil
}
