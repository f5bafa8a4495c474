package models

import (
	"context"
	"fmt"
	"time"
)

// RosterRow is one registration as the roster and the workbook show it.
// A zero time means the event has not happened.
type RosterRow struct {
	ID           uint
	Name, Phone  string
	RoleCode     string
	Role         string
	Status       string
	Position     int // place on the waitlist, 1 = next; 0 unless waitlisted
	Group        string
	Organization string
	Remark       string // words typed after the phone (党员, 有车…)
	CreatedAt    time.Time
	ConfirmedAt  time.Time
	CancelledAt  time.Time
}

// sqlRosterPart is one role's registrations in one status, in queue order:
// the queue index (role_id, status, wait_seq) gives the order without a
// sort, and the one join is a primary-key lookup. Measured over a million
// rows, the per-row cost is the driver's per-column work (a cgo call or
// three and an allocation each) and its time parsing, so the query returns
// only what varies per row: the role and status are the part's, group and
// organization names come from a map read once (groupNames), and times
// are Unix seconds converted by the database (0 when NULL or unreadable).
func sqlRosterPart(d dialect) string {
	return `SELECT r.id, v.name, COALESCE(v.phone, ''), COALESCE(r.group_id, 0), COALESCE(r.remark, ''),
	COALESCE(` + d.epoch("r.created_at") + `, 0), COALESCE(` + d.epoch("r.confirmed_at") + `, 0), COALESCE(` + d.epoch("r.cancelled_at") + `, 0)
	FROM registrations r
	JOIN volunteers v ON v.id = r.volunteer_id
	WHERE r.role_id = ? AND r.status = ?
	ORDER BY r.wait_seq, r.id`
}

// sqlGroupNames is every group with its organization's name.
const sqlGroupNames = `SELECT g.id, g.name, COALESCE(o.name, '') FROM groups g
	LEFT JOIN organizations o ON o.id = g.organization_id`

// rosterStatuses is the roster's order within a role.
var rosterStatuses = []string{StatusConfirmed, StatusWaitlisted, StatusCancelled}

// CountRegistrations counts a campaign's registrations, all statuses.
func (s *Store) CountRegistrations(ctx context.Context, campaignID uint) (int, error) {
	var n int64
	err := s.reads(ctx).Model(&Registration{}).Where("campaign_id = ?", campaignID).Count(&n).Error
	return int(n), err
}

// EachRosterRow calls fn for every registration of the campaign, role by
// role, confirmed before waitlisted (in queue order) before cancelled;
// with statuses given, only those. Rows are read one at a time and never
// held, so memory does not grow with the campaign. The rows come from the
// reader pool (store_readpool.go): sign-ups go on while a large roster streams.
func (s *Store) EachRosterRow(ctx context.Context, campaignID uint, fn func(RosterRow) error, statuses ...string) error {
	var roles []Role
	if err := s.reads(ctx).Where("campaign_id = ?", campaignID).Order("id").Find(&roles).Error; err != nil {
		return err
	}
	groups, err := s.groupNames(ctx)
	if err != nil {
		return fmt.Errorf("groups: %w", err)
	}
	if len(statuses) == 0 {
		statuses = rosterStatuses
	}
	for _, role := range roles {
		for _, st := range statuses {
			r := RosterRow{RoleCode: role.Code, Role: role.Name, Status: st}
			if err := s.rosterPart(ctx, role.ID, r, groups, fn); err != nil {
				return fmt.Errorf("roster of role %s: %w", role.Code, err)
			}
		}
	}
	return nil
}

// groupName is a group's name and its organization's.
type groupName struct{ group, org string }

// groupNames maps every group id to its names: a few thousand groups at
// most, against up to millions of registrations.
func (s *Store) groupNames(ctx context.Context) (map[uint]groupName, error) {
	rows, err := s.reads(ctx).Raw(sqlGroupNames).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[uint]groupName{}
	for rows.Next() {
		var id uint
		var g groupName
		if err := rows.Scan(&id, &g.group, &g.org); err != nil {
			return nil, err
		}
		out[id] = g
	}
	return out, rows.Err()
}

// rosterPart streams one role's registrations in one status; part holds
// the role and status every row shares.
func (s *Store) rosterPart(ctx context.Context, roleID uint, part RosterRow, groups map[uint]groupName, fn func(RosterRow) error) error {
	rows, err := s.reads(uncancelled(ctx)).Raw(sqlRosterPart(s.dialect), roleID, part.Status).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	r := part
	var groupID uint
	var created, confirmed, cancelled int64
	for n := 1; rows.Next(); n++ {
		if err := checkCancel(ctx, n); err != nil {
			return err
		}
		if err := rows.Scan(&r.ID, &r.Name, &r.Phone, &groupID, &r.Remark, &created, &confirmed, &cancelled); err != nil {
			return err
		}
		g := groups[groupID]
		r.Group, r.Organization = g.group, g.org
		r.CreatedAt, r.ConfirmedAt, r.CancelledAt = unixTime(created), unixTime(confirmed), unixTime(cancelled)
		if part.Status == StatusWaitlisted {
			r.Position++
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Streamed reads and cancellation: mattn/go-sqlite3 runs each step of a
// query whose context can be cancelled in a goroutine of its own, so it
// can watch the context meanwhile; over a million rows that per-row
// goroutine cost more CPU than the rest of the export (measured with
// pprof). The streaming loops therefore query with the context's values
// but not its cancellation, and check it themselves every cancelEvery
// rows, so an interrupted export still stops within a millisecond or so.
const cancelEvery = 1024

// uncancelled is ctx without its cancellation, for a streamed query.
func uncancelled(ctx context.Context) context.Context { return context.WithoutCancel(ctx) }

// checkCancel returns ctx's error on row 1 of a query (n counts from 1)
// and every cancelEvery rows after.
func checkCancel(ctx context.Context, n int) error {
	if n%cancelEvery != 1 {
		return nil
	}
	return ctx.Err()
}

// unixTime is Unix seconds as a UTC time; 0 is the zero time (none).
func unixTime(sec int64) time.Time {
	if sec == 0 {
		return time.Time{}
	}
	return time.Unix(sec, 0).UTC()
}
