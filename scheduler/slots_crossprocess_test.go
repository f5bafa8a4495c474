package scheduler

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"mobilize/chat"
	"mobilize/config"
	"mobilize/models"
)

// slotEnv carries a child process's orders in TestASlotRunsOnceAcrossProcesses.
const slotEnv = "MOBILIZE_SLOT_CHILD"

// slotJobs are the jobs the children run: one that sends figures, one
// that records nudges.
var slotJobs = []string{"daily_tally", "chase_silent"}

// slotConfig is the children's and the parent's configuration.
func slotConfig(tb testing.TB) config.Config {
	cfg := testConfig(tb)
	cfg.Tally.ToGroups = []string{"民政局指挥部群"}
	return cfg
}

// TestASlotRunsOnceAcrossProcesses: 4 processes, each with its own Store
// and scheduler on one database (as `run --account 值班号1` and `run
// --account 值班号2` on different hosts), run the tally and the chase for
// the same slot at once — at a cron tick; catching up at start-up the
// slot all of them missed while down; and catching up, besides, the
// tally's slot a fifth process claimed and was killed in (SIGKILL after
// queueing its first message). Each slot has exactly one run ok (and the
// killed one's left "running"); each message is queued once; each silent
// group is nudged once. On SQLite, and on PostgreSQL in .ci/run's second
// pass.
func TestASlotRunsOnceAcrossProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns 4 processes")
	}
	for _, mode := range []string{"tick", "catchup", "killed"} {
		t.Run(mode, func(t *testing.T) {
			f := newFixture(t, slotConfig(t), at(28, 9, 0))
			ctx := context.Background()
			f.orgs(t, groupA, groupB, groupC)
			c := f.campaign(t, "抗疫", 2, 0, 5, nil)
			f.deliver(t, c, at(28, 10, 0), groupA, groupB, groupC)
			f.signUp(t, c, groupA, "pioneer", 1) // A answered; B and C are silent
			slots := map[string]time.Time{"daily_tally": at(30, 20, 0), "chase_silent": at(30, 10, 0)}
			now := at(30, 20, 0)
			if mode != "tick" {
				// The last runs were the day before; the 30th's slots
				// passed while every process was down.
				for _, job := range slotJobs {
					f.clock.Set(slots[job].AddDate(0, 0, -1))
					r, err := f.store.StartJobRun(ctx, job, slots[job].AddDate(0, 0, -1), models.TriggerCron)
					if err != nil {
						t.Fatal(err)
					}
					if err := f.store.FinishJobRun(ctx, r.ID, models.JobOK, "", 0); err != nil {
						t.Fatal(err)
					}
				}
				now = at(30, 21, 0)
			}
			killed := 0
			if mode == "killed" {
				// Restarted a minute after the kill, inside the killed
				// run's claim: it is taken because its holder is gone.
				killSlotHolder(t, fmt.Sprintf("%s|%d|die", f.path, at(30, 20, 0).UnixNano()))
				killed, mode, now = 1, "catchup", at(30, 20, 1)
			}
			spawnSlotChildren(t, 4, fmt.Sprintf("%s|%d|%s", f.path, now.UnixNano(), mode))
			checkSlotsOnce(t, f, c, slots, killed)
		})
	}
}

// checkSlotsOnce checks each job ran its slot once, ok, and what it
// queued and recorded is there once: the tally to the admin and the
// bureau group, a nudge to each silent group (B, C) and the admin's list.
// killed tally runs were cut short, each after queueing one message.
func checkSlotsOnce(t *testing.T, f *fixture, c models.Campaign, slots map[string]time.Time, killed int) {
	t.Helper()
	ctx := context.Background()
	queued := 0
	for _, job := range slotJobs {
		var ok, cut []models.JobRun
		runs, err := f.store.JobRuns(ctx, job, 100)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range runs {
			switch {
			case !r.Slot.Equal(slots[job]):
			case r.Result == models.JobOK:
				ok = append(ok, r)
			default:
				cut = append(cut, r)
			}
		}
		want := 0
		if job == "daily_tally" {
			want = killed
		}
		if len(ok) != 1 || len(cut) != want || want > 0 && cut[0].Result != models.JobRunning {
			t.Errorf("%s: %d runs ok and %d others for the slot, want 1 ok and %d cut short: %+v %+v", job, len(ok), len(cut), want, ok, cut)
			continue
		}
		queued += ok[0].Queued
	}
	queued += killed
	keys := map[string]int{}
	notices := 0
	for _, r := range f.outbox(t) {
		if r.Kind == models.KindNotice {
			notices++
			keys[r.DedupeKey]++
		}
	}
	if notices != 5 || len(keys) != 5 || queued != 5 {
		t.Errorf("%d notices under %d keys, %d counted by the runs (and queued before a kill); want 5 each (tally ×2, nudges ×2, the admin's list)",
			notices, len(keys), queued)
	}
	nudges, err := f.store.NudgeCounts(ctx, c.ID, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := f.store.EnsureGroup(ctx, groupB)
	cg, _ := f.store.EnsureGroup(ctx, groupC)
	if len(nudges) != 2 || nudges[b.ID] != 1 || nudges[cg.ID] != 1 {
		t.Errorf("nudges by group id %v, want %s's (%d) and %s's (%d) once each", nudges, groupB, b.ID, groupC, cg.ID)
	}
}

// spawnSlotChildren starts procs children with orders, lets them begin
// together once all are ready, and waits for them.
func spawnSlotChildren(t *testing.T, procs int, orders string) {
	t.Helper()
	dir := t.TempDir()
	cmds := make([]*exec.Cmd, procs)
	outs := make([]strings.Builder, procs)
	for p := range procs {
		cmds[p] = exec.Command(os.Args[0], "-test.run=^TestSlotChild$", "-test.count=1", "-test.v")
		cmds[p].Env = append(os.Environ(), fmt.Sprintf("%s=%s|%s", slotEnv, orders, filepath.Join(dir, strconv.Itoa(p))))
		cmds[p].Stdout, cmds[p].Stderr = &outs[p], &outs[p]
		if err := cmds[p].Start(); err != nil {
			t.Fatal(err)
		}
	}
	for deadline := time.Now().Add(2 * time.Minute); countFiles(dir) < procs; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d processes ready after two minutes", countFiles(dir), procs)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "go"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for p, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("process %d: %v\n%s", p, err, outs[p].String())
		}
	}
}

// killSlotHolder starts a child with orders (mode die) and kills it with
// SIGKILL once it has claimed the tally's slot and queued one message.
func killSlotHolder(t *testing.T, orders string) {
	t.Helper()
	dir := t.TempDir()
	ready := filepath.Join(dir, "0")
	cmd := exec.Command(os.Args[0], "-test.run=^TestSlotChild$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%s|%s", slotEnv, orders, ready))
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ended := make(chan error, 1)
	go func() { ended <- cmd.Wait() }()
	if err := os.WriteFile(filepath.Join(dir, "go"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(5 * time.Millisecond) {
		if _, err := os.Stat(ready + ".queued"); err == nil {
			break
		}
		select {
		case err := <-ended:
			t.Fatalf("the process to kill ended by itself: %v\n%s", err, out.String())
		default:
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("the process to kill queued nothing in two minutes\n%s", out.String())
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-ended
}

// dyingQueuer queues one message, says so in a file, and hangs: a run
// killed in the middle of queueing.
type dyingQueuer struct {
	Queuer
	file string
}

func (d dyingQueuer) Put(ctx context.Context, m chat.Outgoing) (bool, error) {
	ok, err := d.Queuer.Put(ctx, m)
	if err == nil {
		err = os.WriteFile(d.file, nil, 0o600)
	}
	if err != nil {
		return ok, err
	}
	time.Sleep(time.Hour)
	return ok, nil
}

func countFiles(dir string) int {
	ents, _ := os.ReadDir(dir)
	return len(ents)
}

// TestSlotChild is one process of TestASlotRunsOnceAcrossProcesses; alone
// it has nothing to do. Its orders: the database, its clock, the mode and
// its ready file. When told to go it runs each job's slot as a cron tick
// does (tick; die hangs after queueing one message, to be killed), or
// starts its scheduler, which catches up (catchup).
func TestSlotChild(t *testing.T) {
	orders := os.Getenv(slotEnv)
	if orders == "" {
		t.Skip("run by TestASlotRunsOnceAcrossProcesses")
	}
	o := strings.Split(orders, "|")
	ns, _ := strconv.ParseInt(o[1], 10, 64)
	c := &clock{t: time.Unix(0, ns).In(shanghai)}
	store := openStore(t, o[0], c)
	var q Queuer = chat.NewOutbox(store, 0, nil)
	if o[2] == "die" {
		q = dyingQueuer{Queuer: q, file: o[3] + ".queued"}
	}
	s, err := New(Deps{Config: slotConfig(t), Store: store, Outbox: q,
		Log: slog.New(slog.NewTextHandler(os.Stdout, nil)), Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(o[3], nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(3 * time.Minute); ; time.Sleep(time.Millisecond) {
		if _, err := os.Stat(filepath.Join(filepath.Dir(o[3]), "go")); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("never told to go")
		}
	}
	ctx := context.Background()
	if o[2] == "catchup" {
		s.Start(ctx)
		s.Stop()
		return
	}
	for _, name := range slotJobs {
		j, _ := s.job(name)
		slot, _ := prevSlot(j.sched, c.Now())
		if _, err := s.execute(ctx, j, slot, models.TriggerCron, Run{}); err != nil {
			t.Error(err)
		}
	}
}
