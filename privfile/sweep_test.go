package privfile

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Sweep removes what a kill left halfway (once nobody writes it) and
// workbooks past their keep; fresh files and anything else stay.
func TestSweep(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	files := map[string]struct {
		age  time.Duration
		gone bool
	}{
		".mobilize-export-123.tmp":   {time.Hour, true},
		".export-456.xlsx":           {time.Hour, true},
		".mobilize-export-789.tmp":   {time.Second, false}, // being written
		"mobilize-1-2026-11-01.xlsx": {8 * 24 * time.Hour, true},
		"mobilize-1-2026-11-30.xlsx": {time.Hour, false},
		"倡议书.xlsx":                   {30 * 24 * time.Hour, false},
		"mobilize.db":                {30 * 24 * time.Hour, false},
	}
	for name, f := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, now.Add(-f.age), now.Add(-f.age)); err != nil {
			t.Fatal(err)
		}
	}
	n, err := Sweep(dir, 7*24*time.Hour, now)
	if err != nil || n != 3 {
		t.Fatalf("Sweep = %d, %v; want 3", n, err)
	}
	for name, f := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		if gone := os.IsNotExist(err); gone != f.gone {
			t.Errorf("%s: gone %v, want %v", name, gone, f.gone)
		}
	}
	if n, err := Sweep(filepath.Join(dir, "missing"), time.Hour, now); n != 0 || err != nil {
		t.Errorf("missing dir: %d %v", n, err)
	}
}

func TestWithin(t *testing.T) {
	for _, c := range []struct {
		path, dir string
		want      bool
	}{
		{"/data/exports/a.xlsx", "/data/exports", true},
		{"/data/exports/../m.db", "/data/exports", false},
		{"/data/exports", "/data/exports", false},
		{"/data/other/a.xlsx", "/data/exports", false},
		{"/data/exports/a.xlsx", "", false},
	} {
		if got := Within(c.path, c.dir); got != c.want {
			t.Errorf("Within(%q, %q) = %v", c.path, c.dir, got)
		}
	}
}
