package models

import (
	"database/sql"
	"path/filepath"
	"testing"
	"time"
)

// TestOpenWaitsOutABusyWriter: another process holds SQLite's write lock
// longer than the busy timeout (a storm of sign-ups from other bots keeps
// it taken). Opening waits its turn and then opens, rather than failing
// with "database is locked".
func TestOpenWaitsOutABusyWriter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "busy.db")
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	old := busyTimeout
	busyTimeout = 100 * time.Millisecond
	t.Cleanup(func() { busyTimeout = old })

	other, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(t.Context(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	const hold = time.Second
	released := make(chan time.Time, 1)
	go func() {
		time.Sleep(hold)
		released <- time.Now()
		conn.ExecContext(t.Context(), "ROLLBACK")
	}()
	s, err = Open(path, nil)
	if err != nil {
		t.Fatalf("open while another process wrote for %v (busy timeout %v): %v", hold, busyTimeout, err)
	}
	defer s.Close()
	if at := <-released; time.Now().Before(at) {
		t.Fatalf("opened before the other writer let go")
	}
	if _, err := s.Campaigns(t.Context(), false); err != nil {
		t.Fatal(err)
	}
}
