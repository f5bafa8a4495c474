package models

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"

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

// The counter is where sign-ups of several processes meet: on PostgreSQL
// qCounter locks the role's row until the transaction ends (forUpdate,
// store_dialect.go), so two processes never both read 39 of 40 places taken; on
// SQLite the write lock every transaction begins with already serialises
// them. A row made on first use by two processes at once is made once
// (ON CONFLICT), and each then reads it locked.
const (
	qCounter     = `SELECT confirmed, waitlisted, wait_seq FROM role_counters WHERE role_id = ?` + forUpdate
	qCounterInit = `INSERT INTO role_counters (role_id, confirmed, waitlisted, wait_seq)
		SELECT ?, COUNT(CASE status WHEN 'confirmed' THEN 1 END), COUNT(CASE status WHEN 'waitlisted' THEN 1 END),
			COALESCE(MAX(wait_seq), 0)
		FROM registrations WHERE role_id = ?
		ON CONFLICT (role_id) DO NOTHING`
	qCounterBump = `UPDATE role_counters SET confirmed = confirmed + ?, waitlisted = waitlisted + ?,
		wait_seq = CASE WHEN wait_seq > ? THEN wait_seq ELSE ? END WHERE role_id = ?`
)

// counter reads the role's counter, creating it from the registrations
// the first time.
func (t *txn) counter(roleID uint) (RoleCounter, error) {
	if c, ok := t.memo.counter(roleID); ok {
		return c, nil
	}
	c, err := t.readCounter(roleID)
	if err == nil {
		t.memo.remember(c)
	}
	return c, err
}

// lockCounters reads (and so, on PostgreSQL, locks) the counters of regs'
// roles in role order, before a change touches any of them: two
// transactions each changing registrations of the same two roles (one
// person's moves or cancellations in two roles or campaigns) otherwise
// lock the counters in opposite orders and deadlock.
func (t *txn) lockCounters(regs []Registration) error {
	ids := make([]uint, 0, len(regs))
	for _, r := range regs {
		ids = append(ids, r.RoleID)
	}
	slices.Sort(ids)
	for _, id := range slices.Compact(ids) {
		if _, err := t.counter(id); err != nil {
			return err
		}
	}
	return nil
}

// readCounter is counter's query.
func (t *txn) readCounter(roleID uint) (RoleCounter, error) {
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
	if _, err := t.exec(qCounterBump, dc, dw, seq, seq, roleID); err != nil {
		return fmt.Errorf("update counter of role %d: %w", roleID, err)
	}
	t.memo.bumped(roleID, dc, dw, seq)
	return nil
}

func delta(status, counted string) int {
	if status == counted {
		return 1
	}
	return 0
}

// sqlRoleCounts lists a campaign's roles with their counts: from the
// role's counter when it has one, otherwise counted through the queue
// index (a role nobody signed up for since the counters came; reading never
// creates a counter). COALESCE evaluates its second argument only when the
// counter is missing, so a campaign with counters reads a handful of rows.
const sqlRoleCounts = `SELECT r.*,
	COALESCE(c.confirmed, (SELECT COUNT(*) FROM registrations x WHERE x.role_id = r.id AND x.status = 'confirmed')) AS confirmed,
	COALESCE(c.waitlisted, (SELECT COUNT(*) FROM registrations x WHERE x.role_id = r.id AND x.status = 'waitlisted')) AS waitlisted
	FROM roles r LEFT JOIN role_counters c ON c.role_id = r.id WHERE r.campaign_id = ? ORDER BY r.id`

// countRoles runs sqlRoleCounts. One statement is one consistent snapshot,
// so it needs no transaction — and outside one, gorm's statement cache
// keeps it prepared: every view of the web sign-up page runs it.
func countRoles(db *gorm.DB, campaignID uint) ([]RoleCount, error) {
	var rows []struct {
		Role
		Confirmed, Waitlisted int
	}
	if err := db.Raw(sqlRoleCounts, campaignID).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("count roles: %w", err)
	}
	out := make([]RoleCount, len(rows))
	for i, r := range rows {
		out[i] = RoleCount{Role: r.Role, Confirmed: r.Confirmed, Waitlisted: r.Waitlisted}
	}
	return out, nil
}
