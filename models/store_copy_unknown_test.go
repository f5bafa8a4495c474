package models

import (
	"context"
	"path/filepath"
	"testing"
)

// TestCopyRefusesUnknownTables: a table this version does not know would
// be left behind, so the copy refuses to start.
func TestCopyRefusesUnknownTables(t *testing.T) {
	ctx := context.Background()
	src := mustOpenSQLite(t)
	if err := src.db.Exec(`CREATE TABLE later_feature (id INTEGER PRIMARY KEY)`).Error; err != nil {
		t.Fatal(err)
	}
	dst, err := Open(filepath.Join(t.TempDir(), "dst.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	if _, err := CopyAll(ctx, src, dst); err == nil {
		t.Fatal("copied a database with an unknown table")
	}
}
