package scheduler

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"mobilize/models"
)

// TestNoDoubleSendAcrossRestart: the process queues a slot's messages and
// dies before recording the run's end. At restart the slot is run again
// (its run never finished, and its claim's holder is gone from this host,
// so the claim is taken at once) and queues nothing new: the outbox
// already holds every message under its job:slot:target key.
func TestNoDoubleSendAcrossRestart(t *testing.T) {
	cfg := testConfig(t)
	cfg.Tally.ToGroups = []string{"民政局指挥部群"}
	f := newFixture(t, cfg, at(30, 20, 0))
	ctx := context.Background()
	f.oneSignUp(t)

	// What execute does up to the moment of the kill: the slot is
	// claimed by the process (of this host, gone by the restart) and its
	// messages are queued.
	slot := at(30, 20, 0)
	j, _ := f.sched.job("daily_tally")
	host, _ := os.Hostname()
	if _, err := f.store.ClaimSlot(ctx, models.SlotClaim{Job: j.name, Slot: slot, Trigger: models.TriggerCron,
		Holder: "killed", Host: host, PID: 1 << 30, TTL: time.Hour}); err != nil {
		t.Fatal(err)
	}
	msgs, err := j.compute(f.sched, ctx, Run{Slot: slot})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := f.sched.deliver(ctx, j.name, slot, msgs); err != nil || n != 2 {
		t.Fatalf("queued %d before the kill: %v", n, err)
	}

	// Restart a few minutes later: the database reopened, a new outbox
	// and scheduler.
	f.store.Close()
	f.clock.Set(at(30, 20, 5))
	f.store = openStore(t, f.path, f.clock)
	s := f.scheduler(t, cfg)
	s.Start(ctx)
	s.Stop()

	if rows := f.outbox(t); len(rows) != 2 {
		t.Fatalf("outbox after restart has %d rows, want the 2 queued before the kill", len(rows))
	}
	runs, _ := f.store.JobRuns(ctx, j.name, 10)
	if len(runs) != 2 || runs[0].Trigger != models.TriggerCatchUp || runs[0].Result != models.JobOK || runs[0].Queued != 0 ||
		runs[1].Result != models.JobRunning {
		t.Errorf("runs: %+v", runs)
	}
	if !strings.Contains(f.logs.String(), "did not finish") {
		t.Errorf("the catch-up should be logged:\n%s", f.logs.String())
	}
	// A second restart finds the slot done and runs nothing.
	s = f.scheduler(t, cfg)
	s.Start(ctx)
	s.Stop()
	if runs, _ := f.store.JobRuns(ctx, j.name, 10); len(runs) != 2 {
		t.Errorf("second restart ran again: %+v", runs)
	}
}

// TestCatchUpOnlyTheLastMissedSlot: down from the 26th's tally to the
// 30th's morning, the bot sends one tally — the 29th's — and says how many
// slots it missed.
func TestCatchUpOnlyTheLastMissedSlot(t *testing.T) {
	cfg := testConfig(t)
	f := newFixture(t, cfg, at(26, 20, 0))
	ctx := context.Background()
	f.oneSignUp(t)
	j, _ := f.sched.job("daily_tally")
	if _, err := f.sched.execute(ctx, j, at(26, 20, 0), models.TriggerCron, Run{}); err != nil {
		t.Fatal(err)
	}
	f.clock.Set(at(30, 9, 0))
	s := f.scheduler(t, cfg)
	s.Start(ctx)
	s.Stop()
	rows := f.outbox(t)
	if len(rows) != 2 || !strings.HasPrefix(rows[1].Text, "【抗疫】2026年11月29日统计") {
		t.Fatalf("outbox: %+v; want the 26th's tally and the 29th's", rows)
	}
	runs, _ := f.store.JobRuns(ctx, j.name, 10)
	if len(runs) != 2 || runs[0].Trigger != models.TriggerCatchUp || !runs[0].Slot.Equal(at(29, 20, 0)) {
		t.Errorf("runs: %+v", runs)
	}
	if !strings.Contains(f.logs.String(), "running only the last") || !strings.Contains(f.logs.String(), "missed=3") {
		t.Errorf("the catch-up should say what it skipped:\n%s", f.logs.String())
	}
	// Other jobs never ran: nothing to catch up for them.
	if runs, _ := f.store.JobRuns(ctx, "deadline_reminder", 10); len(runs) != 0 {
		t.Errorf("a job that never ran was caught up: %+v", runs)
	}
}

// TestASlotHeldOnAnotherHostIsRunOnceItsClaimRunsOut: the slot's run was
// started by a process of another host, which cannot be seen to be gone.
// A restart here leaves it alone while the claim is live (it may be
// running), then looks again when the claim runs out and, the run still
// unfinished, runs the slot once.
func TestASlotHeldOnAnotherHostIsRunOnceItsClaimRunsOut(t *testing.T) {
	f, s, far := heldOnAnotherHost(t)
	defer s.Stop()
	ctx, slot := context.Background(), far.Slot
	if runs, _ := f.store.JobRuns(ctx, "daily_tally", 10); len(runs) != 1 || len(f.outbox(t)) != 0 {
		t.Fatalf("a live claim of another host was taken: runs %+v", runs)
	}
	f.clock.Set(slot.Add(2 * time.Second)) // the claim has run out by the second look
	var runs []models.JobRun
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		runs, _ = f.store.JobRuns(ctx, "daily_tally", 10)
		if len(runs) == 2 && runs[0].Result != models.JobRunning || time.Now().After(deadline) {
			break
		}
	}
	s.Stop()
	if len(runs) != 2 || runs[0].Trigger != models.TriggerCatchUp || runs[0].Result != models.JobOK || runs[1].ID != far.ID {
		t.Fatalf("runs %+v, want the far run and one catch-up, ok", runs)
	}
	if rows := f.outbox(t); len(rows) != 1 {
		t.Errorf("outbox %+v, want the tally once", rows)
	}
	if !strings.Contains(f.logs.String(), "slot run by another process") || !strings.Contains(f.logs.String(), "second look") {
		t.Errorf("the wait and the second look should be logged:\n%s", f.logs.String())
	}
}

// heldOnAnotherHost is the tally's 20:00 slot claimed for a second by a
// process of another host, and a scheduler of this one started just then
// (its catch-up kept out by the claim).
func heldOnAnotherHost(t *testing.T) (*fixture, *Scheduler, models.JobRun) {
	t.Helper()
	cfg := testConfig(t)
	f := newFixture(t, cfg, at(30, 20, 0))
	f.oneSignUp(t)
	far, err := f.store.ClaimSlot(context.Background(), models.SlotClaim{Job: "daily_tally", Slot: at(30, 20, 0),
		Trigger: models.TriggerCron, Holder: "far", Host: "另一台主机", PID: 1, TTL: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	s := f.scheduler(t, cfg)
	s.Start(context.Background())
	return f, s, far
}

// oneSignUp makes a campaign with one sign-up in group A: a tally to send.
func (f *fixture) oneSignUp(tb testing.TB) {
	tb.Helper()
	f.orgs(tb, groupA)
	c := f.campaign(tb, "抗疫", 2, 0, 5, nil)
	f.signUp(tb, c, groupA, "pioneer", 1)
}

// TestASlotThatFailedOnAnotherHostWaitsForTheNextTick: the other host's
// run of the slot failed while this process waited for its claim; the
// second look leaves the slot to the job's next tick, as a failure in one
// process is.
func TestASlotThatFailedOnAnotherHostWaitsForTheNextTick(t *testing.T) {
	f, s, far := heldOnAnotherHost(t)
	defer s.Stop()
	ctx, slot := context.Background(), far.Slot
	if err := f.store.FinishJobRun(ctx, far.ID, models.JobFailed, "数据库忙", 0); err != nil {
		t.Fatal(err)
	}
	f.clock.Set(slot.Add(2 * time.Second))
	for deadline := time.Now().Add(30 * time.Second); !strings.Contains(f.logs.String(), "second look"); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no second look in 30 s:\n%s", f.logs.String())
		}
	}
	s.Stop()
	if runs, _ := f.store.JobRuns(ctx, "daily_tally", 10); len(runs) != 1 || len(f.outbox(t)) != 0 {
		t.Errorf("the failed slot was run again by the second look: %+v", runs)
	}
}
