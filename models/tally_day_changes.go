package models

import (
	"context"
	"fmt"
	"time"
)

// A day's changes of existing registrations, by what they were and what
// they became, and why. The status counts (StatusCounts) say how many
// entered and left each status; only these say which of the departures
// from 已确认 were places given up (a cancellation) and which were the
// same person moving on — to another role (ReasonMoved) or to another
// group (ReasonRegrouped) — which the daily tally must not count as
// 放弃确认名额, nor their arrivals as new confirmations.
const sqlDayChanges = `SELECT p.group_id AS from_group, e.group_id AS to_group, e.role_id,
		p.status AS from_status, e.status AS to_status, e.reason, COUNT(*) AS n
	FROM registration_events e
	JOIN registration_events p ON p.id = (SELECT x.id FROM registration_events x
		WHERE x.registration_id = e.registration_id AND (x.at < e.at OR (x.at = e.at AND x.id < e.id))
		ORDER BY x.at DESC, x.id DESC LIMIT 1)
	WHERE e.campaign_id = ? AND e.at >= ? AND e.at < ? AND e.reason NOT IN ` + creationReasons + `
	GROUP BY p.group_id, e.group_id, e.role_id, p.status, e.status, e.reason`

// DayChange counts the changes of [start, end) that took registrations of
// one role from one group and status to another, for one reason.
type DayChange struct {
	FromGroup, ToGroup, RoleID uint
	From, To, Reason           string
	N                          int
}

// GaveUp reports whether the change gave up a confirmed place: a
// cancellation of one, never a role move or a group move.
func (c DayChange) GaveUp() bool {
	return c.From == StatusConfirmed && c.To == StatusCancelled && c.Reason == ReasonCancelled
}

// Switched reports whether the change is a confirmed place given up for a
// confirmed place in another role of the campaign (the person stays
// confirmed).
func (c DayChange) Switched() bool {
	return c.From == StatusConfirmed && c.Reason == ReasonMoved
}

// Regrouped reports whether the change moved a registration to another
// group, keeping its status (改到本群).
func (c DayChange) Regrouped() bool { return c.Reason == ReasonRegrouped }

// DayChanges lists the campaign's changes of existing registrations in
// [start, end): a seek of the day's change events in idx_regev_changes and
// one of each one's predecessor, so it costs the day, not the campaign.
func (s *Store) DayChanges(ctx context.Context, campaignID uint, start, end time.Time) ([]DayChange, error) {
	out, err := scanRows(s.reads(ctx), func(c *DayChange) []any {
		return []any{&c.FromGroup, &c.ToGroup, &c.RoleID, &c.From, &c.To, &c.Reason, &c.N}
	}, sqlDayChanges, campaignID, start.UTC(), end.UTC())
	if err != nil {
		return nil, fmt.Errorf("day's changes: %w", err)
	}
	return out, nil
}
