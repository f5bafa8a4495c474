package scheduler

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"mobilize/chat"
	"mobilize/models"
)

// Run is what one run of a job is for: its slot (the scheduled time, in
// the configured zone) and, when run by hand with --campaign, one campaign.
type Run struct {
	Slot     time.Time
	Campaign uint
}

// Message is one message a job wants sent. Key tells it apart within the
// run (campaign and target); the runner prefixes job and slot to make the
// outbox's dedupe key.
type Message struct {
	To   Target
	Key  string
	Text string
	// before, if set, runs just before the message is queued (not in a
	// dry run): chase_silent records its nudge there.
	before func(ctx context.Context) error
}

// Outcome is how a run ended: what it queued (or, dry, would queue).
type Outcome struct {
	Job      string
	Slot     time.Time
	Messages []Message
	// Queued counts the messages newly queued; a message whose dedupe key
	// was already queued for this slot is not counted.
	Queued int
}

// RunNow runs job name now, by hand: for one campaign when campaign is not
// 0; with dry, nothing is queued or recorded and the outcome lists what
// would have been. The slot is the current minute, so running it twice in
// a minute queues once, and a hand run at a scheduled minute stands for
// that slot.
func (s *Scheduler) RunNow(ctx context.Context, name string, campaign uint, dry bool) (Outcome, error) {
	j, err := s.job(name)
	if err != nil {
		return Outcome{}, err
	}
	slot := s.d.Now().In(s.loc).Truncate(time.Minute)
	r := Run{Slot: slot, Campaign: campaign}
	if dry {
		msgs, err := j.compute(s, ctx, r)
		return Outcome{Job: name, Slot: slot, Messages: msgs}, err
	}
	return s.execute(ctx, j, slot, models.TriggerManual, r)
}

// execute runs job j for slot, recording the run from start to end; a
// scheduled run (cron, catch-up) only if this process wins the slot's
// claim, so however many processes fire it a slot is run once (claim.go).
// A panic is recorded as the run's result and re-raised for cron's Recover
// to log with its stack.
func (s *Scheduler) execute(base context.Context, j *job, slot time.Time, trigger string, r Run) (out Outcome, err error) {
	ctx, cancel := context.WithTimeout(base, s.d.RunTimeout)
	defer cancel()
	r.Slot = slot
	out = Outcome{Job: j.name, Slot: slot}
	log := s.log.With("job", j.name, "slot", slotKey(slot, s.loc), "trigger", trigger)
	rec, ok, err := s.start(ctx, log, j, slot, trigger) // claim.go
	if !ok {
		if err != nil {
			log.Error("job not run", "err", err)
		}
		return out, err
	}
	start := time.Now()
	defer func() {
		if p := recover(); p != nil {
			s.finish(ctx, log, rec.ID, models.JobPanic, fmt.Sprint(p), out.Queued)
			panic(p)
		}
	}()
	out.Messages, err = j.compute(s, ctx, r)
	if err == nil {
		out.Queued, err = s.deliver(ctx, j.name, slot, out.Messages)
	}
	result, text := models.JobOK, ""
	if err != nil {
		result, text = models.JobFailed, err.Error()
	}
	s.finish(ctx, log, rec.ID, result, text, out.Queued)
	log.Info("job run", "result", result, "queued", out.Queued, "messages", len(out.Messages),
		"dur", time.Since(start).Round(time.Millisecond), "err", err)
	return out, err
}

func (s *Scheduler) finish(ctx context.Context, log *slog.Logger, id uint, result, text string, queued int) {
	if err := s.d.Store.FinishJobRun(context.WithoutCancel(ctx), id, result, text, queued); err != nil {
		log.Error("record job run", "err", err)
	}
}

// deliver queues the messages under their dedupe keys and counts those
// newly queued.
func (s *Scheduler) deliver(ctx context.Context, job string, slot time.Time, msgs []Message) (int, error) {
	if s.d.Outbox == nil {
		return 0, fmt.Errorf("%s: no outbox to queue to", job)
	}
	n := 0
	for _, m := range msgs {
		if m.before != nil {
			if err := m.before(ctx); err != nil {
				return n, err
			}
		}
		key := fmt.Sprintf("%s:%s:%s", job, slotKey(slot, s.loc), m.Key)
		queued, err := s.d.Outbox.Put(ctx, chat.Outgoing{To: m.To, Kind: models.KindNotice, Text: m.Text, Key: key})
		if err != nil {
			return n, fmt.Errorf("queue %s to %q: %w", job, m.To.Name, err)
		}
		if queued {
			n++
		}
	}
	return n, nil
}
