// Package scheduler runs the bot's timed jobs on cron specs from the
// config: the daily tally, deadline reminders, nudges to silent groups and
// progress lines. Jobs only compute from the Store and queue through the
// outbox; they never talk to WeChat. Every run is recorded, and every
// message carries a dedupe key made of job, slot and target, so a slot is
// never sent twice — not across a restart, not when a missed slot is
// caught up. Each scheduled slot is claimed once in the database, so the
// schedulers of several processes on one database (several `run
// --account` hosts) run it once between them. robfig/cron lives in this
// package only.
package scheduler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"mobilize/config"
	"mobilize/models"
)

// Deps is what the scheduler runs with.
type Deps struct {
	Config config.Config
	Store  *models.Store
	// Outbox queues what the jobs send; nil only for listing and dry runs.
	Outbox Queuer
	Log    *slog.Logger
	// Now is the clock the jobs compute with (default time.Now). Cron
	// ticks follow the real clock.
	Now func() time.Time
	// RunTimeout bounds one run (default 5 minutes).
	RunTimeout time.Duration
}

// Scheduler owns the cron loop and the jobs.
type Scheduler struct {
	d    Deps
	loc  *time.Location
	log  *slog.Logger
	jobs []*job
	cron *cron.Cron
	// me is this process in slot claims; base the context runs started
	// by Start run in; rechecks the second looks at slots held elsewhere
	// (claim.go).
	me       claimer
	base     context.Context
	rechecks rechecks
}

// job is one scheduled job: its name, config key, parsed schedule (nil
// when off) and what it computes.
type job struct {
	name    string
	key     string
	spec    string
	sched   cron.Schedule
	compute func(s *Scheduler, ctx context.Context, r Run) ([]Message, error)
}

// ErrUnknownJob is returned for a job name the scheduler does not have.
var ErrUnknownJob = errors.New("unknown job")

// New builds the scheduler and validates every job's spec; an error names
// the config key (schedules.daily_tally: …), so a typo stops start-up.
func New(d Deps) (*Scheduler, error) {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.RunTimeout <= 0 {
		d.RunTimeout = 5 * time.Minute
	}
	loc := d.Config.Location
	if loc == nil {
		loc = time.UTC
	}
	me, err := newClaimer()
	if err != nil {
		return nil, err
	}
	s := &Scheduler{d: d, loc: loc, log: d.Log.With("part", "scheduler"), me: me}
	for _, j := range jobTable(d.Config.Schedules) {
		sched, err := parseSpec(j.key, j.spec, loc)
		if err != nil {
			return nil, err
		}
		j.sched = sched
		s.jobs = append(s.jobs, j)
	}
	return s, nil
}

// jobTable lists the jobs with their specs from the config, in the order
// `mobilize jobs` shows them.
func jobTable(c config.Schedules) []*job {
	return []*job{
		{name: "daily_tally", key: "schedules.daily_tally", spec: c.DailyTally, compute: (*Scheduler).dailyTally},
		{name: "deadline_reminder", key: "schedules.deadline_reminder", spec: c.DeadlineReminder, compute: (*Scheduler).deadlineReminder},
		{name: "chase_silent", key: "schedules.chase_silent", spec: c.ChaseSilent, compute: (*Scheduler).chaseSilent},
		{name: "summary_to_groups", key: "schedules.summary_to_groups", spec: c.SummaryToGroups, compute: (*Scheduler).summaryToGroups},
	}
}

func (s *Scheduler) job(name string) (*job, error) {
	names := make([]string, len(s.jobs))
	for i, j := range s.jobs {
		if j.name == name {
			return j, nil
		}
		names[i] = j.name
	}
	return nil, unknownJobError{name: name, known: strings.Join(names, "、")}
}

// unknownJobError names the job asked for and the jobs there are; it
// matches ErrUnknownJob.
type unknownJobError struct{ name, known string }

func (e unknownJobError) Error() string        { return fmt.Sprintf(textUnknownJob, e.name, e.known) }
func (e unknownJobError) Is(target error) bool { return target == ErrUnknownJob }

// Start catches up the last slot each job missed while the bot was down,
// then starts the cron loop in the background. Jobs run with a context
// detached from ctx, so a run in flight at shutdown finishes (Stop waits).
func (s *Scheduler) Start(ctx context.Context) {
	base := context.WithoutCancel(ctx)
	s.base = base
	s.rechecks.start()
	s.cron = cron.New(cron.WithLocation(s.loc), cron.WithLogger(cronLog{s.log}))
	for _, j := range s.jobs {
		if j.sched == nil {
			continue
		}
		jlog := cronLog{s.log.With("job", j.name)}
		// SkipIfStillRunning outermost, Recover innermost: in cron
		// v3.0.1 a panic escaping SkipIfStillRunning never gives its
		// token back, which would silence the job for good.
		wrap := cron.NewChain(cron.SkipIfStillRunning(jlog), cron.Recover(jlog))
		s.catchUp(base, j, wrap)
		s.cron.Schedule(j.sched, wrap.Then(cron.FuncJob(func() { s.tick(base, j) })))
	}
	s.cron.Start()
}

// Stop stops the cron loop and the second looks at slots held elsewhere,
// and waits for a run in flight to finish.
func (s *Scheduler) Stop() {
	s.rechecks.stop()
	if s.cron != nil {
		<-s.cron.Stop().Done()
	}
}

// tick runs job j for the slot the cron loop just fired for.
func (s *Scheduler) tick(ctx context.Context, j *job) {
	slot, ok := prevSlot(j.sched, s.d.Now().In(s.loc))
	if !ok {
		return
	}
	s.execute(ctx, j, slot, models.TriggerCron, Run{})
}

// catchUp runs, once, the last slot of j that passed while the bot was
// down, or a slot whose run was cut short (the process died mid-run). Only
// the last missed slot is run: a week of missed tallies is one tally, not
// seven. A job that never ran has nothing to catch up.
func (s *Scheduler) catchUp(ctx context.Context, j *job, wrap cron.Chain) {
	last, err := s.d.Store.LastScheduledSlot(ctx, j.name)
	if errors.Is(err, models.ErrNotFound) {
		return
	}
	if err != nil {
		s.log.Error("catch-up: read last run", "job", j.name, "err", err)
		return
	}
	now := s.d.Now().In(s.loc)
	slot, ok := prevSlot(j.sched, now)
	if !ok || slot.Before(last) {
		return
	}
	if slot.Equal(last) {
		done, err := s.d.Store.SlotDone(ctx, j.name, slot)
		if err != nil || done {
			return
		}
		s.log.Warn("catch-up: slot's run did not finish, running it again", "job", j.name, "slot", slotKey(slot, s.loc))
	} else {
		missed := slotsBetween(j.sched, last, now, 10000)
		s.log.Warn("catch-up: slots missed while down, running only the last", "job", j.name,
			"missed", missed, "slot", slotKey(slot, s.loc), "last_run_slot", slotKey(last, s.loc))
	}
	wrap.Then(cron.FuncJob(func() { s.execute(ctx, j, slot, models.TriggerCatchUp, Run{}) })).Run()
}

// slotKey is a slot as it appears in dedupe keys and logs: minutes in the
// configured zone.
func slotKey(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("2006-01-02T15:04")
}

// JobNames lists the jobs by name, in the order `mobilize jobs` shows
// them: what `jobs run NAME` takes.
func JobNames() []string {
	var names []string
	for _, j := range jobTable(config.Schedules{}) {
		names = append(names, j.name)
	}
	return names
}
