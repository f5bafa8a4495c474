package models

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ErrNotAFile means the path names a directory or a device, not a file.
var ErrNotAFile = errors.New("not a regular file")

// ErrSidecar means the path is another database's -wal, -shm or -journal
// file: opening it as a database would write a schema into the live log
// of that database and wreck it.
var ErrSidecar = errors.New("the write-ahead log or shared memory of another database")

// sidecar returns the database whose -wal, -shm or -journal path is, if
// that database exists.
func sidecar(path string) (string, bool) {
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if base, ok := strings.CutSuffix(path, suffix); ok {
			if st, err := os.Stat(base); err == nil && st.Mode().IsRegular() {
				return base, true
			}
		}
	}
	return "", false
}

// prepareFile makes sure path is a regular file before SQLite opens it. With
// create, a missing file is created empty with mode 0600 in a directory
// created 0700: the database holds phone numbers. SQLite gives the -wal and
// -shm files the database file's mode, so they are 0600 too. Both modes are
// set explicitly, so the umask cannot widen them.
func prepareFile(path string, create bool) error {
	if base, ok := sidecar(path); ok {
		return fmt.Errorf("%s belongs to %s: %w", path, base, ErrSidecar)
	}
	st, err := os.Stat(path)
	switch {
	case err == nil && !st.Mode().IsRegular():
		return fmt.Errorf("%s: %w", path, ErrNotAFile)
	case err == nil:
		return nil
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("database %s: %w", path, err)
	case !create:
		return fmt.Errorf("%s: %w", path, ErrNoDatabase)
	}
	if err := makeDir(filepath.Dir(path)); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil // another process created it meanwhile
	}
	if err != nil {
		return fmt.Errorf("create database %s: %w", path, err)
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return fmt.Errorf("create database %s: %w", path, err)
	}
	return f.Close()
}

// makeDir creates dir and its missing parents with mode 0700; directories
// that already exist are left as they are.
func makeDir(dir string) error {
	if st, err := os.Stat(dir); err == nil {
		if !st.IsDir() {
			return fmt.Errorf("%s: %w", dir, ErrNotAFile)
		}
		return nil
	}
	if err := makeDir(filepath.Dir(dir)); err != nil {
		return err
	}
	err := os.Mkdir(dir, 0o700)
	if errors.Is(err, fs.ErrExist) {
		return nil // created meanwhile by someone else: theirs to keep
	}
	if err != nil {
		return fmt.Errorf("create database directory: %w", err)
	}
	return os.Chmod(dir, 0o700)
}
