package models

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// drainEnv carries a child process's orders in
// TestOutboxDrainedByFourProcessesOneKilled.
const drainEnv = "MOBILIZE_DRAIN_CHILD"

// TestOutboxDrainedByFourProcessesOneKilled: 4 processes, each with its
// own Store, drain one account's 400 rows at once, claiming with
// ClaimNextOutbox and "sending" by appending the row's id to a file of
// their own between claim and mark — the moment a real send happens. One
// is killed with SIGKILL in the middle of a send (its id written, the row
// not marked). Once the others have finished and recovery has run
// (MarkInterrupted, what the account's next lease holder does first),
// every row was sent exactly once and is "sent", except the one in flight
// at the kill: sent once and "uncertain". None was sent twice. On SQLite
// (the write lock) and on PostgreSQL (SKIP LOCKED), in the suite's second
// pass (.ci/run).
func TestOutboxDrainedByFourProcessesOneKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns 4 processes")
	}
	const procs, rows, killAfter = 4, 400, 10
	dsn := testDSN(t)
	s, err := Open(dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	queueRows(t, s, "甲号", rows, "A群", "B群", "C群", "D群", "E群")
	s.Now = time.Now // the children's clock: rows are due

	dir := t.TempDir()
	cmds := make([]*exec.Cmd, procs)
	outs := make([]strings.Builder, procs)
	for p := range procs {
		die := 0
		if p == 0 {
			die = killAfter
		}
		cmds[p] = exec.Command(os.Args[0], "-test.run=^TestOutboxDrainChild$", "-test.count=1", "-test.v")
		cmds[p].Env = append(os.Environ(), fmt.Sprintf("%s=%s|%s|%d", drainEnv, dsn, sendsFile(dir, p), die))
		cmds[p].Stdout, cmds[p].Stderr = &outs[p], &outs[p]
		if err := cmds[p].Start(); err != nil {
			t.Fatal(err)
		}
	}
	startDrain(t, dir, procs)
	killMidSend(t, cmds[0], &outs[0], sendsFile(dir, 0), killAfter)
	for p := 1; p < procs; p++ {
		if err := cmds[p].Wait(); err != nil {
			t.Fatalf("process %d: %v\n%s", p, err, outs[p].String())
		}
	}

	interrupted, err := s.MarkInterrupted(context.Background(), "甲号", "killed mid-send")
	if err != nil {
		t.Fatal(err)
	}
	sends := map[uint]int{}
	perProc := make([]int, procs)
	for p := range procs {
		for _, id := range readSends(t, sendsFile(dir, p)) {
			sends[id]++
			perProc[p]++
		}
	}
	t.Logf("sends per process: %v", perProc)
	if perProc[0] != killAfter || len(interrupted) != 1 {
		t.Fatalf("killed process sent %d (want %d), %d rows left sending (want 1)", perProc[0], killAfter, len(interrupted))
	}
	checkDrained(t, s, sends, interrupted[0].ID)
}

// checkDrained checks every row was sent exactly once and is "sent", but
// inFlight, sent once and "uncertain".
func checkDrained(t *testing.T, s *Store, sends map[uint]int, inFlight uint) {
	t.Helper()
	all, err := s.OutboxRows(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	wrong := 0
	for _, r := range all {
		want := OutboxSent
		if r.ID == inFlight {
			want = OutboxUncertain
		}
		if sends[r.ID] != 1 || r.Status != want {
			if wrong++; wrong <= 5 {
				t.Errorf("row %d: sent %d times, %s; want once, %s", r.ID, sends[r.ID], r.Status, want)
			}
		}
	}
	if wrong > 0 || len(sends) != len(all) {
		t.Fatalf("%d of %d rows wrong; %d distinct rows sent", wrong, len(all), len(sends))
	}
}

// killMidSend waits until the process has written its n-th send (it then
// stops before marking it, as if WeChat were slow to answer) and kills it
// with SIGKILL.
func killMidSend(t *testing.T, cmd *exec.Cmd, out *strings.Builder, file string, n int) {
	t.Helper()
	ended := make(chan error, 1)
	go func() { ended <- cmd.Wait() }()
	deadline := time.After(time.Minute)
	for len(readSends(t, file)) < n {
		select {
		case err := <-ended:
			t.Fatalf("the process to kill ended by itself after %d sends: %v\n%s", len(readSends(t, file)), err, out.String())
		case <-deadline:
			cmd.Process.Kill()
			t.Fatalf("the process to kill sent only %d of %d in a minute", len(readSends(t, file)), n)
		case <-time.After(5 * time.Millisecond):
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	var exit *exec.ExitError
	if err := <-ended; !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("the killed process ended with %v, not SIGKILL", err)
	}
}

// TestOutboxDrainChild is one process of
// TestOutboxDrainedByFourProcessesOneKilled; alone it has nothing to do.
// It claims rows until none is left, recording each send in its file
// before marking it sent; with a number to die after, it stops after that
// many sends, its last row claimed and sent but not marked, and waits to
// be killed.
func TestOutboxDrainChild(t *testing.T) {
	s, f, ok := childStore(t, drainEnv)
	if !ok {
		t.Skip("run by TestOutboxDrainedByFourProcessesOneKilled")
	}
	die, _ := strconv.Atoi(f[1])
	out, err := os.OpenFile(f[0], os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	awaitStart(t, filepath.Dir(f[0]))
	if die == 0 {
		// The others begin once the process to kill has sent its first:
		// on a loaded machine it can otherwise start last and find the
		// outbox drained before its killAfter-th send (seen in CI: 23 of
		// 40).
		awaitFirstSend(t, sendsFile(filepath.Dir(f[0]), 0))
	}
	ctx := context.Background()
	for n := 1; ; n++ {
		m, err := s.ClaimNextOutbox(ctx, OutboxClaim{Account: "甲号"})
		if errors.Is(err, ErrNotFound) {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		// The send: one write(2) of the id, which outlives a SIGKILL.
		if _, err := fmt.Fprintf(out, "%d\n", m.ID); err != nil {
			t.Fatal(err)
		}
		if n == die {
			time.Sleep(time.Hour)
		}
		time.Sleep(time.Millisecond) // WeChat's answer
		// As chat.Sender: a row another process has marked meanwhile (were
		// the claim not exclusive) is logged, and the drain goes on.
		if err := s.FinishOutbox(ctx, m.ID, OutboxOutcome{Status: OutboxSent}); err != nil && !errors.Is(err, ErrNotFound) {
			t.Fatal(err)
		} else if err != nil {
			t.Log(err)
		}
	}
}

// startDrain waits until every process has opened its store and made its
// file (however slowly a loaded machine starts them), then tells them all
// to begin, so they drain together.
func startDrain(t *testing.T, dir string, procs int) {
	t.Helper()
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(5 * time.Millisecond) {
		ready := 0
		for p := range procs {
			if _, err := os.Stat(sendsFile(dir, p)); err == nil {
				ready++
			}
		}
		if ready == procs {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d processes ready after two minutes", ready, procs)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "go"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
}

// awaitFirstSend waits until file records a send.
func awaitFirstSend(t *testing.T, file string) {
	for deadline := time.Now().Add(3 * time.Minute); len(readSends(t, file)) == 0; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the process to kill never sent")
		}
	}
}

// awaitStart waits for startDrain's word.
func awaitStart(t *testing.T, dir string) {
	for deadline := time.Now().Add(3 * time.Minute); ; time.Sleep(2 * time.Millisecond) {
		if _, err := os.Stat(filepath.Join(dir, "go")); err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("never told to start")
		}
	}
}

// sendsFile is where process p records its sends.
func sendsFile(dir string, p int) string { return filepath.Join(dir, fmt.Sprintf("sends-%d", p)) }

// readSends reads the ids a process recorded as sent; a file not yet made
// has none.
func readSends(t *testing.T, file string) []uint {
	t.Helper()
	f, err := os.Open(file)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var ids []uint
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		id, err := strconv.ParseUint(sc.Text(), 10, 64)
		if err != nil {
			continue // a line being written
		}
		ids = append(ids, uint(id))
	}
	return ids
}
