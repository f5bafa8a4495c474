package models

import (
	"database/sql"
	"errors"
	"fmt"

	"gorm.io/gorm"
)

// RoleCounter is a role's running tally: how many hold it, how many wait
// for it, and the last waitlist sequence number given. It is updated in the
// transaction of every status change, so a sign-up reads one row where it
// used to count the role's registrations and take the campaign's largest
// wait_seq (both grow with the campaign: 133 ms a sign-up at 1,000,000
// registrations).
//
// A role gets its row the first time a sign-up needs it, computed from the
// registrations then (so databases from before the counters need nothing
// at migration); changes to a role without a row leave it missing, which is
// right, since the row is computed when it is first read.
type RoleCounter struct {
	RoleID     uint  `gorm:"primaryKey;autoIncrement:false"`
	Confirmed  int   `gorm:"not null"`
	Waitlisted int   `gorm:"not null"`
	WaitSeq    int64 `gorm:"not null"`
}

const (
	qCounter     = `SELECT confirmed, waitlisted, wait_seq FROM role_counters WHERE role_id = ?`
	qCounterInit = `INSERT INTO role_counters (role_id, confirmed, waitlisted, wait_seq)
		SELECT ?, COUNT(CASE status WHEN 'confirmed' THEN 1 END), COUNT(CASE status WHEN 'waitlisted' THEN 1 END),
			COALESCE(MAX(wait_seq), 0)
		FROM registrations WHERE role_id = ?`
	qCounterBump = `UPDATE role_counters SET confirmed = confirmed + ?, waitlisted = waitlisted + ?,
		wait_seq = MAX(wait_seq, ?) WHERE role_id = ?`
)

// counter reads the role's counter, creating it from the registrations
// the first time.
func (t *txn) counter(roleID uint) (RoleCounter, error) {
	c := RoleCounter{RoleID: roleID}
	err := t.scan(qCounter, []any{roleID}, &c.Confirmed, &c.Waitlisted, &c.WaitSeq)
	if errors.Is(err, sql.ErrNoRows) {
		if _, err = t.exec(qCounterInit, roleID, roleID); err != nil {
			return c, fmt.Errorf("initialise counter of role %d: %w", roleID, err)
		}
		err = t.scan(qCounter, []any{roleID}, &c.Confirmed, &c.Waitlisted, &c.WaitSeq)
	}
	if err != nil {
		return c, fmt.Errorf("read counter of role %d: %w", roleID, err)
	}
	return c, nil
}

// bump records a status change in the role's counter: from and to are
// statuses ("" for none), seq the wait_seq just given (0 when none).
func (t *txn) bump(roleID uint, from, to string, seq int64) error {
	dc := delta(to, StatusConfirmed) - delta(from, StatusConfirmed)
	dw := delta(to, StatusWaitlisted) - delta(from, StatusWaitlisted)
	if dc == 0 && dw == 0 && seq == 0 {
		return nil
	}
	if _, err := t.exec(qCounterBump, dc, dw, seq, roleID); err != nil {
		return fmt.Errorf("update counter of role %d: %w", roleID, err)
	}
	return nil
}

func delta(status, counted string) int {
	if status == counted {
		return 1
	}
	return 0
}

// countRoles lists the campaign's roles with their counts: from the role's
// counter when it has one, otherwise counted through the queue index (a
// role nobody signed up for since the counters came; reading never creates
// a counter, so it can run in a read-only transaction).
func countRoles(tx *gorm.DB, campaignID uint) ([]RoleCount, error) {
	var rows []struct {
		Role
		Confirmed, Waitlisted *int
	}
	err := tx.Raw(`SELECT r.*, c.confirmed, c.waitlisted FROM roles r
		LEFT JOIN role_counters c ON c.role_id = r.id WHERE r.campaign_id = ? ORDER BY r.id`, campaignID).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]RoleCount, len(rows))
	for i, r := range rows {
		out[i].Role = r.Role
		if r.Confirmed != nil && r.Waitlisted != nil {
			out[i].Confirmed, out[i].Waitlisted = *r.Confirmed, *r.Waitlisted
			continue
		}
		err := tx.Raw(`SELECT COUNT(CASE status WHEN 'confirmed' THEN 1 END) AS confirmed,
			COUNT(CASE status WHEN 'waitlisted' THEN 1 END) AS waitlisted
			FROM registrations WHERE role_id = ? AND status IN ('confirmed', 'waitlisted')`, r.ID).
			Row().Scan(&out[i].Confirmed, &out[i].Waitlisted)
		if err != nil {
			return nil, fmt.Errorf("count role %d: %w", r.ID, err)
		}
	}
	return out, nil
}
