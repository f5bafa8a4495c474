package models

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"gorm.io/gorm"
)

// OutboxMove records one unsent outbox row moved from a cut-off account to
// another that serves its group too (docs/accounts.md, "When an account is
// cut off"). A row moves by a conditional update (still pending, still the
// cut-off account's) and its record is written in the same transaction, so
// a row moves once however many processes try.
type OutboxMove struct {
	ID       uint   `gorm:"primaryKey"`
	OutboxID uint   `gorm:"not null;index"`
	From     string `gorm:"not null"`
	To       string `gorm:"not null"`
	At       time.Time
	// Reason says why From was cut off: its retcode, or how long it was
	// down.
	Reason string
}

// AuditFailover is the audit action of a takeover.
const AuditFailover = "outbox.failover"

// CutOffAccount is an account failover works around: its state, the groups
// whose unsent rows moved (to the caller), and the groups it serves that no
// other working account does — those wait for it, and staff forward by
// hand.
type CutOffAccount struct {
	State    AccountState
	Moved    int
	Groups   []string // groups whose rows moved
	Stranded []string
	// Handed and HandedGroups count the account's rows (and their groups)
	// that working accounts take over since it went down, whichever of
	// them takes each (accounts_failover_handed.go): what the admins are
	// told, the same whichever taker tells them.
	Handed       int
	HandedGroups int
}

// TakeOver moves to account to the unsent group rows of every cut-off
// account (Liveness.CutOff) for the groups to serves and, among the
// working accounts that serve the group, the rule picks (ruleOwner): every
// process computes the same choice, so two working accounts never both
// take one group's rows. It does nothing unless to is working itself. It
// returns every cut-off account with what moved and what is stranded.
func (s *Store) TakeOver(ctx context.Context, to string, l Liveness) ([]CutOffAccount, error) {
	var out []CutOffAccount
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var states []AccountState
		if err := tx.Order("account").Find(&states).Error; err != nil {
			return err
		}
		working := map[string]bool{}
		for _, st := range states {
			working[st.Account] = l.Working(st)
		}
		if !working[to] {
			return nil
		}
		for _, st := range states {
			if st.Account == to || !l.CutOff(st) {
				continue
			}
			c, err := takeOverFrom(tx, st, to, working, l)
			if err != nil {
				return err
			}
			out = append(out, c)
		}
		return nil
	})
	return out, err
}

// takeOverFrom is TakeOver for one cut-off account. It reads the account's
// groups, their serving accounts and its waiting rows in three queries:
// it runs every heartbeat in every runner while the account stays cut off.
func takeOverFrom(tx *gorm.DB, st AccountState, to string, working map[string]bool, l Liveness) (CutOffAccount, error) {
	c := CutOffAccount{State: st}
	var served []GroupAccount
	if err := tx.Where("group_name IN (?)", tx.Model(&GroupAccount{}).Select("group_name").Where("account = ?", st.Account)).
		Order("group_name, account").Find(&served).Error; err != nil {
		return c, err
	}
	serving := map[string][]string{}
	for _, ga := range served {
		serving[ga.GroupName] = append(serving[ga.GroupName], ga.Account)
	}
	var waiting []string
	if err := tx.Model(&OutboxMessage{}).Distinct("target").
		Where("account = ? AND status = ? AND is_group = ?", st.Account, OutboxPending, true).Order("target").Pluck("target", &waiting).Error; err != nil {
		return c, err
	}
	for _, g := range waiting {
		if _, ok := serving[g]; !ok {
			serving[g] = nil // a waiting row's group the account never served
		}
	}
	reason := cutOffReason(st, l)
	var coveredByOthers []string // waiting groups another working account takes
	for _, g := range slices.Sorted(maps.Keys(serving)) {
		others := slices.DeleteFunc(slices.Clone(serving[g]), func(a string) bool { return a == st.Account || !working[a] })
		if len(others) == 0 {
			c.Stranded = append(c.Stranded, g)
			continue
		}
		if !slices.Contains(waiting, g) {
			continue
		}
		if ruleOwner(g, others) != to {
			coveredByOthers = append(coveredByOthers, g)
			continue
		}
		n, err := moveRows(tx, g, st.Account, to, reason)
		if err != nil {
			return c, err
		}
		if n > 0 {
			c.Moved += n
			c.Groups = append(c.Groups, g)
		}
	}
	if err := countHanded(tx, &c, coveredByOthers, l); err != nil {
		return c, err
	}
	if c.Moved > 0 {
		detail := fmt.Sprintf(txtFailoverAudit, st.Account, reason, c.Moved, len(c.Groups), to)
		if err := writeAudit(tx, ActorBot, AuditFailover, detail); err != nil {
			return c, err
		}
	}
	return c, nil
}

// moveRows moves group's pending rows from one account to another, each
// once, each recorded.
func moveRows(tx *gorm.DB, group, from, to, reason string) (int, error) {
	var ids []uint
	if err := tx.Model(&OutboxMessage{}).Where("account = ? AND status = ? AND is_group = ? AND target = ?", from, OutboxPending, true, group).
		Order("id").Pluck("id", &ids).Error; err != nil {
		return 0, err
	}
	now := tx.NowFunc().UTC()
	moved := 0
	for _, id := range ids {
		res := tx.Model(&OutboxMessage{}).Where("id = ? AND account = ? AND status = ?", id, from, OutboxPending).Update("account", to)
		if res.Error != nil {
			return moved, res.Error
		}
		if res.RowsAffected != 1 {
			continue // claimed or moved meanwhile
		}
		if err := tx.Create(&OutboxMove{OutboxID: id, From: from, To: to, At: now, Reason: reason}).Error; err != nil {
			return moved, err
		}
		moved++
	}
	return moved, nil
}

// cutOffReason says why an account was cut off, for the move records and
// the audit.
func cutOffReason(st AccountState, l Liveness) string {
	if !st.Online && st.EndCode == 1102 {
		return "1102"
	}
	return fmt.Sprintf(txtDownFor, int(l.Now.Sub(l.DownSince(st)).Minutes()))
}

// Words of failover records.
const (
	txtFailoverAudit = "%s 掉线（%s）：%d 条未发消息（%d 个群）转由 %s 发送"
	txtDownFor       = "离线 %d 分钟"
)

// UnservedGroups returns the groups no working account serves now: those
// whose messages wait, and which staff forward by hand (the console's
// 人工转发 lists them first). A group no account has ever served is one of
// them.
func (s *Store) UnservedGroups(ctx context.Context, l Liveness) (map[string]bool, error) {
	states, err := s.AccountStates(ctx)
	if err != nil {
		return nil, err
	}
	working := map[string]bool{}
	for _, st := range states {
		working[st.Account] = l.Working(st)
	}
	var served []GroupAccount
	if err := s.db.WithContext(ctx).Find(&served).Error; err != nil {
		return nil, err
	}
	var names []string
	if err := s.db.WithContext(ctx).Model(&Group{}).Pluck("name", &names).Error; err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, g := range names {
		out[g] = true
	}
	for _, ga := range served {
		if _, ok := out[ga.GroupName]; !ok {
			out[ga.GroupName] = true
		}
	}
	for _, ga := range served {
		if working[ga.Account] {
			out[ga.GroupName] = false
		}
	}
	for g, unserved := range out {
		if !unserved {
			delete(out, g)
		}
	}
	return out, nil
}

// OutboxMoves lists the recorded moves, oldest first.
func (s *Store) OutboxMoves(ctx context.Context) ([]OutboxMove, error) {
	var out []OutboxMove
	return out, s.db.WithContext(ctx).Order("id").Find(&out).Error
}
