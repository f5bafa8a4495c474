package privfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestWriteIsPrivateAndAtomic(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "new")
	path := filepath.Join(dir, "secret.json")
	if err := Write(path, ".s-*", func(w io.Writer) error { _, err := io.WriteString(w, "v1"); return err }); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]os.FileMode{path: 0o600, dir: 0o700} {
		st, err := os.Stat(p)
		if err != nil || st.Mode().Perm() != want {
			t.Fatalf("%s: mode %v, %v; want %o", p, st.Mode().Perm(), err, want)
		}
	}
	// A failed write leaves the old content and no temporary file.
	boom := errors.New("boom")
	if err := Write(path, ".s-*", func(w io.Writer) error { io.WriteString(w, "half"); return boom }); !errors.Is(err, boom) {
		t.Fatalf("err %v", err)
	}
	data, err := os.ReadFile(path)
	entries, _ := os.ReadDir(dir)
	if err != nil || string(data) != "v1" || len(entries) != 1 {
		t.Fatalf("after a failed write: %q, %v, %d entries", data, err, len(entries))
	}
}

// TestScratchIsPrivateAndUnlinked: the file is 0600 under a permissive
// umask, gone from the directory at once, and still holds what is written.
func TestScratchIsPrivateAndUnlinked(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	f, removed, err := Scratch("scratch-*")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	if left, _ := os.ReadDir(dir); !removed || len(left) != 0 {
		t.Errorf("removed %v, left in the directory: %v", removed, left)
	}
	if _, err := f.WriteString("13800138000"); err != nil {
		t.Fatal(err)
	}
	got := make([]byte, 11)
	if _, err := f.ReadAt(got, 0); err != nil || string(got) != "13800138000" {
		t.Errorf("read back %q (%v)", got, err)
	}
}
