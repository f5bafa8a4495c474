package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Job run results. A run is "running" from its start until it finishes;
// one still "running" after a restart was cut short by the process dying.
const (
	JobRunning = "running"
	JobOK      = "ok"
	JobFailed  = "failed"
	JobPanic   = "panic"
)

// Job run triggers: the cron tick, the catch-up of a slot missed while the
// bot was down, or a person running the job by hand.
const (
	TriggerCron    = "cron"
	TriggerCatchUp = "catchup"
	TriggerManual  = "manual"
)

// JobRun records one run of a scheduled job: which slot (the scheduled
// time it stands for) it ran for, when, how it ended and how many messages
// it queued. The scheduler reads it to catch up a missed slot once and
// `mobilize jobs` shows the last result. Times are UTC.
type JobRun struct {
	ID         uint      `gorm:"primaryKey"`
	Job        string    `gorm:"not null;index:idx_jobrun_slot,priority:1"`
	Slot       time.Time `gorm:"not null;index:idx_jobrun_slot,priority:2"`
	Trigger    string    `gorm:"not null"`
	StartedAt  time.Time `gorm:"not null"`
	FinishedAt *time.Time
	Result     string `gorm:"not null"`
	Error      string
	Queued     int
}

// Nudge records one polite reminder chase_silent sent to a group about a
// campaign, so a group is nudged at most chase.max times. It is written
// before the message is queued and is unique per slot, so re-running a
// slot cut short finds it rather than counting it twice.
type Nudge struct {
	ID         uint      `gorm:"primaryKey"`
	CampaignID uint      `gorm:"not null;uniqueIndex:idx_nudge_slot,priority:1"`
	GroupID    uint      `gorm:"not null;uniqueIndex:idx_nudge_slot,priority:2"`
	Slot       time.Time `gorm:"not null;uniqueIndex:idx_nudge_slot,priority:3"`
	At         time.Time `gorm:"not null"`
}

// StartJobRun records that job starts a run for slot.
func (s *Store) StartJobRun(ctx context.Context, job string, slot time.Time, trigger string) (JobRun, error) {
	r := JobRun{Job: job, Slot: slot.UTC(), Trigger: trigger, StartedAt: s.Now().UTC(), Result: JobRunning}
	if err := s.db.WithContext(ctx).Create(&r).Error; err != nil {
		return r, fmt.Errorf("record start of %s: %w", job, err)
	}
	return r, nil
}

// FinishJobRun records how a run ended and how many messages it queued,
// and gives the slot's claim the same result in the same transaction
// (jobs_claims.go): a claim whose run ended "ok" is never taken over, one
// that ended otherwise may be at once. A run by hand holds no claim, and a
// run whose claim was taken over after it expired leaves the taker's
// claim alone.
func (s *Store) FinishJobRun(ctx context.Context, id uint, result, errText string, queued int) error {
	now := s.Now().UTC()
	return s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&JobRun{}).Where("id = ?", id).
			Updates(map[string]any{"finished_at": now, "result": result, "error": errText, "queued": queued})
		if res.Error != nil {
			return fmt.Errorf("record end of job run %d: %w", id, res.Error)
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("job run %d: %w", id, ErrNotFound)
		}
		if err := tx.Model(&JobClaim{}).Where("run_id = ?", id).Update("result", result).Error; err != nil {
			return fmt.Errorf("record end of job run %d in its claim: %w", id, err)
		}
		return nil
	})
}

// SlotDone reports whether job already ran to the end ("ok") for slot.
func (s *Store) SlotDone(ctx context.Context, job string, slot time.Time) (bool, error) {
	return slotDone(s.db.WithContext(ctx), job, slot)
}

// LastJobRun returns the most recent run of job, or ErrNotFound.
func (s *Store) LastJobRun(ctx context.Context, job string) (JobRun, error) {
	var r JobRun
	err := s.db.WithContext(ctx).Where("job = ?", job).Order("id DESC").Limit(1).Find(&r).Error
	if err == nil && r.ID == 0 {
		err = fmt.Errorf("job %s has no runs: %w", job, ErrNotFound)
	}
	return r, err
}

// LastScheduledSlot returns the latest slot job ran for on its schedule
// (cron or catch-up, not by hand), or ErrNotFound: catch-up looks for
// slots missed after it.
func (s *Store) LastScheduledSlot(ctx context.Context, job string) (time.Time, error) {
	var r JobRun
	err := s.db.WithContext(ctx).Where("job = ? AND trigger <> ?", job, TriggerManual).
		Order("slot DESC").Limit(1).Find(&r).Error
	if err == nil && r.ID == 0 {
		err = fmt.Errorf("job %s has no scheduled runs: %w", job, ErrNotFound)
	}
	return r.Slot, err
}

// JobRuns lists the runs of job, newest first, at most limit.
func (s *Store) JobRuns(ctx context.Context, job string, limit int) ([]JobRun, error) {
	var out []JobRun
	return out, s.db.WithContext(ctx).Where("job = ?", job).Order("id DESC").Limit(limit).Find(&out).Error
}

// RecordNudge records a nudge of group about campaign for slot; recording
// the same slot again changes nothing.
func (s *Store) RecordNudge(ctx context.Context, campaignID, groupID uint, slot time.Time) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		var n int64
		err := tx.Model(&Nudge{}).Where("campaign_id = ? AND group_id = ? AND slot = ?", campaignID, groupID, slot.UTC()).
			Count(&n).Error
		if err != nil || n > 0 {
			return err
		}
		return tx.Create(&Nudge{CampaignID: campaignID, GroupID: groupID, Slot: slot.UTC(), At: s.Now().UTC()}).Error
	})
}

// NudgeCounts counts the nudges each group got about campaign in slots
// other than slot (the one being run), by group id. A zero slot counts
// them all (the workbook's 催报次数).
func (s *Store) NudgeCounts(ctx context.Context, campaignID uint, slot time.Time) (map[uint]int, error) {
	var rows []struct {
		GroupID uint
		N       int
	}
	err := s.db.WithContext(ctx).Model(&Nudge{}).Select("group_id, COUNT(*) AS n").
		Where("campaign_id = ? AND slot <> ?", campaignID, slot.UTC()).Group("group_id").Scan(&rows).Error
	out := map[uint]int{}
	for _, r := range rows {
		out[r.GroupID] = r.N
	}
	return out, err
}
