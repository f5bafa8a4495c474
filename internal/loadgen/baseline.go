package loadgen

import (
	"context"
	"fmt"
	"time"

	"mobilize/models"
)

// Baseline runs n bare single-row INSERTs, each its own transaction, into
// a scratch table on the store's connection and settings: the yardstick
// that benchmarks divide by, measured in the same run. Not for production
// databases: it leaves its rows in table bench_baseline.
func Baseline(ctx context.Context, s *models.Store, n int) error {
	return s.Autocommit(ctx, func(db models.Raw) error {
		key := "id INTEGER PRIMARY KEY"
		if db.Postgres() {
			key = "id BIGSERIAL PRIMARY KEY"
		}
		if _, err := db.Exec(`CREATE TABLE IF NOT EXISTS bench_baseline (` + key + `, name TEXT, phone TEXT, created_at TIMESTAMP)`); err != nil {
			return err
		}
		now := time.Now().UTC()
		for i := range n {
			if err := ctx.Err(); err != nil {
				return err
			}
			if _, err := db.Exec(`INSERT INTO bench_baseline (name, phone, created_at) VALUES (?, ?, ?)`,
				"志愿者", fmt.Sprintf("138%08d", i), now); err != nil {
				return err
			}
		}
		return nil
	})
}
