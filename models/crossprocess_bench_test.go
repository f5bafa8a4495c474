package models

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// bareEnv carries a child's orders in BenchmarkSignUpProcesses' baseline.
const bareEnv = "MOBILIZE_BARE_CHILD"

// BenchmarkSignUpProcesses: 2,000 sign-ups for one role (room for all) by
// 1, 2, 4 and 8 processes of 250 concurrent callers each share, on the
// suite's database (PostgreSQL in .ci/run's second pass), against the
// baseline of the same number of bare single-row INSERTs, each its own
// transaction, by the same processes and callers, into a two-column
// table on the same server, in the same run. Reported: sign-ups/s and
// the ratio to bare inserts/s (BENCHMARKS.md).
//
//	MOBILIZE_TEST_POSTGRES=… go test -run '^$' -bench SignUpProcesses -benchtime 1x ./models
func BenchmarkSignUpProcesses(b *testing.B) {
	const total = 2000
	for _, procs := range []int{1, 2, 4, 8} {
		b.Run(fmt.Sprintf("procs=%d", procs), func(b *testing.B) {
			var signUps, bare time.Duration
			for range b.N {
				dsn := testDSN(b)
				s, err := Open(dsn, nil)
				if err != nil {
					b.Fatal(err)
				}
				c := mustCampaign(b, s, total, 0)
				if err := s.db.Exec(`CREATE TABLE bare_inserts (id BIGINT NOT NULL, name TEXT NOT NULL)`).Error; err != nil {
					b.Fatal(err)
				}
				s.Close()
				bare += spawnChildren(b, procs, func(p int) string {
					return fmt.Sprintf("%s=%s|%d|%d", bareEnv, dsn, p, total/procs)
				}, "^TestBareInsertChild$")
				signUps += spawnChildren(b, procs, func(p int) string {
					return fmt.Sprintf("%s=%s|%d|%d|%d", helperEnv, dsn, c.ID, p, total/procs)
				}, "^TestSignUpChild$")
			}
			n := float64(total * b.N)
			b.ReportMetric(n/signUps.Seconds(), "signups/s")
			b.ReportMetric(n/bare.Seconds(), "bare_inserts/s")
			b.ReportMetric(bare.Seconds()/signUps.Seconds(), "ratio")
			b.ReportMetric(0, "ns/op")
		})
	}
}

// spawnChildren runs procs children of this test binary, each running
// test with the environment orders(p) gives, and returns the time from
// the moment they all begin their work (startAt: each opens its store
// first, then waits for it, so start-up is not measured) to the last
// one's end, which each prints (childEnd).
func spawnChildren(tb testing.TB, procs int, orders func(p int) string, test string) time.Duration {
	tb.Helper()
	startAt := time.Now().Add(2*time.Second + time.Duration(procs)*400*time.Millisecond)
	cmds := make([]*exec.Cmd, procs)
	outs := make([]strings.Builder, procs)
	for p := range procs {
		cmds[p] = exec.Command(os.Args[0], "-test.run="+test, "-test.count=1", "-test.bench=^$", "-test.v")
		cmds[p].Env = append(os.Environ(), orders(p), fmt.Sprintf("%s=%d", startEnv, startAt.UnixNano()))
		cmds[p].Stdout, cmds[p].Stderr = &outs[p], &outs[p]
	}
	var wg sync.WaitGroup
	errs := make([]error, procs)
	for p, cmd := range cmds {
		wg.Add(1)
		go func() { defer wg.Done(); errs[p] = cmd.Run() }()
	}
	wg.Wait()
	var last time.Time
	for p, err := range errs {
		if err != nil {
			tb.Fatalf("process %d: %v\n%s", p, err, outs[p].String())
		}
		_, after, ok := strings.Cut(outs[p].String(), childEnd)
		ns, perr := strconv.ParseInt(strings.Fields(after + " x")[0], 10, 64)
		if !ok || perr != nil {
			tb.Fatalf("process %d printed no end:\n%s", p, outs[p].String())
		}
		if end := time.Unix(0, ns); end.After(last) {
			last = end
		}
	}
	return last.Sub(startAt)
}

// startEnv and childEnd are how a child learns when to begin and says
// when it ended.
const (
	startEnv = "MOBILIZE_CHILD_START"
	childEnd = "CHILD-END "
)

// childWindow waits for the moment startEnv names (now, without one) and
// returns the function that prints the child's end.
func childWindow(t *testing.T) func() {
	if at, err := strconv.ParseInt(os.Getenv(startEnv), 10, 64); err == nil {
		time.Sleep(time.Until(time.Unix(0, at)))
	}
	return func() { fmt.Printf("%s%d\n", childEnd, time.Now().UnixNano()) }
}

// TestBareInsertChild is one process of BenchmarkSignUpProcesses'
// baseline; alone it has nothing to do.
func TestBareInsertChild(t *testing.T) {
	s, f, ok := childStore(t, bareEnv)
	if !ok {
		t.Skip("run by BenchmarkSignUpProcesses")
	}
	inParallel(t, f[0], f[1], func(n int) {
		if err := s.db.Exec(`INSERT INTO bare_inserts (id, name) VALUES (?, ?)`, n, phone(n)).Error; err != nil {
			t.Errorf("insert %d: %v", n, err)
		}
	})
}
