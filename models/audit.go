package models

import (
	"context"

	"gorm.io/gorm"
)

func writeAudit(tx *gorm.DB, actor, action, detail string) error {
	return tx.Create(&AuditLog{At: tx.NowFunc(), Actor: actor, Action: action, Detail: detail}).Error
}

// Audit records an action taken outside the member flow (an export, an
// admin override), so the bureau can answer who saw or changed what.
func (s *Store) Audit(ctx context.Context, actor, action, detail string) error {
	return writeAudit(s.db.WithContext(ctx), actor, action, detail)
}

// RecentAudit returns the last n audit records of one action ("" for
// all), newest first: the log grows with every login and export, and
// whoever reads it wants the latest.
func (s *Store) RecentAudit(ctx context.Context, action string, n int) ([]AuditLog, error) {
	q := s.db.WithContext(ctx).Order("id DESC").Limit(n)
	if action != "" {
		q = q.Where("action = ?", action)
	}
	var out []AuditLog
	return out, q.Find(&out).Error
}
