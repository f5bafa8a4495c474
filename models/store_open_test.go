package models

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	_ "github.com/mattn/go-sqlite3" // a second, plain client to build and inspect files
)

// rawDB opens path with database/sql alone, as another program would.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", fileURI(path, ""))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func pragma(t *testing.T, path, name string) int64 {
	t.Helper()
	var v int64
	if err := rawDB(t, path).QueryRow("PRAGMA " + name).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func tablesOf(t *testing.T, path string) []string {
	t.Helper()
	rows, err := rawDB(t, path).Query("SELECT name FROM sqlite_master ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return names
}

func TestOpenMarksNewDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if got := pragma(t, path, "application_id"); got != applicationID {
		t.Errorf("application_id = %#x, want %#x", got, applicationID)
	}
	if got := pragma(t, path, "user_version"); got != schemaVersion {
		t.Errorf("user_version = %d, want %d", got, schemaVersion)
	}
	s, err = Open(path, nil) // reopening our own database is fine
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
}

func TestOpenRefusesForeignDatabaseUntouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.db")
	db := rawDB(t, path)
	if _, err := db.Exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('x')"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, open := range []func(string) (*Store, error){
		func(p string) (*Store, error) { return Open(p, nil) },
		func(p string) (*Store, error) { return OpenExisting(p, nil) },
	} {
		if s, err := open(path); !errors.Is(err, ErrForeignDatabase) {
			if s != nil {
				s.Close()
			}
			t.Fatalf("open foreign database: err = %v, want ErrForeignDatabase", err)
		}
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(before) != string(after) {
		t.Error("the foreign database's file changed")
	}
	if got := tablesOf(t, path); len(got) != 1 || got[0] != "notes" {
		t.Errorf("tables after refusal = %v, want only notes", got)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + suffix); err == nil {
			t.Errorf("%s left beside the foreign database", suffix)
		}
	}
}

func TestOpenRefusesOtherApplicationAndNewerSchema(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, "other.db")
	if _, err := rawDB(t, other).Exec("PRAGMA application_id = 42"); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(other, nil); !errors.Is(err, ErrForeignDatabase) {
		t.Errorf("application_id 42: err = %v, want ErrForeignDatabase", err)
	}
	newer := filepath.Join(dir, "newer.db")
	s, err := Open(newer, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := rawDB(t, newer).Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(newer, nil); !errors.Is(err, ErrNewerDatabase) {
		t.Errorf("user_version 99: err = %v, want ErrNewerDatabase", err)
	}
}

func TestOpenRefusesFileThatIsNotSQLite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	body := []byte("这不是数据库，是一份很重要的笔记。\n" + string(make([]byte, 200)))
	if err := os.WriteFile(path, body, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path, nil); !errors.Is(err, ErrForeignDatabase) {
		t.Fatalf("err = %v, want ErrForeignDatabase", err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(body) {
		t.Error("the file changed")
	}
	if _, err := Open(t.TempDir(), nil); !errors.Is(err, ErrNotAFile) {
		t.Errorf("a directory: err = %v, want ErrNotAFile", err)
	}
}

// A database created by a version without the mark has our tables: it is
// recognised, marked, and its data kept.
func TestOpenMarksLegacyDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := mustCampaign(t, s, 3, 3)
	mustSignUp(t, s, c, "pioneer", 1)
	s.Close()
	if _, err := rawDB(t, path).Exec("PRAGMA application_id = 0; PRAGMA user_version = 0"); err != nil {
		t.Fatal(err)
	}
	if got := pragma(t, path, "application_id"); got != 0 {
		t.Fatalf("setup: application_id = %d", got)
	}
	s, err = OpenExisting(path, nil)
	if err != nil {
		t.Fatalf("legacy database refused: %v", err)
	}
	defer s.Close()
	roster, err := s.Roster(context.Background(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(roster) != 1 {
		t.Errorf("roster after marking has %d rows, want 1", len(roster))
	}
	if got := pragma(t, path, "application_id"); got != applicationID {
		t.Errorf("legacy database not marked: application_id = %#x", got)
	}
}

func TestOpenExistingNeverCreates(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{filepath.Join(dir, "typo.db"), filepath.Join(dir, "no", "such", "dir", "m.db")} {
		if _, err := OpenExisting(p, nil); !errors.Is(err, ErrNoDatabase) {
			t.Errorf("OpenExisting(%s): err = %v, want ErrNoDatabase", p, err)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 0 {
		t.Errorf("OpenExisting left %v behind", entries)
	}
}

// The database holds phone numbers: it, its -wal and -shm and any directory
// created for it are private to the owner, whatever the umask says.
func TestOpenCreatesPrivateFilesWhateverTheUmask(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	path := filepath.Join(t.TempDir(), "data", "sub", "m.db")
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c := mustCampaign(t, s, 3, 3) // a write, so -wal and -shm exist
	mustSignUp(t, s, c, "pioneer", 1)
	for _, f := range []struct {
		path string
		mode os.FileMode
	}{{path, 0o600}, {path + "-wal", 0o600}, {path + "-shm", 0o600},
		{filepath.Dir(path), 0o700}, {filepath.Dir(filepath.Dir(path)), 0o700}} {
		st, err := os.Stat(f.path)
		if err != nil {
			t.Errorf("%s: %v", f.path, err)
			continue
		}
		if got := st.Mode().Perm(); got != f.mode {
			t.Errorf("%s mode %o, want %o", f.path, got, f.mode)
		}
	}
}

// Processes opening a new database at the same moment (two commands started
// together) all succeed: creation, marking and migration are serialised.
func TestConcurrentOpensOfANewDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	errs := make(chan error, 6)
	for range 6 {
		go func() {
			s, err := Open(path, nil)
			if err == nil {
				_, err = s.CreateCampaign(context.Background(), NewCampaign{Title: "并发"})
				s.Close()
			}
			errs <- err
		}()
	}
	for range 6 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// --db at a live database's -wal or -shm (even empty, right after a
// checkpoint) is refused: a schema written there would wreck the database.
func TestOpenRefusesAnotherDatabasesLog(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "m.db")
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		side := path + suffix
		f, err := os.OpenFile(side, os.O_CREATE|os.O_RDONLY, 0o600) // never truncate the live -shm
		if err != nil {
			t.Fatal(err)
		}
		f.Close()
		before, _ := os.ReadFile(side)
		if _, err := Open(side, nil); !errors.Is(err, ErrSidecar) {
			t.Errorf("Open(%s): err = %v, want ErrSidecar", filepath.Base(side), err)
		}
		after, _ := os.ReadFile(side)
		if string(before) != string(after) {
			t.Errorf("%s changed", filepath.Base(side))
		}
	}
}
