package models

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkOrgsImportMemory imports 500 and then 5,000 new organizations,
// each with a group, and reports how much each raised the process's peak
// resident memory (SQLite's own memory is in C, outside Go's heap
// statistics, so the kernel's peak is read: VmHWM, reset through
// /proc/self/clear_refs before each import). ratio is the larger import's
// rise over the smaller's: 10 when memory grows with the rows, near 1
// when it does not. Ceiling: the 5,000-row import may raise the peak by
// at most 40 MB (before streaming it was about 300 MB, 60 KB a row).
func BenchmarkOrgsImportMemory(b *testing.B) {
	if err := resetPeakRSS(); err != nil {
		b.Skipf("peak memory not readable here: %v", err)
	}
	for b.Loop() {
		small, _ := importRise(b, 500)
		large, took := importRise(b, 5000)
		b.ReportMetric(float64(small)/(1<<20), "500-MB")
		b.ReportMetric(float64(large)/(1<<20), "5000-MB")
		b.ReportMetric(float64(large)/float64(max(small, 1<<20)), "ratio")
		b.ReportMetric(5000/took.Seconds(), "rows/s")
		if large > 40<<20 {
			b.Fatalf("importing 5,000 rows raised peak memory by %d MB (ceiling 40 MB)", large>>20)
		}
	}
}

// importRise imports n new organizations into a fresh database and
// returns how much the peak resident memory rose, and how long it took.
func importRise(b *testing.B, n int) (int64, time.Duration) {
	b.Helper()
	s, err := Open(filepath.Join(b.TempDir(), "import.db"), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	rows := make([]OrgRow, n)
	for i := range rows {
		rows[i] = OrgRow{Name: fmt.Sprintf("广安市第%d号社会组织协会", i), Kind: "协会",
			Group: fmt.Sprintf("第%d号协会志愿服务群", i), Contact: "联系人", Tags: []string{"广安区", "教育"}}
	}
	if err := resetPeakRSS(); err != nil {
		b.Fatal(err)
	}
	before, err := procStatus("VmRSS")
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if _, _, err := s.ImportOrgs(context.Background(), rows); err != nil {
		b.Fatal(err)
	}
	took := time.Since(start)
	peak, err := procStatus("VmHWM")
	if err != nil {
		b.Fatal(err)
	}
	return peak - before, took
}

// resetPeakRSS sets the process's peak resident memory to its current one.
func resetPeakRSS() error {
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// procStatus reads a memory line of /proc/self/status, in bytes.
func procStatus(key string) (int64, error) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), key+":"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10, err
		}
	}
	return 0, fmt.Errorf("no %s in /proc/self/status", key)
}
