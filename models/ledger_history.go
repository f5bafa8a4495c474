package models

import (
	"fmt"
	"time"

	"gorm.io/gorm"
)

// RegistrationEvent is one status change of a registration, appended in the
// same transaction as the change, so any past day's tally can be recomputed.
// A registration's status at the end of day D is its latest event with
// At <= end of D (ties broken by ID).
type RegistrationEvent struct {
	ID             uint `gorm:"primaryKey"`
	RegistrationID uint `gorm:"not null;index:idx_regev_reg,priority:1"`
	CampaignID     uint `gorm:"not null;index:idx_regev_campaign_at,priority:1"`
	RoleID         uint `gorm:"not null"`
	GroupID        uint
	// Status is the new status: confirmed / waitlisted / cancelled.
	Status string `gorm:"not null"`
	// Reason is one of the Reason constants.
	Reason string `gorm:"not null"`
	// At is when the change happened, in UTC.
	At time.Time `gorm:"not null;index:idx_regev_reg,priority:2;index:idx_regev_campaign_at,priority:2"`
}

// Why a registration's status changed (RegistrationEvent.Reason).
const (
	// ReasonSignUp: a new registration confirmed at once.
	ReasonSignUp = "signup"
	// ReasonWaitlist: a new registration put on the waitlist.
	ReasonWaitlist = "waitlist"
	// ReasonPromoted: a waitlisted registration confirmed when a place freed.
	ReasonPromoted = "promoted"
	// ReasonMoved: a registration given up because its person switched to
	// another role of the campaign (at once, or when the switch was
	// promoted, or a second queue the person left). Not a person leaving.
	ReasonMoved = "moved"
	// ReasonCancelled: the person cancelled.
	ReasonCancelled = "cancelled"
	// ReasonChain: a new registration from a 接龙 line (confirmed or
	// waitlisted, as Status says).
	ReasonChain = "chain"
	// ReasonBackfill: written at migration for a registration that existed
	// before the history did; see backfillHistory.
	ReasonBackfill = "backfill"
)

const qEventInsert = `INSERT INTO registration_events (registration_id, campaign_id, role_id, group_id, status, reason, at)
	VALUES (?, ?, ?, ?, ?, ?, ?)`

// event records reg's new status in t, the transaction that made the
// change, so history and state can never disagree; the status ledger's
// triggers count it in the same transaction (ledger_days.go).
//
// A change is dated no earlier than the registration's latest event: a
// registration's status is its latest event by (at, id), and a clock set
// back must not slip a cancellation in before the sign-up it cancels.
func (t *txn) event(reg Registration, status, reason string) error {
	at := t.NowFunc().UTC()
	if !isCreation(reason) {
		last, ok, err := t.latestEvent(reg.ID)
		if err != nil {
			return fmt.Errorf("latest event of registration %d: %w", reg.ID, err)
		}
		if ok {
			at = maxTime(at, last.UTC())
		}
	}
	if _, err := t.exec(qEventInsert, reg.ID, reg.CampaignID, reg.RoleID, reg.GroupID, status, reason, at); err != nil {
		return fmt.Errorf("record %s of registration %d: %w", reason, reg.ID, err)
	}
	return nil
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// migrateHotPath creates the counters, and the history table and, when
// it is new, backfills it, in one transaction: a crash in between leaves neither, and the next
// start does both. Checking only at creation keeps opening a large database
// cheap (no anti-join over every registration at each start).
func migrateHotPath(db *gorm.DB) error {
	if err := db.AutoMigrate(&RoleCounter{}); err != nil {
		return err
	}
	if db.Migrator().HasTable(&RegistrationEvent{}) || !dialectOf(db).legacy() {
		return db.AutoMigrate(&RegistrationEvent{})
	}
	return db.Transaction(func(tx *gorm.DB) error {
		if err := tx.AutoMigrate(&RegistrationEvent{}); err != nil {
			return err
		}
		return backfillHistory(tx) // sqlite_history.go
	})
}
