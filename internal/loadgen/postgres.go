package loadgen

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"mobilize/internal/pgtest"
)

// PostgresEnv asks for the scale benchmarks on PostgreSQL and says at how
// many registrations: 1000000 is ScaleSizes, fewer the same proportions
// (Scaled). Without it they are skipped even when the test server is
// set: generating a million registrations there takes minutes, and a
// plain -bench . on the suite's server should not start that.
const PostgresEnv = "MOBILIZE_BENCH_POSTGRES"

// OnPostgres is the scale benchmarks' generated database on the test
// server ($MOBILIZE_TEST_POSTGRES): a schema kept across runs,
// bench_<registrations>, filled on first use (At). It returns its URL,
// the campaign and the day the data ends, and skips tb unless both
// variables are set.
func OnPostgres(tb testing.TB, loc *time.Location) (dsn string, campaign uint, last string) {
	tb.Helper()
	n, err := postgresSizes()
	if err != nil {
		tb.Fatal(err)
	}
	if pgtest.URL() == "" || n.Registrations == 0 {
		tb.Skipf("set %s and %s (registrations, e.g. 1000000) to run the scale benchmarks on PostgreSQL", pgtest.Env, PostgresEnv)
	}
	dsn = pgtest.Kept(tb, fmt.Sprintf("bench_%d", n.Registrations))
	start := time.Now()
	campaign, last, err = At(context.Background(), dsn, n, loc)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Logf("%d registrations on PostgreSQL ready (generated or found) in %v", n.Registrations, time.Since(start).Round(time.Millisecond))
	return dsn, campaign, last
}

// postgresSizes reads PostgresEnv; zero registrations when it is unset.
func postgresSizes() (Sizes, error) {
	v := os.Getenv(PostgresEnv)
	if v == "" {
		return Sizes{}, nil
	}
	regs, err := strconv.Atoi(v)
	if err != nil || regs < 1 {
		return Sizes{}, fmt.Errorf("%s=%q: want a number of registrations", PostgresEnv, v)
	}
	if regs == ScaleSizes.Registrations {
		return ScaleSizes, nil
	}
	return Scaled(regs), nil
}
