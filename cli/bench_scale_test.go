package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"mobilize/models"
)

// benchDB is the generated scale database (models.ScaleSizes); set
// MOBILIZE_BENCH_DB to reuse one across runs (see BENCHMARKS.md).
func benchDB(b *testing.B) (string, string) {
	b.Helper()
	path, _, last, err := models.BenchDatabase(context.Background(), b.TempDir(), models.ScaleSizes, time.FixedZone("CST", 8*3600))
	if err != nil {
		b.Fatal(err)
	}
	return path, last
}

// peakRSS resets the kernel's peak-RSS mark for this process, runs fn, and
// returns the peak resident memory in MB while it ran (Linux only: 0
// elsewhere).
func peakRSS(fn func()) float64 {
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
	fn()
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(status), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.Atoi(f[1])
			return float64(kb) / 1024
		}
	}
	return 0
}

func benchRun(b *testing.B, db string, stdout io.Writer, args ...string) {
	var errb bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: stdout, Stderr: &errb, Getenv: func(string) string { return "" }}
	if code := Run(context.Background(), append([]string{"--db", db}, args...), env); code != 0 {
		b.Fatalf("%v: %s", args, errb.String())
	}
}

// BenchmarkScaleExport is `mobilize export` of the whole generated
// campaign, with the process's peak resident memory.
func BenchmarkScaleExport(b *testing.B) {
	db, last := benchDB(b)
	out := filepath.Join(b.TempDir(), "x.xlsx")
	var peak float64
	b.ResetTimer()
	for b.Loop() {
		peak = max(peak, peakRSS(func() { benchRun(b, db, io.Discard, "export", "--date", last, "--out", out) }))
	}
	b.ReportMetric(peak, "peak-RSS-MB")
}

// BenchmarkScaleRosterJSON is `mobilize roster --json` of a million
// registrations to a discarding writer, with peak resident memory.
func BenchmarkScaleRosterJSON(b *testing.B) {
	db, _ := benchDB(b)
	var peak float64
	b.ResetTimer()
	for b.Loop() {
		peak = max(peak, peakRSS(func() { benchRun(b, db, io.Discard, "roster", "--json") }))
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
