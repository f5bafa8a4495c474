package cli

import (
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"mobilize/config"
)

// On start the bot removes the temporary file a kill left in exports/ or
// beside the database, and workbooks past exports.keep_days; the database
// and a recent workbook stay.
func TestStartSweepsStaleExports(t *testing.T) {
	dir := t.TempDir()
	cfg := config.Default()
	cfg.Database = filepath.Join(dir, "m.db")
	exports := cfg.ExportDir()
	os.MkdirAll(exports, 0o700)
	now := time.Now()
	old := now.Add(-30 * 24 * time.Hour)
	files := map[string]bool{ // path → removed
		filepath.Join(dir, ".mobilize-export-1.tmp"):         true,
		filepath.Join(exports, ".export-2.xlsx"):             true,
		filepath.Join(exports, "mobilize-1-2026-10-01.xlsx"): true,
		filepath.Join(dir, "mobilize-1-2026-10-01.xlsx"):     false, // the operator's own file, not in exports/
		filepath.Join(dir, "m.db"):                           false,
	}
	for p := range files {
		os.WriteFile(p, []byte("x"), 0o600)
		os.Chtimes(p, old, old)
	}
	recent := filepath.Join(exports, "mobilize-1-2026-11-30.xlsx")
	os.WriteFile(recent, []byte("x"), 0o600)
	files[recent] = false
	sweepExports(cfg, now, slog.New(slog.DiscardHandler))
	for p, removed := range files {
		if _, err := os.Stat(p); os.IsNotExist(err) != removed {
			t.Errorf("%s: removed %v, want %v", filepath.Base(p), os.IsNotExist(err), removed)
		}
	}
}
