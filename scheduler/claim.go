package scheduler

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"mobilize/chat"
	"mobilize/models"
)

// claimGrace is added to the run timeout to bound a slot's claim: time for
// a run stopped by its timeout to record its end, and for hosts' clocks
// (kept by NTP, as for the account leases) to differ. A live holder's run
// has ended by its claim's bound, since its own context stops it at the
// run timeout; so a claim taken over after the bound never runs beside it.
const claimGrace = time.Minute

// claimer is this process in the slot claims it makes: a token of its own
// and, for telling a dead holder on this host, its host name.
type claimer struct {
	token, host string
	pid         int
}

// newClaimer makes this process's claimer.
func newClaimer() (claimer, error) {
	host, _ := os.Hostname()
	token, err := chat.NewHolder(host)
	return claimer{token: token, host: host, pid: os.Getpid()}, err
}

// rechecks are the pending second looks at slots another process held
// (recheckAt); Stop cancels them and waits for one in flight.
type rechecks struct {
	mu      sync.Mutex
	started bool
	stopped bool
	timers  map[string]*time.Timer // by job
	running sync.WaitGroup
}

// start records the start of a run and says whether this process runs it.
// A run by hand always does (it claims nothing: `mobilize jobs run` keeps
// its meaning). A scheduled one does only if it wins the slot's claim
// (models.ClaimSlot): a slot done, or claimed by a live run of another
// process, is not run here, and a claim held elsewhere is looked at again
// when it may be taken over.
func (s *Scheduler) start(ctx context.Context, log *slog.Logger, j *job, slot time.Time, trigger string) (models.JobRun, bool, error) {
	if trigger == models.TriggerManual {
		rec, err := s.d.Store.StartJobRun(ctx, j.name, slot, trigger)
		return rec, err == nil, err
	}
	me := s.me
	rec, err := s.d.Store.ClaimSlot(ctx, models.SlotClaim{Job: j.name, Slot: slot, Trigger: trigger,
		Holder: me.token, Host: me.host, PID: me.pid, TTL: s.d.RunTimeout + claimGrace,
		Dead: func(c models.JobClaim) bool { return chat.GoneHere(me.host, c.Host, c.PID) }})
	var held *models.SlotHeldError
	switch {
	case errors.Is(err, models.ErrSlotDone):
		log.Debug("slot already done")
		return rec, false, nil
	case errors.As(err, &held):
		log.Info("slot run by another process", "host", held.Claim.Host, "pid", held.Claim.PID,
			"until", held.Claim.Expires.In(s.loc).Format(time.DateTime))
		s.recheckAt(j, slot, held.Claim.Expires)
		return rec, false, nil
	}
	return rec, err == nil, err
}

// recheckAt runs j's slot again, as a catch-up, once the claim that kept
// this process out may be taken over (at until, its bound). Should the
// holder have died mid-run on another host, one of the processes kept out
// then re-runs the slot (the claim picks which); if the holder finished,
// the second look finds the slot done; if its run failed, the slot is
// left to the job's next tick, as in one process. A newer slot of the
// job, due by then, supersedes it (only the last slot is caught up). One look per job
// is pending at a time, and only in a started scheduler.
func (s *Scheduler) recheckAt(j *job, slot, until time.Time) {
	r := &s.rechecks
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.started || r.stopped {
		return
	}
	if t := r.timers[j.name]; t != nil {
		t.Stop()
	}
	var t *time.Timer
	t = time.AfterFunc(until.Sub(s.d.Now())+time.Second, func() {
		r.mu.Lock()
		if r.stopped || r.timers[j.name] != t {
			r.mu.Unlock()
			return
		}
		delete(r.timers, j.name)
		r.running.Add(1)
		r.mu.Unlock()
		defer r.running.Done()
		if cur, ok := prevSlot(j.sched, s.d.Now().In(s.loc)); !ok || !cur.Equal(slot) {
			return
		}
		// Only a run still "running" is looked after: one that failed
		// runs again at the job's next tick, as in one process.
		if c, err := s.d.Store.SlotClaimOf(s.base, j.name, slot); err != nil || c.Result != models.JobRunning {
			s.log.Info("second look: the slot's run ended; a failed one runs at the next tick", "job", j.name,
				"slot", slotKey(slot, s.loc), "result", c.Result, "err", err)
			return
		}
		s.log.Info("second look at a slot another process held", "job", j.name, "slot", slotKey(slot, s.loc))
		chain := cron.NewChain(cron.Recover(cronLog{s.log.With("job", j.name)}))
		chain.Then(cron.FuncJob(func() { s.execute(s.base, j, slot, models.TriggerCatchUp, Run{}) })).Run()
	})
	r.timers[j.name] = t
}

// start lets execute set second looks (Start).
func (r *rechecks) start() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.started, r.timers = true, map[string]*time.Timer{}
}

// stop cancels the pending looks and waits for one in flight.
func (r *rechecks) stop() {
	r.mu.Lock()
	r.stopped = true
	for _, t := range r.timers {
		t.Stop()
	}
	r.mu.Unlock()
	r.running.Wait()
}
