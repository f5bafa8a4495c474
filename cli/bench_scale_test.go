//go:build unix

package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"mobilize/internal/loadgen"
	"mobilize/models"
)

// benchDB is the generated scale database (loadgen.ScaleSizes); set
// MOBILIZE_BENCH_DB to reuse one across runs (see BENCHMARKS.md).
func benchDB(b *testing.B) (string, string) {
	b.Helper()
	path, _, last, err := loadgen.Database(context.Background(), b.TempDir(), loadgen.ScaleSizes, time.FixedZone("CST", 8*3600))
	if err != nil {
		b.Fatal(err)
	}
	return path, last
}

// binary builds the mobilize command once, so a benchmark can run it as a
// child process and read that process's own peak memory.
var binary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "mobilize-bin-")
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "mobilize")
	out, err := exec.Command("go", "build", "-o", path, "mobilize/cmd/mobilize").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("build: %v: %s", err, out)
	}
	return path, nil
})

// benchRun runs the command in a child process and returns its peak
// resident memory in MB (Linux's ru_maxrss).
func benchRun(b *testing.B, db string, args ...string) float64 {
	b.Helper()
	bin, err := binary()
	if err != nil {
		b.Fatal(err)
	}
	cmd := exec.Command(bin, append([]string{"--db", db}, args...)...)
	var errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &errb
	if err := cmd.Run(); err != nil {
		b.Fatalf("%v: %v %s", args, err, errb.String())
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		return float64(ru.Maxrss) / 1024
	}
	return 0
}

// BenchmarkScaleExport is `mobilize export` of the whole generated
// campaign, run as a child process, with
// its peak resident memory.
func BenchmarkScaleExport(b *testing.B) {
	db, last := benchDB(b)
	benchExport(b, db, last)
}

func benchExport(b *testing.B, db, last string) {
	out := filepath.Join(b.TempDir(), "x.xlsx")
	benchCommand(b, db, "export", "--date", last, "--out", out)
}

// benchCommand runs the command as a child process per op and reports
// the largest peak resident memory of them.
func benchCommand(b *testing.B, db string, args ...string) {
	var peak float64
	b.ResetTimer()
	for b.Loop() {
		peak = max(peak, benchRun(b, db, args...))
	}
	b.ReportMetric(peak, "peak-RSS-MB")
}

// BenchmarkScaleRosterJSON is `mobilize roster --json` of a million
// registrations, run as a child
// process writing to a discarding pipe, with its peak resident memory.
func BenchmarkScaleRosterJSON(b *testing.B) {
	db, _ := benchDB(b)
	benchCommand(b, db, "roster", "--json")
}

// BenchmarkScaleReport is `mobilize report` of the last day, run as a
// child process: opening the store and the tally (report's own
// benchmarks measure the tally alone).
func BenchmarkScaleReport(b *testing.B) {
	db, last := benchDB(b)
	benchCommand(b, db, "report", "--date", last)
}

// BenchmarkScaleBaselineCount is the same run's yardstick: one COUNT of
// the campaign's registrations.
func BenchmarkScaleBaselineCount(b *testing.B) {
	db, _ := benchDB(b)
	benchCount(b, db)
}

func benchCount(b *testing.B, db string) {
	s, err := models.OpenExisting(db, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.CountRegistrations(context.Background(), 1); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScaleOpen is what every command pays before its work: opening
// the store read-only (the schema's checks) and closing it.
func BenchmarkScaleOpen(b *testing.B) {
	db, _ := benchDB(b)
	benchOpen(b, db)
}

func benchOpen(b *testing.B, db string) {
	b.ResetTimer()
	for b.Loop() {
		s, err := models.OpenExisting(db, nil)
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// BenchmarkScalePostgres is the five above on the generated database on
// PostgreSQL, its own baseline count first (loadgen.OnPostgres: skipped
// unless MOBILIZE_TEST_POSTGRES and MOBILIZE_BENCH_POSTGRES are set):
//
//	MOBILIZE_TEST_POSTGRES=… MOBILIZE_BENCH_POSTGRES=1000000 go test -run '^$' -bench ScalePostgres -benchtime 1x ./cli
func BenchmarkScalePostgres(b *testing.B) {
	db, _, last := loadgen.OnPostgres(b, time.FixedZone("CST", 8*3600))
	b.Run("BaselineCount", func(b *testing.B) { benchCount(b, db) })
	b.Run("Open", func(b *testing.B) { benchOpen(b, db) })
	b.Run("Report", func(b *testing.B) { benchCommand(b, db, "report", "--date", last) })
	b.Run("Export", func(b *testing.B) { benchExport(b, db, last) })
	b.Run("RosterJSON", func(b *testing.B) { benchCommand(b, db, "roster", "--json") })
}
