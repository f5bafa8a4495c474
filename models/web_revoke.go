package models

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"gorm.io/gorm"
)

// AuditRevoke is the audit action of console access ended by someone
// other than its holder: an admin removed from config, or sessions ended
// by mobilize admin-sessions or the console's 退出所有设备.
const AuditRevoke = "web.revoke"

// ActorConfig is the actor of what the config itself decides: a name
// taken out of admins ends that person's console access on the next
// start or reload, with nobody at a door doing it.
const ActorConfig = "config"

// Revoked is what ending one person's console access ended.
type Revoked struct {
	Admin    string
	Sessions int
	Links    int
	// Withdrawn counts the admin messages (tallies, chase lists, notices,
	// rosters, workbooks) still waiting to be sent to a removed admin,
	// taken back from the outbox.
	Withdrawn int
}

// AdminRemovedReason is the last error of an outbox row withdrawn because
// the admin it was for was removed from the config before it went out.
const AdminRemovedReason = "recipient no longer in admins before it was sent; withdrawn"

// RevokeAdminsExcept ends the console sessions and unused login links of
// everyone not in admins, one audit row per person: removing a name from
// the config must lock that person out of the console, not only out of
// the WeChat commands. It returns who lost access, sorted.
func (s *Store) RevokeAdminsExcept(ctx context.Context, admins []string) ([]Revoked, error) {
	var out []Revoked
	err := s.tx(ctx, func(tx *gorm.DB) error {
		holders, err := accessHolders(tx)
		if err != nil {
			return err
		}
		removed := slices.DeleteFunc(holders, func(who string) bool { return slices.Contains(admins, who) })
		out, err = endAccess(tx, removed, ActorConfig, func(r Revoked) string {
			return fmt.Sprintf("%s 已不在配置 admins 中：结束 %d 个后台会话，作废 %d 个登录链接", r.Admin, r.Sessions, r.Links)
		})
		if err != nil {
			return err
		}
		withdrawn, err := withdrawAdminMail(tx, admins)
		if err != nil {
			return err
		}
		for _, w := range withdrawn {
			i := slices.IndexFunc(out, func(r Revoked) bool { return r.Admin == w.Admin })
			if i < 0 {
				out, i = append(out, Revoked{Admin: w.Admin}), len(out)
			}
			out[i].Withdrawn = w.Withdrawn
		}
		slices.SortFunc(out, func(a, b Revoked) int { return strings.Compare(a.Admin, b.Admin) })
		return nil
	})
	return out, err
}

// adminKinds are the outbox kinds that go to admins only: a private
// chat's notice (tally, chase list, re-login notice, workbook) or full
// roster is never for anyone else.
var adminKinds = []string{KindNotice, KindRoster}

// withdrawAdminMail takes back from the outbox, audited per person, the
// admin messages still pending for a private chat no longer among
// admins: a tally queued at 20:00 must not reach the person removed at
// 20:01 once the bot gets to it.
func withdrawAdminMail(tx *gorm.DB, admins []string) ([]Revoked, error) {
	q := tx.Model(&OutboxMessage{}).Where("is_group = ? AND status = ? AND kind IN ?", false, OutboxPending, adminKinds)
	if len(admins) > 0 {
		q = q.Where("target NOT IN ?", admins)
	}
	var targets []string
	if err := q.Distinct().Pluck("target", &targets).Error; err != nil {
		return nil, fmt.Errorf("list mail of removed admins: %w", err)
	}
	sort.Strings(targets)
	var out []Revoked
	for _, who := range targets {
		res := tx.Model(&OutboxMessage{}).Where("is_group = ? AND status = ? AND kind IN ? AND target = ?", false, OutboxPending, adminKinds, who).
			Updates(map[string]any{"status": OutboxFailed, "last_error": AdminRemovedReason, "finished_at": tx.NowFunc().UTC()})
		if res.Error != nil {
			return nil, fmt.Errorf("withdraw mail of %q: %w", who, res.Error)
		}
		detail := fmt.Sprintf("%s 已不在配置 admins 中：撤回 %d 条尚未发出的管理员消息（统计、名单、导出等）", who, res.RowsAffected)
		if err := writeAudit(tx, ActorConfig, AuditRevoke, detail); err != nil {
			return nil, err
		}
		out = append(out, Revoked{Admin: who, Withdrawn: int(res.RowsAffected)})
	}
	return out, nil
}

// endAccess revokes each admin in turn and writes one audit row, worded
// by detail, for each who lost anything; it returns those.
func endAccess(tx *gorm.DB, admins []string, actor string, detail func(Revoked) string) ([]Revoked, error) {
	var out []Revoked
	for _, who := range admins {
		r, err := revokeAdmin(tx, who)
		if err != nil {
			return nil, err
		}
		if r.Sessions+r.Links == 0 {
			continue
		}
		if err := writeAudit(tx, actor, AuditRevoke, detail(r)); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// accessHolders lists, sorted, everyone with a live session or an unused,
// unexpired login link.
func accessHolders(tx *gorm.DB) ([]string, error) {
	now := tx.NowFunc().UTC()
	var sessions, links []string
	if err := tx.Model(&AdminSession{}).Where("expires_at > ?", now).Distinct().Pluck("admin", &sessions).Error; err != nil {
		return nil, fmt.Errorf("list session holders: %w", err)
	}
	if err := tx.Model(&LoginLink{}).Where("used_at IS NULL AND expires_at > ?", now).Distinct().Pluck("admin", &links).Error; err != nil {
		return nil, fmt.Errorf("list login link holders: %w", err)
	}
	all := append(sessions, links...)
	sort.Strings(all)
	return slices.Compact(all), nil
}

// revokeAdmin deletes every session of admin and every unused link, and
// counts the live ones: an expired session or link ended nothing.
func revokeAdmin(tx *gorm.DB, admin string) (Revoked, error) {
	now := tx.NowFunc().UTC()
	r := Revoked{Admin: admin}
	res := tx.Where("admin = ? AND expires_at > ?", admin, now).Delete(&AdminSession{})
	if res.Error != nil {
		return r, fmt.Errorf("end sessions of %q: %w", admin, res.Error)
	}
	r.Sessions = int(res.RowsAffected)
	if err := tx.Where("admin = ?", admin).Delete(&AdminSession{}).Error; err != nil {
		return r, fmt.Errorf("forget sessions of %q: %w", admin, err)
	}
	res = tx.Where("admin = ? AND used_at IS NULL AND expires_at > ?", admin, now).Delete(&LoginLink{})
	if res.Error != nil {
		return r, fmt.Errorf("void login links of %q: %w", admin, res.Error)
	}
	r.Links = int(res.RowsAffected)
	return r, nil
}

// PruneWebAccess deletes expired console sessions and login links that
// were used or expired: nothing is left of a session — its device and
// masked address — once it can no longer be used. The audit log keeps
// who logged in and when.
func (s *Store) PruneWebAccess(ctx context.Context) (int64, error) {
	var n int64
	err := s.tx(ctx, func(tx *gorm.DB) error {
		now := tx.NowFunc().UTC()
		res := tx.Where("expires_at <= ?", now).Delete(&AdminSession{})
		if res.Error != nil {
			return fmt.Errorf("prune sessions: %w", res.Error)
		}
		n = res.RowsAffected
		res = tx.Where("used_at IS NOT NULL OR expires_at <= ?", now).Delete(&LoginLink{})
		if res.Error != nil {
			return fmt.Errorf("prune login links: %w", res.Error)
		}
		n += res.RowsAffected
		return nil
	})
	return n, err
}
