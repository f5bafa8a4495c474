package report

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"mobilize/internal/loadgen"
	"mobilize/models"
)

// The scale benchmarks share one generated database (loadgen.ScaleSizes),
// made on first use. Run them with -bench only; see BENCHMARKS.md.
var scale struct {
	once     sync.Once
	dir      string
	path     string
	campaign uint
	last     string
	err      error
}

func scaleStore(b *testing.B) (*models.Store, uint, string) {
	b.Helper()
	scale.once.Do(func() {
		scale.dir, scale.err = os.MkdirTemp("", "mobilize-bench-")
		if scale.err == nil {
			scale.path, scale.campaign, scale.last, scale.err = loadgen.Database(context.Background(), scale.dir,
				loadgen.ScaleSizes, shanghai)
		}
	})
	if scale.err != nil {
		b.Fatal(scale.err)
	}
	s, err := models.OpenExisting(scale.path, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s, scale.campaign, scale.last
}

func TestMain(m *testing.M) {
	code := m.Run()
	if scale.dir != "" {
		os.RemoveAll(scale.dir)
	}
	os.Exit(code)
}

// BenchmarkScaleBaselineCount is the yardstick: counting the campaign's
// registrations (an index range, the cheapest look at every row).
func BenchmarkScaleBaselineCount(b *testing.B) {
	s, c, _ := scaleStore(b)
	benchCount(b, s, c)
}

func benchCount(b *testing.B, s *models.Store, c uint) {
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.CountRegistrations(ctx, c); err != nil {
			b.Fatal(err)
		}
	}
}

// benchScaleTally is benchTally on the SQLite database.
func benchScaleTally(b *testing.B, daysBack int) {
	s, c, last := scaleStore(b)
	benchTally(b, s, c, last, daysBack)
}

// benchTally is report.Compute for the day daysBack before last.
func benchTally(b *testing.B, s *models.Store, c uint, last string, daysBack int) {
	ctx := context.Background()
	if zone, err := s.LedgerZone(ctx); err != nil || zone == nil {
		b.Fatalf("the database has no status ledger (%v): open a copy once for writing first (mobilize --db COPY console </dev/null)", err)
	}
	d, _ := time.Parse("2006-01-02", last)
	date := d.AddDate(0, 0, -daysBack).Format("2006-01-02")
	b.ResetTimer()
	for b.Loop() {
		if _, err := Compute(ctx, s, c, date, shanghai); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScaleTallyToday is `mobilize report` on the last day.
func BenchmarkScaleTallyToday(b *testing.B) { benchScaleTally(b, 0) }

// BenchmarkScaleTallyMidway is `mobilize report --date` half-way through.
func BenchmarkScaleTallyMidway(b *testing.B) { benchScaleTally(b, 15) }

// BenchmarkScaleTallyFirstDay is the campaign's first day.
func BenchmarkScaleTallyFirstDay(b *testing.B) { benchScaleTally(b, 29) }

// BenchmarkScalePostgres is the same four on the generated database on
// PostgreSQL, its own baseline count first (loadgen.OnPostgres: skipped
// unless MOBILIZE_TEST_POSTGRES and MOBILIZE_BENCH_POSTGRES are set):
//
//	MOBILIZE_TEST_POSTGRES=… MOBILIZE_BENCH_POSTGRES=1000000 go test -run '^$' -bench ScalePostgres -benchtime 5x ./report
func BenchmarkScalePostgres(b *testing.B) {
	dsn, c, last := loadgen.OnPostgres(b, shanghai)
	s, err := models.OpenExisting(dsn, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.Run("BaselineCount", func(b *testing.B) { benchCount(b, s, c) })
	b.Run("TallyToday", func(b *testing.B) { benchTally(b, s, c, last, 0) })
	b.Run("TallyMidway", func(b *testing.B) { benchTally(b, s, c, last, 15) })
	b.Run("TallyFirstDay", func(b *testing.B) { benchTally(b, s, c, last, 29) })
}
