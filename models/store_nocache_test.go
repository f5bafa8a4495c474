package models

import (
	"testing"
	"time"

	"gorm.io/gorm"
)

// TestNewStatementsNeverDeadlockTheWriter replays the hang CI met with
// gorm's statement cache (a sender finishing a row, two lease renewals
// and a heartbeat): a transaction holds SQLite's one writing connection;
// outside it, one goroutine prepares a new statement (waiting for the
// connection), a second runs the same statement (waiting, holding the
// cache's lock, for the first to prepare it) and a third a different new
// one (queued for the lock); the transaction's next new statement then
// waits for the lock — and nobody moves again. Without the cache every
// one of them simply waits for the transaction to end.
func TestNewStatementsNeverDeadlockTheWriter(t *testing.T) {
	s := mustOpenSQLite(t)
	holding, done := make(chan struct{}), make(chan error, 4)
	pause := func() { time.Sleep(100 * time.Millisecond) }
	go func() {
		done <- s.db.Transaction(func(tx *gorm.DB) error {
			if err := tx.Exec("SELECT 1 /* the transaction's first */").Error; err != nil {
				return err
			}
			close(holding)
			pause()
			pause()
			pause()
			return tx.Exec("SELECT 2 /* new inside the transaction */").Error
		})
	}()
	<-holding
	for _, q := range []string{"SELECT 3 /* a renewal */", "SELECT 3 /* a renewal */", "SELECT 4 /* a heartbeat */"} {
		go func() { done <- s.db.Exec(q).Error }()
		time.Sleep(50 * time.Millisecond)
	}
	for range 4 {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(20 * time.Second):
			t.Fatal("the writer is deadlocked: a transaction and new statements outside it wait for each other")
		}
	}
}
