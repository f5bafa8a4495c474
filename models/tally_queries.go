package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// creationReasons are the reasons of a registration's first event; every
// other reason is a change of an existing registration (promoted, moved,
// cancelled, and whatever is added later), whose previous status the
// tally must take back. Keep in step with ledger_history.go: a creation reason
// missing here only costs a predecessor seek that finds nothing (the count
// stays right); a change reason listed here would break the counts.
const creationReasons = `('signup', 'waitlist', 'chain', 'backfill')`

// reportIndexes are the indexes the report queries need (checked by
// EXPLAIN QUERY PLAN in tally_queries_test.go):
//   - idx_regev_tally covers the per-group, per-role, per-status count of
//     events up to a time, in index order, so the count needs no sort and
//     no table lookups;
//   - idx_regev_changes is a small partial index of the events that change
//     an existing registration, the only ones whose previous event is
//     looked up;
//   - idx_service_tally covers the service totals.
var reportIndexes = []string{
	`CREATE INDEX IF NOT EXISTS idx_regev_tally ON registration_events (campaign_id, group_id, role_id, status, at)`,
	`CREATE INDEX IF NOT EXISTS idx_regev_changes ON registration_events (campaign_id, at, registration_id)
		WHERE reason NOT IN ` + creationReasons,
	`CREATE INDEX IF NOT EXISTS idx_service_tally ON service_logs (campaign_id, group_id, activity, day, hours, people, deleted_at)`,
}

// migrateReportIndexes creates the report indexes (once; on a large
// existing database the first start takes a few seconds).
func migrateReportIndexes(db *gorm.DB) error {
	for _, q := range reportIndexes {
		if err := db.Exec(q).Error; err != nil {
			return fmt.Errorf("report index: %w", err)
		}
	}
	return nil
}

// The report queries, named so the plan test reads the very same text.
const (
	sqlTallyEvents = `SELECT group_id, role_id, status, COUNT(*) AS n, COUNT(CASE WHEN at >= ? THEN 1 END) AS day
		FROM registration_events WHERE campaign_id = ? AND at < ?
		GROUP BY group_id, role_id, status`
	sqlTallyChanges = `SELECT p.group_id, p.role_id, p.status, COUNT(*) AS n, COUNT(CASE WHEN e.at >= ? THEN 1 END) AS day
		FROM registration_events e
		JOIN registration_events p ON p.id = (SELECT x.id FROM registration_events x
			WHERE x.registration_id = e.registration_id AND (x.at < e.at OR (x.at = e.at AND x.id < e.id))
			ORDER BY x.at DESC, x.id DESC LIMIT 1)
		WHERE e.campaign_id = ? AND e.at < ? AND e.reason NOT IN ` + creationReasons + `
		GROUP BY p.group_id, p.role_id, p.status`
	sqlServiceTotals = `SELECT COALESCE(group_id, 0), COALESCE(activity, ''),
		COALESCE(SUM(CASE WHEN day = ? THEN hours END), 0) AS day_hours, COALESCE(SUM(hours), 0) AS hours,
		COALESCE(SUM(CASE WHEN day = ? THEN people END), 0) AS day_people, COALESCE(SUM(people), 0) AS people,
		COUNT(CASE WHEN day = ? THEN 1 END) AS day_records, COUNT(*) AS records
		FROM service_logs WHERE campaign_id = ? AND day <= ? AND deleted_at IS NULL
		GROUP BY group_id, activity`
	sqlGroupOrgs = `SELECT COALESCE(g.id, 0) AS group_id, o.id AS organization_id,
		COALESCE(g.name, '') AS "group", o.name AS organization, COALESCE(o.unbound, false) AS unbound
		FROM organizations o LEFT JOIN groups g ON g.organization_id = o.id
		ORDER BY o.name, g.name`
)

// sqlPledgeTotals sums pledges per organization, item and unit, times
// compared as instants (dialect.instant).
func sqlPledgeTotals(d dialect) string {
	at, arg := d.instant("created_at"), d.instant("?")
	return `SELECT COALESCE(organization_id, 0), COALESCE(item, ''), COALESCE(unit, ''),
		COALESCE(SUM(CASE WHEN ` + at + ` >= ` + arg + ` THEN quantity END), 0) AS day_quantity,
		COALESCE(SUM(quantity), 0) AS quantity,
		COALESCE(SUM(CASE WHEN delivered THEN quantity END), 0) AS delivered,
		COALESCE(SUM(CASE WHEN ` + at + ` >= ` + arg + ` THEN value END), 0) AS day_value,
		COALESCE(SUM(value), 0) AS value
		FROM pledges WHERE campaign_id = ? AND ` + at + ` < ` + arg + `
		GROUP BY organization_id, item, unit`
}

// StatusCount is how many registrations of one role, signed up from one
// group, had one status at the end of a day, and how many entered and
// left that status during the day.
type StatusCount struct {
	GroupID, RoleID uint
	Status          string
	N               int // at the end of the day
	In, Out         int // entered / left during the day
}

// StatusCounts computes, from the registration history alone, every
// (group, role, status) count of campaign at end (exclusive) and the moves
// in and out of each during [start, end). Later changes never alter it.
//
// A registration's status at end is its latest event before end. Summing
// +1 for every event before end at its own key and −1 for every such event
// at the key of the event it replaced telescopes to exactly that, so the
// count is two aggregates: one index scan over the events, and one seek per
// change event (cancellations, promotions, moves) for its predecessor. No
// registration is loaded and no parameter list grows with the data.
//
// Whole days of the status ledger's zone (a report's day) are read from the
// ledger, those sums kept by day (ledger_days.go): a few hundred thousand
// small rows at most, whatever the history's size. Any other span, or a
// database without the ledger yet, is counted from the events.
func (s *Store) StatusCounts(ctx context.Context, campaignID uint, start, end time.Time) ([]StatusCount, error) {
	db := s.reads(ctx)
	from, to, ok, err := s.ledgerDays(db, start, end)
	if err != nil {
		return nil, err
	}
	if ok {
		return ledgerCounts(db, campaignID, from, to)
	}
	return eventCounts(db, campaignID, start, end)
}

// eventCounts is StatusCounts computed from the events themselves.
func eventCounts(db *gorm.DB, campaignID uint, start, end time.Time) ([]StatusCount, error) {
	start, end = start.UTC(), end.UTC()
	type row struct {
		GroupID, RoleID uint
		Status          string
		N, Day          int
	}
	var in, out []row
	if err := db.Raw(sqlTallyEvents, start, campaignID, end).Scan(&in).Error; err != nil {
		return nil, fmt.Errorf("tally events: %w", err)
	}
	if err := db.Raw(sqlTallyChanges, start, campaignID, end).Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("tally changes: %w", err)
	}
	type key struct {
		g, r uint
		s    string
	}
	acc := map[key]*StatusCount{}
	get := func(r row) *StatusCount {
		k := key{r.GroupID, r.RoleID, r.Status}
		if acc[k] == nil {
			acc[k] = &StatusCount{GroupID: r.GroupID, RoleID: r.RoleID, Status: r.Status}
		}
		return acc[k]
	}
	for _, r := range in {
		c := get(r)
		c.N += r.N
		c.In += r.Day
	}
	for _, r := range out {
		c := get(r)
		c.N -= r.N
		c.Out += r.Day
	}
	res := make([]StatusCount, 0, len(acc))
	for _, c := range acc {
		res = append(res, *c)
	}
	return res, nil
}

// ServiceTotal sums a campaign's service records of one group and one
// activity: on a day, and on every day up to it.
type ServiceTotal struct {
	GroupID             uint
	Activity            string
	DayHours, Hours     float64
	DayPeople, People   int
	DayRecords, Records int
}

// ServiceTotals sums service records (undone ones left out) up to day
// (YYYY-MM-DD, local) per group and activity, in one covered scan.
func (s *Store) ServiceTotals(ctx context.Context, campaignID uint, day string) ([]ServiceTotal, error) {
	return scanRows(s.reads(ctx), func(t *ServiceTotal) []any {
		return []any{&t.GroupID, &t.Activity, &t.DayHours, &t.Hours, &t.DayPeople, &t.People, &t.DayRecords, &t.Records}
	}, sqlServiceTotals, day, day, day, campaignID, day)
}

// PledgeTotal sums a campaign's pledges of one organization, item and
// unit: made on the day, made up to its end, delivered, and stated value.
type PledgeTotal struct {
	OrganizationID  uint
	Item, Unit      string
	DayQuantity     float64
	Quantity        float64
	Delivered       float64
	DayValue, Value float64
}

// PledgeTotals sums pledges made before end per organization, item and
// unit. Times are compared as instants, whatever zone offset each row was
// written with.
func (s *Store) PledgeTotals(ctx context.Context, campaignID uint, start, end time.Time) ([]PledgeTotal, error) {
	js, je := s.dialect.instantArg(start), s.dialect.instantArg(end)
	return scanRows(s.reads(ctx), func(t *PledgeTotal) []any {
		return []any{&t.OrganizationID, &t.Item, &t.Unit, &t.DayQuantity, &t.Quantity, &t.Delivered, &t.DayValue, &t.Value}
	}, sqlPledgeTotals(s.dialect), js, js, campaignID, je)
}

// GroupOrg is a group with its organization, for attributing counts.
type GroupOrg struct {
	GroupID, OrganizationID uint
	Group, Organization     string
	Unbound                 bool
}

// GroupOrgs lists every group with its organization, and every
// organization without a group (GroupID 0), so a tally can name the
// organizations that have not answered.
func (s *Store) GroupOrgs(ctx context.Context) ([]GroupOrg, error) {
	var out []GroupOrg
	err := s.reads(ctx).Raw(sqlGroupOrgs).Scan(&out).Error
	return out, err
}
