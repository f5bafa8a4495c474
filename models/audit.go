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
