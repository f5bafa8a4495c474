package models

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/mattn/go-sqlite3"
)

// TestFaultOfEveryCode: each SQLite code that is the database's own
// trouble has Chinese advice and no English; wrapped errors are read
// through; other errors are no fault.
func TestFaultOfEveryCode(t *testing.T) {
	for code, want := range sqliteFaults {
		err := fmt.Errorf("create volunteer: %w", sqlite3.Error{Code: code})
		f, ok := FaultOf(err)
		if !ok || f != want {
			t.Errorf("code %d: %q %v, want %q", code, f, ok, want)
		}
		if a := f.Advice(); a == "" || strings.Contains(a, code.Error()) {
			t.Errorf("%s: advice %q", f, a)
		}
	}
	for code, want := range pgFaults {
		if f, ok := FaultOf(fmt.Errorf("queue: %w", &pgconn.PgError{Code: code})); !ok || f != want {
			t.Errorf("SQLSTATE %s: %q %v, want %q", code, f, ok, want)
		}
	}
	if f, ok := FaultOf(fmt.Errorf("open: %w", &pgconn.ConnectError{})); !ok || f != FaultCantOpen {
		t.Errorf("a refused connection: %q %v", f, ok)
	}
	for _, err := range []error{nil, errors.New("database disk image is malformed"), ErrNotFound, sqlite3.Error{Code: sqlite3.ErrConstraint},
		&pgconn.PgError{Code: "23505"}} { // unique_violation: the caller's business, not the database's
		if f, ok := FaultOf(err); ok {
			t.Errorf("FaultOf(%v) = %q", err, f)
		}
	}
}

// TestCorruptFileIsAFault: a real database with a page overwritten
// answers its next query with SQLITE_CORRUPT, read as FaultCorrupt.
func TestCorruptFileIsAFault(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := mustCampaign(t, s, 40, 145)
	for i := range 200 {
		mustSignUp(t, s, c, "pioneer", i)
	}
	s.Close()
	corrupt(t, path)
	s, err = Open(path, nil)
	if err != nil {
		if f, ok := FaultOf(err); !ok || f != FaultCorrupt {
			t.Fatalf("open a corrupt file: %v (fault %q)", err, f)
		}
		return
	}
	defer s.Close()
	_, err = s.Roster(context.Background(), c.ID)
	if f, ok := FaultOf(err); !ok || f != FaultCorrupt {
		t.Fatalf("roster of a corrupt file: %v (fault %q)", err, f)
	}
}

// corrupt overwrites every page after the first two with garbage, as a
// failing disk or a half-copied file would leave it.
func corrupt(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 8192; i < len(data); i++ {
		data[i] = byte(0xA5 ^ i)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestFullDatabaseIsAFault: a write that finds no room (SQLite's page
// limit standing in for a full disk: the same SQLITE_FULL) is FaultFull.
func TestFullDatabaseIsAFault(t *testing.T) {
	s := mustOpenSQLite(t) // SQLite's own fault
	c := mustCampaign(t, s, 100000, 145)
	if err := s.db.Exec("PRAGMA max_page_count = 1").Error; err != nil {
		t.Fatal(err)
	}
	var err error
	for i := 0; err == nil && i < 5000; i++ {
		_, err = s.SignUp(context.Background(), SignUpRequest{CampaignID: c.ID, RoleCode: "pioneer",
			Name: fmt.Sprintf("志愿者%d", i), Phone: phone(i), GroupName: testGroup, Sender: fmt.Sprintf("微信%d", i),
			Remark: strings.Repeat("长", 200)})
	}
	if f, ok := FaultOf(err); !ok || f != FaultFull {
		t.Fatalf("a full database: %v (fault %q)", err, f)
	}
}

// TestFaultHandlerKeepsDriverWordsAtDebug: a fault is logged by its
// kind; SQLite's English only when the log is at debug level; other
// errors are logged whole.
func TestFaultHandlerKeepsDriverWordsAtDebug(t *testing.T) {
	var buf bytes.Buffer
	logAt := func(l slog.Level) *slog.Logger {
		buf.Reset()
		return slog.New(FaultHandler(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: l})))
	}
	err := fmt.Errorf("create volunteer: %w", sqlite3.Error{Code: sqlite3.ErrCorrupt})
	logAt(slog.LevelInfo).Error("command failed", "group", "群", "err", err)
	if got := buf.String(); !strings.Contains(got, "fault=corrupt") || strings.Contains(got, "create volunteer") || !strings.Contains(got, "group=群") {
		t.Errorf("info-level log: %q", got)
	}
	logAt(slog.LevelInfo).With("err", err).Warn("claim")
	if got := buf.String(); !strings.Contains(got, "fault=corrupt") || strings.Contains(got, "create volunteer") {
		t.Errorf("With: %q", got)
	}
	logAt(slog.LevelDebug).Error("command failed", "err", err)
	if got := buf.String(); !strings.Contains(got, "fault=corrupt") || !strings.Contains(got, "create volunteer") {
		t.Errorf("debug-level log: %q", got)
	}
	logAt(slog.LevelInfo).Error("command failed", "err", errors.New("boom"))
	if got := buf.String(); !strings.Contains(got, "err=boom") || strings.Contains(got, "fault") {
		t.Errorf("other error: %q", got)
	}
}
