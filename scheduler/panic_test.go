package scheduler

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"mobilize/chat"
	"mobilize/models"
)

// TestPanickingJobRunsAgainAtItsNextTick runs the real cron loop on
// synctest's fake clock: the job panics at its first tick, is recovered
// and logged, its run recorded as a panic, and it runs again at the next
// tick. Were SkipIfStillRunning inside Recover, the panic would keep its
// token and every later tick would be skipped.
func TestPanickingJobRunsAgainAtItsNextTick(t *testing.T) {
	// The store is opened outside the bubble: gorm keeps a goroutine for
	// its statement cache that never ends. Its clock, time.Now, is read
	// inside the bubble, so it follows the fake time.
	store, err := models.Open(filepath.Join(t.TempDir(), "t.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	synctest.Test(t, func(t *testing.T) {
		cfg := testConfig(t)
		cfg.Schedules.DailyTally = "* * * * *"
		cfg.Schedules.DeadlineReminder, cfg.Schedules.ChaseSilent = "off", "off"
		var logs bytes.Buffer
		s, err := New(Deps{Config: cfg, Store: store, Outbox: chat.NewOutbox(store, 0, nil),
			Log: slog.New(slog.NewTextHandler(&logs, nil))})
		if err != nil {
			t.Fatal(err)
		}
		var calls atomic.Int32
		j, _ := s.job("daily_tally")
		j.compute = func(*Scheduler, context.Context, Run) ([]Message, error) {
			if calls.Add(1) == 1 {
				panic("boom")
			}
			return nil, nil
		}
		s.Start(context.Background())
		time.Sleep(90 * time.Second) // fake time: the first tick, at 00:01
		synctest.Wait()
		if calls.Load() != 1 {
			t.Fatalf("after the first tick: %d calls", calls.Load())
		}
		time.Sleep(time.Minute) // the second tick, at 00:02
		synctest.Wait()
		s.Stop()
		if calls.Load() != 2 {
			t.Fatalf("the job ran %d times after panicking, want it to run again at its next tick", calls.Load())
		}
		runs, err := store.JobRuns(context.Background(), "daily_tally", 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(runs) != 2 || runs[1].Result != models.JobPanic || runs[1].Error != "boom" || runs[0].Result != models.JobOK {
			t.Errorf("runs recorded: %+v", runs)
		}
		if !strings.Contains(logs.String(), "cron panic") || !strings.Contains(logs.String(), "err=boom") {
			t.Errorf("the panic should be logged through slog with its error:\n%s", logs.String())
		}
	})
}
