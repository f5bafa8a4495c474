package models

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// LiveSessions lists the console sessions not yet expired, by admin and
// then oldest first: what mobilize admin-sessions shows.
func (s *Store) LiveSessions(ctx context.Context) ([]AdminSession, error) {
	var out []AdminSession
	err := s.db.WithContext(ctx).Where("expires_at > ?", s.Now().UTC()).Order("admin, id").Find(&out).Error
	return out, err
}

// EndSessionByID ends one live session by its number, audited by actor;
// ErrNotFound when no live session has it. It returns the session's
// admin.
func (s *Store) EndSessionByID(ctx context.Context, id uint, actor string) (string, error) {
	var admin string
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var row AdminSession
		if err := tx.Where("id = ? AND expires_at > ?", id, tx.NowFunc().UTC()).First(&row).Error; err != nil {
			return notFound(err, "session")
		}
		admin = row.Admin
		if err := tx.Delete(&AdminSession{}, row.ID).Error; err != nil {
			return fmt.Errorf("end session %d: %w", id, err)
		}
		return writeAudit(tx, actor, AuditRevoke, fmt.Sprintf("结束 %s 的后台会话 #%d", admin, id))
	})
	return admin, err
}

// EndAdminAccess ends every session and unused login link of each admin
// named (all who hold any when admins is nil), one audit row per person
// by actor: "log this person out everywhere", which a link still in their
// chat would undo if it were left. It returns who lost what, sorted.
func (s *Store) EndAdminAccess(ctx context.Context, admins []string, actor string) ([]Revoked, error) {
	var out []Revoked
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if admins == nil {
			var err error
			if admins, err = accessHolders(tx); err != nil {
				return err
			}
		}
		var err error
		out, err = endAccess(tx, admins, actor, func(r Revoked) string {
			return fmt.Sprintf("结束 %s 的 %d 个后台会话，作废 %d 个登录链接", r.Admin, r.Sessions, r.Links)
		})
		return err
	})
	return out, err
}
