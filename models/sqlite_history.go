package models

import "gorm.io/gorm"

// backfillHistory writes one event per registration that has none, from its
// current status, dated by the time that status began as far as the row
// tells: CancelledAt for a cancellation, ConfirmedAt for a confirmation,
// CreatedAt for a waitlisting (or when the other time is missing).
//
// Times are rewritten in UTC (to the millisecond) in the text form the
// driver writes, so they compare correctly with the events written later.
//
// Only an SQLite file can predate the history (legacy), so the statement
// is written in SQLite's SQL (strftime).
//
// It is best effort: a database from before the history kept no record of
// earlier statuses, so a registration confirmed on Monday and cancelled on
// Wednesday is, for Monday and Tuesday, simply absent (not counted as
// confirmed); its cancellation and everything current are right.
func backfillHistory(tx *gorm.DB) error {
	return tx.Exec(`INSERT INTO registration_events
		(registration_id, campaign_id, role_id, group_id, status, reason, at)
		SELECT id, campaign_id, role_id, group_id, status, ?,
			rtrim(rtrim(strftime('%Y-%m-%d %H:%M:%f', since), '0'), '.') || '+00:00'
		FROM (SELECT r.*, CASE r.status
				WHEN ? THEN COALESCE(r.cancelled_at, r.created_at)
				WHEN ? THEN COALESCE(r.confirmed_at, r.created_at)
				ELSE r.created_at END AS since
			FROM registrations r) r
		WHERE NOT EXISTS (SELECT 1 FROM registration_events e WHERE e.registration_id = r.id)
		ORDER BY r.id`, ReasonBackfill, StatusCancelled, StatusConfirmed).Error
}
