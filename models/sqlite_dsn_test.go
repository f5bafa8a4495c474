package models

import (
	"os"
	"path/filepath"
	"testing"
)

// TestOpenPathIsAFileNotAURI: a database path with the characters a URI
// gives meaning to ('#', '?', '%') opens exactly that file, 0600, and no
// other. Before, `live.db#test` wrote into live.db, `new#1.db` created
// `new` (0644) and `100%41.db` opened 100A.db.
func TestOpenPathIsAFileNotAURI(t *testing.T) {
	for _, name := range []string{"live.db#test", "new#1.db", "100%41.db", "q?mode=memory.db", "空 格.db"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, name)
			s, err := Open(path, nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if got := pragma(t, path, "application_id"); got != applicationID {
				t.Errorf("%s: application_id = %#x: the schema went elsewhere", name, got)
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				if e.Name() != name && e.Name() != name+"-wal" && e.Name() != name+"-shm" {
					t.Errorf("%s: stray file %q", name, e.Name())
				}
				if info, err := e.Info(); err == nil && info.Mode().Perm() != 0o600 {
					t.Errorf("%s: %q has mode %v", name, e.Name(), info.Mode().Perm())
				}
			}
		})
	}
}
