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
	out := filepath.Join(b.TempDir(), "x.xlsx")
	var peak float64
	b.ResetTimer()
	for b.Loop() {
		peak = max(peak, benchRun(b, db, "export", "--date", last, "--out", out))
	}
	b.ReportMetric(peak, "peak-RSS-MB")
}

// BenchmarkScaleRosterJSON is `mobilize roster --json` of a million
// registrations, run as a child
// process writing to a discarding pipe, with its peak resident memory.
func BenchmarkScaleRosterJSON(b *testing.B) {
	db, _ := benchDB(b)
	var peak float64
	b.ResetTimer()
	for b.Loop() {
		peak = max(peak, benchRun(b, db, "roster", "--json"))
	}
	b.ReportMetric(peak, "peak-RSS-MB")
}

// BenchmarkScaleBaselineCount is the same run's yardstick: one COUNT of
// the campaign's registrations.
func BenchmarkScaleBaselineCount(b *testing.B) {
	db, _ := benchDB(b)
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
