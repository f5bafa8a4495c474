package models

import (
	"testing"
	"time"
)

// What the external tests (package models_test, which may import
// internal/loadgen: it imports models, so the package's own tests cannot)
// need of the package's test helpers.
var (
	MustOpen       = mustOpen
	MustOpenSQLite = mustOpenSQLite
	TestDSN        = testDSN
	CountsMap      = countsMap
	CopiedTables   = copiedTables
)

// CheckDay is checkDay for external tests.
func CheckDay(t *testing.T, s *Store, c Campaign, start, end time.Time) {
	checkDay(t, s, c, start, end)
}

// RawCount runs a COUNT(*) query with ? placeholders and returns its number.
func RawCount(tb testing.TB, s *Store, q string, args ...any) int64 {
	tb.Helper()
	var n int64
	if err := s.db.Raw(q, args...).Scan(&n).Error; err != nil {
		tb.Fatal(err)
	}
	return n
}
