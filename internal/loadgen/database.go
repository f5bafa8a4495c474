package loadgen

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"mobilize/models"
)

// ScaleSizes are the trust issue's scale goals: a million registrations,
// a hundred thousand service records, ten thousand pledges, a thousand
// organizations, over thirty days.
var ScaleSizes = Sizes{Registrations: 1_000_000, ServiceLogs: 100_000, Pledges: 10_000, Organizations: 1_000, Days: 30}

// Database returns the path of a generated database of n for the report
// and export benchmarks: $MOBILIZE_BENCH_DB when it names an existing
// file (generated earlier: a million rows take minutes on a shared
// machine), otherwise a new file in dir (generated now, and kept at
// $MOBILIZE_BENCH_DB when that is set). It returns the campaign and the
// day the generated data ends.
func Database(ctx context.Context, dir string, n Sizes, loc *time.Location) (path string, campaign uint, last string, err error) {
	last = time.Date(2026, 11, 1, 0, 0, 0, 0, loc).AddDate(0, 0, n.Days-1).Format("2006-01-02")
	path = os.Getenv("MOBILIZE_BENCH_DB")
	if path != "" {
		if _, err := os.Stat(path); err == nil {
			return path, 1, last, nil
		}
	} else {
		path = filepath.Join(dir, "bench.db")
	}
	s, err := models.Open(path, nil)
	if err != nil {
		return "", 0, "", err
	}
	defer s.Close()
	if empty, err := s.IsEmpty(ctx); err != nil || !empty {
		return "", 0, "", fmt.Errorf("bench database %s is not empty (%v)", path, err)
	}
	c, _, err := Generate(ctx, s, n, loc)
	return path, c.ID, last, err
}
