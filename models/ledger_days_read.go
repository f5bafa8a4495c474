package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// The ledger's report queries (plans checked in TestLedgerQueriesUseIndexes).
// sqlLedgerCounts walks the campaign's rows in key order, so its GROUP BY
// needs no sort; days are compared as text ('YYYY-MM-DD' sorts as dates).
const (
	sqlLedgerCounts = `SELECT group_id, role_id, status, SUM(ins - outs) AS n,
		COALESCE(SUM(CASE WHEN day >= ? THEN ins END), 0) AS ins,
		COALESCE(SUM(CASE WHEN day >= ? THEN outs END), 0) AS outs
		FROM status_days WHERE campaign_id = ? AND day < ?
		GROUP BY group_id, role_id, status`
	sqlLedgerDaily = `SELECT day, role_id, status, SUM(ins - outs) AS n
		FROM status_days WHERE campaign_id = ? AND day < ?
		GROUP BY day, role_id, status`
	sqlFirstEvent = `SELECT MIN(at) FROM registration_events WHERE campaign_id = ?`
)

// ledgerDays returns the ledger's local days [from, to) for the span
// [start, end), when the database has a ledger and both ends are local
// midnights of its zone: exactly then the ledger's day buckets hold the
// same events as the span. ok is false otherwise (the caller reads the
// events instead).
func (s *Store) ledgerDays(db *gorm.DB, start, end time.Time) (from, to string, ok bool, err error) {
	zone, err := s.ledger.lookup(db)
	if err != nil || zone == nil || !start.Before(end) {
		return "", "", false, err
	}
	if !isMidnight(start.In(zone)) || !isMidnight(end.In(zone)) {
		return "", "", false, nil
	}
	return start.In(zone).Format(time.DateOnly), end.In(zone).Format(time.DateOnly), true, nil
}

func isMidnight(t time.Time) bool {
	h, m, sec := t.Clock()
	return h == 0 && m == 0 && sec == 0 && t.Nanosecond() == 0
}

// ledgerCounts is StatusCounts read from the ledger: the days before to
// sum to each key's count at the end, those from from on give the moves.
func ledgerCounts(db *gorm.DB, campaignID uint, from, to string) ([]StatusCount, error) {
	out, err := scanRows(db, func(c *StatusCount) []any {
		return []any{&c.GroupID, &c.RoleID, &c.Status, &c.N, &c.In, &c.Out}
	}, sqlLedgerCounts, from, from, campaignID, to)
	if err != nil {
		return nil, fmt.Errorf("tally from the status ledger: %w", err)
	}
	return out, nil
}

// scanRows runs q and scans each row into a new T through the fields
// returns, in the query's column order. The report's aggregates return
// thousands of rows (one per group and role, or activity): scanned by
// position they cost a third less than through gorm's reflection by name.
func scanRows[T any](db *gorm.DB, fields func(*T) []any, q string, args ...any) ([]T, error) {
	rows, err := db.Raw(q, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(fields(&v)...); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// ledgerDailyOK reports whether DailyCounts may read the ledger: end is a
// midnight of the ledger's zone, and the zone's offset is offset from the
// campaign's first event to end, so the ledger's days are the days the
// caller's offset makes of every event. to is end's day.
func (s *Store) ledgerDailyOK(db *gorm.DB, campaignID uint, end time.Time, offset time.Duration) (to string, ok bool, err error) {
	zone, err := s.ledger.lookup(db)
	if err != nil || zone == nil || !isMidnight(end.In(zone)) {
		return "", false, err
	}
	last := end.Add(-time.Nanosecond).In(zone)
	since, _ := last.ZoneBounds()
	if _, off := last.Zone(); time.Duration(off)*time.Second != offset {
		return "", false, nil
	}
	if !since.IsZero() {
		var first any
		if err := db.Raw(sqlFirstEvent, campaignID).Row().Scan(&first); err != nil {
			return "", false, err
		}
		if first != nil {
			t, err := aggregateTime(first)
			if err != nil || t.Before(since) {
				return "", false, err
			}
		}
	}
	return end.In(zone).Format(time.DateOnly), true, nil
}

// LedgerZone is the zone the status ledger counts days in, or nil when the
// database has none yet (nothing has opened it with Open since the ledger
// was introduced): reports are then computed from the history, slower.
func (s *Store) LedgerZone(ctx context.Context) (*time.Location, error) {
	return s.ledger.lookup(s.reads(ctx))
}
