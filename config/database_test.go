package config

import (
	"strings"
	"testing"
)

// TestDatabaseSetting: sqlite: is dropped, server URLs are refused in
// Chinese instead of being opened as a file named "postgres:".
func TestDatabaseSetting(t *testing.T) {
	env := func(string) string { return "" }
	for in, want := range map[string]string{
		"sqlite:./data/m.db":   "./data/m.db",
		"SQLite:///tmp/m.db":   "/tmp/m.db",
		"live.db#test":         "live.db#test",
		"./data/100%41.db":     "./data/100%41.db",
		" ./data/mobilize.db ": "./data/mobilize.db",
	} {
		cfg, err := Load(Overrides{Database: in}, env)
		if err != nil || cfg.Database != want {
			t.Errorf("%q: got %q, %v; want %q", in, cfg.Database, err, want)
		}
	}
	for _, in := range []string{"postgres://u:p@h/db", "PostgreSQL://h/db?sslmode=disable"} {
		cfg, err := Load(Overrides{Database: in}, env)
		if err != nil || cfg.Database != in || cfg.DataDir() != "data" || cfg.ExportDir() != "data/exports" {
			t.Errorf("%q: %q, %v (data dir %q)", in, cfg.Database, err, cfg.DataDir())
		}
	}
	for _, in := range []string{"mysql://h/db", "sqlite:"} {
		_, err := Load(Overrides{Database: in}, env)
		if err == nil || !strings.Contains(err.Error(), "database") {
			t.Errorf("%q: accepted (%v)", in, err)
		}
	}
	_, err := Load(Overrides{Database: "postgres://u:s3cret@h:port/db"}, env)
	if err == nil || !strings.Contains(err.Error(), "PostgreSQL") || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("bad PostgreSQL URL: %v, want a Chinese error without the password", err)
	}
}
