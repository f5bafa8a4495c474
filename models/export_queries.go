package models

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// DayCount is the net change, on one local day, of how many registrations
// of one role had one status (see StatusCounts for the arithmetic).
type DayCount struct {
	Day    string // YYYY-MM-DD, local
	RoleID uint
	Status string
	N      int
}

// The export's day-by-day queries: the same two aggregates as the tally,
// bucketed by local day (shifted by the zone's offset, dialect.dayAt)
// instead of cut at one instant.
func sqlDailyEvents(d dialect) string {
	return `SELECT ` + d.dayAt("at", "?") + ` AS day,
		role_id, status, COUNT(*) AS n
		FROM registration_events WHERE campaign_id = ? AND at < ?
		GROUP BY day, role_id, status`
}

func sqlDailyChanges(d dialect) string {
	return `SELECT ` + d.dayAt("e.at", "?") + ` AS day,
		p.role_id, p.status, -COUNT(*) AS n
		FROM registration_events e
		JOIN registration_events p ON p.id = (SELECT x.id FROM registration_events x
			WHERE x.registration_id = e.registration_id AND (x.at < e.at OR (x.at = e.at AND x.id < e.id))
			ORDER BY x.at DESC, x.id DESC LIMIT 1)
		WHERE e.campaign_id = ? AND e.at < ? AND e.reason NOT IN ` + creationReasons + `
		GROUP BY day, p.role_id, p.status`
}

const sqlFirstSignUps = `SELECT group_id, MIN(at) AS at FROM registration_events
	WHERE campaign_id = ? AND at < ? GROUP BY group_id`

// DailyCounts returns, for every local day up to end, the net change of
// each (role, status) count; summed in day order they give each day's
// counts at its end, for the workbook's chart. offset is the zone's
// offset from UTC.
//
// When end is a midnight of the status ledger's zone, and that zone's
// offset is offset over the whole campaign, the ledger's days are those
// days, and are read from it (ledger_days_read.go); otherwise the events.
func (s *Store) DailyCounts(ctx context.Context, campaignID uint, end time.Time, offset time.Duration) ([]DayCount, error) {
	db := s.reads(ctx)
	to, ok, err := s.ledgerDailyOK(db, campaignID, end, offset)
	if err != nil {
		return nil, err
	}
	if !ok {
		return eventDailyCounts(db, campaignID, end, offset)
	}
	var rows []DayCount
	err = db.Raw(sqlLedgerDaily, campaignID, to).Scan(&rows).Error
	return rows, err
}

// eventDailyCounts is DailyCounts computed from the events themselves.
func eventDailyCounts(db *gorm.DB, campaignID uint, end time.Time, offset time.Duration) ([]DayCount, error) {
	d := dialectOf(db)
	mod := d.offsetArg(int(offset.Seconds()))
	var in, out []DayCount
	if err := db.Raw(sqlDailyEvents(d), mod, campaignID, end.UTC()).Scan(&in).Error; err != nil {
		return nil, fmt.Errorf("daily events: %w", err)
	}
	if err := db.Raw(sqlDailyChanges(d), mod, campaignID, end.UTC()).Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("daily changes: %w", err)
	}
	return append(in, out...), nil
}

// FirstSignUps returns, per group, when its first registration in the
// campaign was made (before end): an organization's response time.
func (s *Store) FirstSignUps(ctx context.Context, campaignID uint, end time.Time) (map[uint]time.Time, error) {
	rows, err := s.reads(ctx).Raw(sqlFirstSignUps, campaignID, end.UTC()).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[uint]time.Time{}
	for rows.Next() {
		var g uint
		var at any
		if err := rows.Scan(&g, &at); err != nil {
			return nil, err
		}
		t, err := aggregateTime(at)
		if err != nil {
			return nil, err
		}
		out[g] = t
	}
	return out, rows.Err()
}

// aggregateTime reads a time an aggregate (MIN, MAX) returned: PostgreSQL
// keeps the column's type, SQLite returns the text the driver wrote.
func aggregateTime(v any) (time.Time, error) {
	switch v := v.(type) {
	case time.Time:
		return v, nil
	case string:
		return parseSQLiteTime(v)
	case []byte:
		return parseSQLiteTime(string(v))
	}
	return time.Time{}, fmt.Errorf("time %v (%T): not a time", v, v)
}

// parseSQLiteTime reads a time as the SQLite driver writes it.
func parseSQLiteTime(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02 15:04:05.999999999-07:00", "2006-01-02T15:04:05.999999999-07:00", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("time %q: unknown layout", s)
}

// ServiceRow is one service record as the workbook lists it.
type ServiceRow struct {
	Day                       string
	Name, Group, Organization string
	Hours                     float64
	People                    int
	Activity, Place, Extra    string
	CreatedAt                 time.Time
}

const sqlServiceRows = `SELECT s.day, COALESCE(v.name, ''), COALESCE(g.name, ''), COALESCE(o.name, ''),
	COALESCE(s.hours, 0), COALESCE(s.people, 0), COALESCE(s.activity, ''), COALESCE(s.place, ''), COALESCE(s.extra, ''), s.created_at
	FROM service_logs s
	LEFT JOIN volunteers v ON v.id = s.volunteer_id
	LEFT JOIN groups g ON g.id = s.group_id
	LEFT JOIN organizations o ON o.id = g.organization_id
	WHERE s.campaign_id = ? AND s.day <= ? AND s.deleted_at IS NULL
	ORDER BY s.id`

// EachServiceRow calls fn for every service record of the campaign up to
// day, oldest first, one row at a time, from the reader pool.
func (s *Store) EachServiceRow(ctx context.Context, campaignID uint, day string, fn func(ServiceRow) error) error {
	rows, err := s.reads(uncancelled(ctx)).Raw(sqlServiceRows, campaignID, day).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	for n := 1; rows.Next(); n++ {
		if err := checkCancel(ctx, n); err != nil {
			return err
		}
		var r ServiceRow
		if err := rows.Scan(&r.Day, &r.Name, &r.Group, &r.Organization, &r.Hours, &r.People, &r.Activity, &r.Place,
			&r.Extra, &r.CreatedAt); err != nil {
			return err
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// PledgeRow is one pledge as the workbook lists it.
type PledgeRow struct {
	ID                          uint
	Organization, Group, Sender string
	Item, Unit                  string
	Quantity, Value             float64
	Delivered                   bool
	DeliveredAt                 *time.Time
	CreatedAt                   time.Time
}

func sqlPledgeRows(d dialect) string {
	return `SELECT p.id, COALESCE(o.name, ''), COALESCE(g.name, ''), COALESCE(p.sender, ''), p.item, COALESCE(p.unit, ''),
	COALESCE(p.quantity, 0), COALESCE(p.value, 0), COALESCE(p.delivered, false), p.delivered_at, p.created_at
	FROM pledges p
	LEFT JOIN organizations o ON o.id = p.organization_id
	LEFT JOIN groups g ON g.id = p.group_id
	WHERE p.campaign_id = ? AND ` + d.instant("p.created_at") + ` < ` + d.instant("?") + `
	ORDER BY p.id`
}

// EachPledgeRow calls fn for every pledge of the campaign made before end,
// oldest first, one row at a time, from the reader pool.
func (s *Store) EachPledgeRow(ctx context.Context, campaignID uint, end time.Time, fn func(PledgeRow) error) error {
	rows, err := s.reads(uncancelled(ctx)).Raw(sqlPledgeRows(s.dialect), campaignID, s.dialect.instantArg(end)).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	for n := 1; rows.Next(); n++ {
		if err := checkCancel(ctx, n); err != nil {
			return err
		}
		var r PledgeRow
		var del sql.NullTime
		if err := rows.Scan(&r.ID, &r.Organization, &r.Group, &r.Sender, &r.Item, &r.Unit, &r.Quantity, &r.Value,
			&r.Delivered, &del, &r.CreatedAt); err != nil {
			return err
		}
		if del.Valid {
			r.DeliveredAt = &del.Time
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// sqlNudges counts the chase job's nudges per group (jobs_runs.go's table).
const sqlNudges = `SELECT group_id, COUNT(*) AS n FROM nudges WHERE campaign_id = ? AND at < ? GROUP BY group_id`

// NudgesByGroup counts the nudges each group got about the campaign before
// end, for the workbook's 机构响应.
func (s *Store) NudgesByGroup(ctx context.Context, campaignID uint, end time.Time) (map[uint]int, error) {
	var rows []struct {
		GroupID uint
		N       int
	}
	err := s.reads(ctx).Raw(sqlNudges, campaignID, end.UTC()).Scan(&rows).Error
	out := map[uint]int{}
	for _, r := range rows {
		out[r.GroupID] = r.N
	}
	return out, err
}
