package models

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"

	"mobilize/config"
)

// WithAccounts names the bot accounts of the configuration (cfg.Accounts()
// names, in order). A row queued without an account goes to the first of
// them. Without it the store knows the one implicit account,
// config.DefaultAccountName.
func WithAccounts(names []string) Option {
	return func(o *options) { o.accounts = append([]string(nil), names...) }
}

// Accounts are the configured accounts' names, the default first.
func (s *Store) Accounts() []string { return append([]string(nil), s.accounts...) }

// DefaultAccount is the account that sends what no other rule assigns: the
// first configured one.
func (s *Store) DefaultAccount() string { return s.accounts[0] }

// accountsOrDefault is the accounts an opened store knows.
func accountsOrDefault(names []string) []string {
	if len(names) == 0 {
		return []string{config.DefaultAccountName}
	}
	return names
}

// accountFor decides, inside the transaction that queues m, which account
// sends it: the one the caller named (a reply to a private chat goes back
// through the account it came in by); with one account, that one; a
// group's owner (accounts_owner.go); a private chat's, the default account.
// A group no configured account is known to serve gets "": its rows wait,
// and the first account found serving it takes them (claimWaiting).
// Deciding at queueing time keeps one account's sender from ever taking
// another's row.
func (s *Store) accountFor(tx *gorm.DB, m OutboxMessage) (string, error) {
	switch {
	case m.Account != "":
		return m.Account, nil
	case len(s.accounts) == 1:
		return s.accounts[0], nil
	case !m.IsGroup:
		return s.DefaultAccount(), nil
	}
	owner, err := groupOwner(tx, m.Target)
	if err != nil || slices.Contains(s.accounts, owner) {
		return owner, err
	}
	// The recorded owner is an account this configuration no longer has
	// (its logins are still remembered): a configured account serving
	// the group sends instead, the rule's choice among them.
	serving, err := servingAccounts(tx, m.Target)
	if err != nil {
		return "", err
	}
	configured := slices.DeleteFunc(serving, func(a string) bool { return !slices.Contains(s.accounts, a) })
	return ruleOwner(m.Target, configured), nil
}

// claimWaiting gives account the group's rows that wait for an account
// ("" from accountFor), once the account is found to own the group.
func claimWaiting(tx *gorm.DB, group, account string) error {
	if account == "" {
		return nil
	}
	return tx.Model(&OutboxMessage{}).
		Where("account = '' AND is_group = ? AND target = ? AND status = ?", true, group, OutboxPending).
		Update("account", account).Error
}

// AuditOutboxAdopt records rows moved from an account the configuration
// no longer has to the default account.
const AuditOutboxAdopt = "outbox.adopt"

// AdoptOrphans gives the default account the unsent rows of accounts the
// configuration no longer lists (a bureau that adds an accounts: list
// finds its 默认 rows there): no sender would ever take them. Pending rows
// move and keep their place; rows left "sending" by such an account are
// marked uncertain, since nobody will recover them and WeChat may have
// delivered them. One audit record says how many moved, from where. It
// returns the number of rows moved.
func (s *Store) AdoptOrphans(ctx context.Context) (int64, error) {
	var moved int64
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var from []string
		now := s.Now().UTC()
		// An account another process holds a live lease for is served,
		// whatever this configuration says: its rows are left alone.
		leased := tx.Model(&AccountLease{}).Select("account").Where("expires > ?", now)
		if err := tx.Model(&OutboxMessage{}).Distinct("account").
			Where("status IN ? AND account <> '' AND account NOT IN ? AND account NOT IN (?)",
				[]string{OutboxPending, OutboxSending}, s.accounts, leased).
			Order("account").Pluck("account", &from).Error; err != nil {
			return err
		}
		if len(from) == 0 {
			return nil
		}
		res := tx.Model(&OutboxMessage{}).Where("status = ? AND account IN ?", OutboxPending, from).
			Update("account", s.DefaultAccount())
		if res.Error != nil {
			return res.Error
		}
		moved = res.RowsAffected
		var stuck []uint
		if err := tx.Model(&OutboxMessage{}).Where("status = ? AND account IN ?", OutboxSending, from).
			Pluck("id", &stuck).Error; err != nil {
			return err
		}
		for _, id := range stuck {
			if err := settleUncertain(tx, id, OrphanReason, now); err != nil {
				return err
			}
		}
		return writeAudit(tx, ActorBot, AuditOutboxAdopt, fmt.Sprintf(txtAdopted,
			strings.Join(from, "、"), moved, s.DefaultAccount(), len(stuck)))
	})
	return moved, err
}

// OrphanReason is the last error of a row left "sending" by an account the
// configuration no longer has.
const OrphanReason = "left sending by an account no longer configured; may or may not have been delivered; not resent"

// txtAdopted is AdoptOrphans' audit detail.
const txtAdopted = "配置中已没有账号 %s：%d 条待发消息转由 %s 发送，%d 条发送中断的标为不确定"
