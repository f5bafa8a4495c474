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
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.CountRegistrations(ctx, c); err != nil {
			b.Fatal(err)
		}
	}
}

func benchTally(b *testing.B, daysBack int) {
	s, c, last := scaleStore(b)
	ctx := context.Background()
	if zone, err := s.LedgerZone(ctx); err != nil || zone == nil {
		b.Fatalf("%s has no status ledger (%v): open a copy once for writing first (mobilize --db COPY console </dev/null)", scale.path, err)
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
func BenchmarkScaleTallyToday(b *testing.B) { benchTally(b, 0) }

// BenchmarkScaleTallyMidway is `mobilize report --date` half-way through.
func BenchmarkScaleTallyMidway(b *testing.B) { benchTally(b, 15) }

// BenchmarkScaleTallyFirstDay is the campaign's first day.
func BenchmarkScaleTallyFirstDay(b *testing.B) { benchTally(b, 29) }
