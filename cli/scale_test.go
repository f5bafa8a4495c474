package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mobilize/internal/loadgen"
	"mobilize/models"
)

// TestPastTheSQLiteParameterLimit: report, roster and export used to fail
// with "too many SQL variables" from 32,767 volunteers on (a preload bound
// one parameter per row). Over 33,000 registrations report and roster work.
func TestPastTheSQLiteParameterLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 33,000 registrations")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "m.db")
	loc := time.FixedZone("CST", 8*3600)
	s, err := models.Open(db, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = loadgen.Generate(context.Background(), s, loadgen.Sizes{Registrations: 33_000, ServiceLogs: 500, Pledges: 50,
		Organizations: 40, Days: 3}, loc)
	if err == nil {
		_, err = s.Roster(context.Background(), 1) // the in-memory roster other packages use
	}
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
		code := Run(t.Context(), append([]string{"--db", db}, args...), env)
		return code, out.String(), errb.String()
	}
	if code, out, errs := run("report", "--date", "2026-11-03", "--format", "json"); code != 0 || !strings.Contains(out, `"confirmed"`) {
		t.Fatalf("report: %d %q", code, errs)
	}
	code, out, errs := run("roster", "--json")
	var roster struct {
		Registrations []rosterRow `json:"registrations"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &roster) != nil || len(roster.Registrations) != 33_000 {
		t.Fatalf("roster: %d, %d rows, %q", code, len(roster.Registrations), errs)
	}
	// export shares the roster's streamed queries; it is measured over a
	// million rows in BenchmarkScaleExport (too slow for the race run here).
}
