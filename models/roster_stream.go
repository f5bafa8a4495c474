package models

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// RosterRow is one registration as the roster and the workbook show it.
type RosterRow struct {
	ID           uint
	Name, Phone  string
	RoleCode     string
	Role         string
	Status       string
	Position     int // place on the waitlist, 1 = next; 0 unless waitlisted
	Group        string
	Organization string
	Sender       string
	Remark       string // words typed after the phone (党员, 有车…)
	CreatedAt    time.Time
	ConfirmedAt  *time.Time
	CancelledAt  *time.Time
}

// sqlRosterPart is one role's registrations in one status, in queue order:
// the queue index (role_id, status, wait_seq) gives the order without a
// sort, and the joins are primary-key lookups.
const sqlRosterPart = `SELECT r.id, v.name, COALESCE(v.phone, ''), ro.code, ro.name, r.status,
	COALESCE(g.name, ''), COALESCE(o.name, ''), COALESCE(r.sender, ''), COALESCE(r.remark, ''), r.created_at, r.confirmed_at, r.cancelled_at
	FROM registrations r
	JOIN volunteers v ON v.id = r.volunteer_id
	JOIN roles ro ON ro.id = r.role_id
	LEFT JOIN groups g ON g.id = r.group_id
	LEFT JOIN organizations o ON o.id = g.organization_id
	WHERE r.role_id = ? AND r.status = ?
	ORDER BY r.wait_seq, r.id`

// rosterStatuses is the roster's order within a role.
var rosterStatuses = []string{StatusConfirmed, StatusWaitlisted, StatusCancelled}

// CountRegistrations counts a campaign's registrations, all statuses.
func (s *Store) CountRegistrations(ctx context.Context, campaignID uint) (int, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&Registration{}).Where("campaign_id = ?", campaignID).Count(&n).Error
	return int(n), err
}

// EachRosterRow calls fn for every registration of the campaign, role by
// role, confirmed before waitlisted (in queue order) before cancelled;
// with statuses given, only those. Rows are read one at a time and never
// held, so memory does not grow with the campaign. fn must not use the
// Store: the one connection is busy reading.
func (s *Store) EachRosterRow(ctx context.Context, campaignID uint, fn func(RosterRow) error, statuses ...string) error {
	var roles []Role
	if err := s.db.WithContext(ctx).Where("campaign_id = ?", campaignID).Order("id").Find(&roles).Error; err != nil {
		return err
	}
	if len(statuses) == 0 {
		statuses = rosterStatuses
	}
	for _, role := range roles {
		for _, st := range statuses {
			if err := s.rosterPart(ctx, role.ID, st, fn); err != nil {
				return fmt.Errorf("roster of role %s: %w", role.Code, err)
			}
		}
	}
	return nil
}

func (s *Store) rosterPart(ctx context.Context, roleID uint, status string, fn func(RosterRow) error) error {
	rows, err := s.db.WithContext(ctx).Raw(sqlRosterPart, roleID, status).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	pos := 0
	for rows.Next() {
		var r RosterRow
		var conf, canc sql.NullTime
		if err := rows.Scan(&r.ID, &r.Name, &r.Phone, &r.RoleCode, &r.Role, &r.Status, &r.Group, &r.Organization,
			&r.Sender, &r.Remark, &r.CreatedAt, &conf, &canc); err != nil {
			return err
		}
		if conf.Valid {
			r.ConfirmedAt = &conf.Time
		}
		if canc.Valid {
			r.CancelledAt = &canc.Time
		}
		if status == StatusWaitlisted {
			pos++
			r.Position = pos
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}
