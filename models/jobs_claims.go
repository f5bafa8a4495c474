package models

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// JobClaim is a scheduled slot's claim: one row per (job, slot), the
// unique index every process's scheduler inserts into when a cron tick or
// a catch-up fires, so exactly one of them runs the slot. RunID is the
// run holding it and Result mirrors that run's, so a claimer can tell a
// run in flight from one that ended without reading job_runs. A claim
// held by a run still "running" is live until Expires (the holder's run
// timeout and a grace, TTL): the holder's own context stops its run by
// then, so a later claimer taking it over never runs beside it. Runs by
// hand (`mobilize jobs run`) claim nothing.
type JobClaim struct {
	ID      uint      `gorm:"primaryKey"`
	Job     string    `gorm:"not null;uniqueIndex:idx_job_claim,priority:1"`
	Slot    time.Time `gorm:"not null;uniqueIndex:idx_job_claim,priority:2"`
	RunID   uint      `gorm:"not null;index"`
	Result  string    `gorm:"not null"`
	Holder  string    `gorm:"not null"`
	Host    string    `gorm:"not null;default:''"`
	PID     int       `gorm:"column:pid"`
	Expires time.Time `gorm:"not null"`
}

// SlotClaim is a scheduler asking to run job's slot. Holder is its
// process's token (host, pid, a random part); TTL bounds its run (its run
// timeout and a grace for clocks and the end's bookkeeping).
type SlotClaim struct {
	Job     string
	Slot    time.Time
	Trigger string
	Holder  string
	Host    string
	PID     int
	TTL     time.Duration
	// Dead, if set, reports whether a live claim's holder is known dead
	// (same host, no such process): its slot is taken at once instead of
	// when the claim expires, so a process restarted after a crash re-runs
	// the slot it was killed in.
	Dead func(JobClaim) bool
}

// ErrSlotDone: the slot already has a run that ended "ok".
var ErrSlotDone = errors.New("slot already done")

// ErrSlotHeld: another run holds the slot's claim (SlotHeldError).
var ErrSlotHeld = errors.New("slot claimed by another run")

// SlotHeldError is ErrSlotHeld with the claim that is held: its holder,
// and when it may be taken over if its run never ends.
type SlotHeldError struct{ Claim JobClaim }

func (e *SlotHeldError) Error() string {
	return fmt.Sprintf("%s slot %s: claimed by %s (pid %d) until %s", e.Claim.Job,
		e.Claim.Slot.Format(time.RFC3339), e.Claim.Host, e.Claim.PID, e.Claim.Expires.Format(time.RFC3339))
}

// Is makes errors.Is(err, ErrSlotHeld) true.
func (e *SlotHeldError) Is(target error) bool { return target == ErrSlotHeld }

// ClaimSlot records the start of a scheduled run of c.Job for c.Slot if
// this claimer wins the slot, and returns the run. Exactly one of any
// number of claimers at once wins: the insert of the claim row is unique
// per (job, slot) and does nothing on a conflict (PostgreSQL waits for a
// concurrent insert to commit; SQLite's one writer never races). A slot
// already run to the end is ErrSlotDone; one whose claim is live is a
// *SlotHeldError. A claim is taken over only from a run that ended
// without "ok", or one still "running" whose claim expired or whose
// holder is dead, and the takeover is one UPDATE conditioned on the claim
// as read, so two takers (or a taker and the holder finishing) cannot
// both succeed.
func (s *Store) ClaimSlot(ctx context.Context, c SlotClaim) (JobRun, error) {
	now := s.Now().UTC()
	slot := c.Slot.UTC()
	run := JobRun{Job: c.Job, Slot: slot, Trigger: c.Trigger, StartedAt: now, Result: JobRunning}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if done, err := slotDone(tx, c.Job, slot); err != nil || done {
			return errors.Join(err, doneOrNil(done))
		}
		if err := tx.Create(&run).Error; err != nil {
			return err
		}
		claim := JobClaim{Job: c.Job, Slot: slot, RunID: run.ID, Result: JobRunning,
			Holder: c.Holder, Host: c.Host, PID: c.PID, Expires: now.Add(c.TTL)}
		res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&claim)
		if res.Error != nil || res.RowsAffected == 1 {
			return res.Error
		}
		return takeOver(tx, c, claim, now)
	})
	if err != nil {
		var held *SlotHeldError
		if !errors.Is(err, ErrSlotDone) && !errors.As(err, &held) {
			err = fmt.Errorf("claim %s slot %s: %w", c.Job, slot.Format(time.RFC3339), err)
		}
		return JobRun{}, err
	}
	return run, nil
}

// doneOrNil is ErrSlotDone when done.
func doneOrNil(done bool) error {
	if done {
		return ErrSlotDone
	}
	return nil
}

// takeOver gives the slot's existing claim to mine (its run already
// created) if the claim may be taken, or says why not. The claimer's
// transaction is rolled back on any error, its run with it.
func takeOver(tx *gorm.DB, c SlotClaim, mine JobClaim, now time.Time) error {
	var cur JobClaim
	if err := tx.Where("job = ? AND slot = ?", mine.Job, mine.Slot).First(&cur).Error; err != nil {
		return err
	}
	if !takeable(cur, c, now) {
		if cur.Result == JobOK {
			return ErrSlotDone
		}
		return &SlotHeldError{Claim: cur}
	}
	res := tx.Model(&JobClaim{}).Where("id = ? AND run_id = ? AND result = ?", cur.ID, cur.RunID, cur.Result).
		Updates(map[string]any{"run_id": mine.RunID, "result": JobRunning, "holder": mine.Holder,
			"host": mine.Host, "pid": mine.PID, "expires": mine.Expires})
	if res.Error != nil || res.RowsAffected == 1 {
		return res.Error
	}
	// Another taker, or the holder's end, changed the claim since it was
	// read: it is theirs.
	if err := tx.Where("id = ?", cur.ID).First(&cur).Error; err != nil {
		return err
	}
	if cur.Result == JobOK {
		return ErrSlotDone
	}
	return &SlotHeldError{Claim: cur}
}

// takeable reports whether claim cur may be taken by c at now: its run
// ended without "ok" (failed, panicked), or is still "running" but its
// claim expired or its holder is dead. My own live claim is never taken
// (my scheduler never runs one job twice at once).
func takeable(cur JobClaim, c SlotClaim, now time.Time) bool {
	switch {
	case cur.Result == JobOK:
		return false
	case cur.Result != JobRunning:
		return true
	case !cur.Expires.After(now):
		return true
	default:
		return cur.Holder != c.Holder && c.Dead != nil && c.Dead(cur)
	}
}

// slotDone reports whether any run of job for slot ended "ok" (a hand run
// at a scheduled minute stands for that slot too).
func slotDone(tx *gorm.DB, job string, slot time.Time) (bool, error) {
	var n int64
	err := tx.Model(&JobRun{}).Where("job = ? AND slot = ? AND result = ?", job, slot.UTC(), JobOK).Count(&n).Error
	return n > 0, err
}

// SlotClaimOf returns the claim of job's slot, or ErrNotFound.
func (s *Store) SlotClaimOf(ctx context.Context, job string, slot time.Time) (JobClaim, error) {
	var c JobClaim
	err := s.db.WithContext(ctx).Where("job = ? AND slot = ?", job, slot.UTC()).Limit(1).Find(&c).Error
	if err == nil && c.ID == 0 {
		err = fmt.Errorf("%s slot %s has no claim: %w", job, slot.UTC().Format(time.RFC3339), ErrNotFound)
	}
	return c, err
}

// JobClaims lists job's claims, newest slot first: `mobilize jobs` and the
// tests read who ran a slot.
func (s *Store) JobClaims(ctx context.Context, job string) ([]JobClaim, error) {
	var out []JobClaim
	return out, s.db.WithContext(ctx).Where("job = ?", job).Order("slot DESC").Find(&out).Error
}
