package models

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// GroupOwner is the account that sends to a group reached by several:
// replies, broadcasts and reminders for the group go out through it, so
// the group hears one voice and each account's pace and budget count only
// its own groups. The rule picks it (ruleOwner) unless staff assigned one
// with `orgs assign`, which sticks until staff change it again.
type GroupOwner struct {
	ID        uint   `gorm:"primaryKey"`
	GroupName string `gorm:"not null;uniqueIndex"`
	Account   string `gorm:"not null"`
	// ByStaff marks an assignment made with orgs assign: the rule never
	// overrides it.
	ByStaff bool   `gorm:"not null;default:false"`
	SetBy   string `gorm:"not null;default:''"`
	At      time.Time
}

// AuditOwnerAssign is the audit action of orgs assign.
const AuditOwnerAssign = "group.owner"

// ErrNotServing means the account asked for is not a member of the group
// (as far as its logins showed): it could not send there.
var ErrNotServing = errors.New("account does not serve this group")

// ruleOwner is the rule's owner among accounts: the one with the highest
// SHA-256 of the group's name, a newline and the account's name. Every
// process computes the same owner from the same accounts, whatever order
// they logged in, and a new account takes over only the groups where it
// scores highest (about 1/n of them), not a reshuffle of all.
func ruleOwner(group string, accounts []string) string {
	best, bestScore := "", [sha256.Size]byte{}
	for _, a := range accounts {
		score := sha256.Sum256([]byte(group + "\n" + a))
		if best == "" || bytes.Compare(score[:], bestScore[:]) > 0 {
			best, bestScore = a, score
		}
	}
	return best
}

// electOwner settles a group's owner after its serving accounts changed:
// a staff assignment to an account that serves the group stays; otherwise
// the rule's owner is recorded. It returns the owner, "" when no account
// serves the group.
func electOwner(tx *gorm.DB, group string, now time.Time) (string, error) {
	accounts, err := servingAccounts(tx, group)
	if err != nil || len(accounts) == 0 {
		return "", err
	}
	var cur GroupOwner
	err = tx.Where("group_name = ?", group).Limit(1).Find(&cur).Error
	if err != nil {
		return "", err
	}
	if cur.ID != 0 && cur.ByStaff && slices.Contains(accounts, cur.Account) {
		return cur.Account, nil
	}
	want := ruleOwner(group, accounts)
	if cur.ID != 0 && cur.Account == want && !cur.ByStaff {
		return want, nil
	}
	return want, saveOwner(tx, GroupOwner{GroupName: group, Account: want, At: now})
}

func saveOwner(tx *gorm.DB, o GroupOwner) error {
	return tx.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "group_name"}},
		DoUpdates: clause.AssignmentColumns([]string{"account", "by_staff", "set_by", "at"}),
	}).Create(&o).Error
}

// GroupOwner returns the account that sends to a group: the one the outbox
// gives a row for the group when it is queued. It is "" when no account
// is known to serve the group (no account has logged in since it was
// added, or none is a member): such rows wait for whichever account first
// serves it.
func (s *Store) GroupOwner(ctx context.Context, group string) (string, error) {
	var owner string
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		owner, err = groupOwner(tx, group)
		return err
	})
	return owner, err
}

// groupOwner is GroupOwner inside a transaction (the outbox's, when it
// queues a row).
func groupOwner(tx *gorm.DB, group string) (string, error) {
	var cur GroupOwner
	if err := tx.Where("group_name = ?", group).Limit(1).Find(&cur).Error; err != nil {
		return "", err
	}
	if cur.ID != 0 {
		return cur.Account, nil
	}
	return electOwner(tx, group, tx.NowFunc().UTC())
}

// OwnerInfo is a group's owner as staff see it.
type OwnerInfo struct {
	Account string
	ByStaff bool
	// Serving lists every account that serves the group, by name.
	Serving []string
}

// GroupOwners returns every group's owner and serving accounts, by group
// name, for orgs list and broadcast status (read in the caller's snapshot,
// if any).
func (s *Store) GroupOwners(ctx context.Context) (map[string]OwnerInfo, error) {
	var owners []GroupOwner
	if err := s.reads(ctx).Find(&owners).Error; err != nil {
		return nil, err
	}
	var served []GroupAccount
	if err := s.reads(ctx).Order("group_name, account").Find(&served).Error; err != nil {
		return nil, err
	}
	out := make(map[string]OwnerInfo, len(owners))
	for _, o := range owners {
		out[o.GroupName] = OwnerInfo{Account: o.Account, ByStaff: o.ByStaff}
	}
	for _, ga := range served {
		info := out[ga.GroupName]
		info.Serving = append(info.Serving, ga.Account)
		out[ga.GroupName] = info
	}
	return out, nil
}

// AssignOwner makes account the owner of group for good (orgs assign),
// recorded and audited under actor; the rule no longer moves it. An empty
// account hands the group back to the rule. The account must serve the
// group (ErrNotServing); a group no account serves and nobody imported is
// ErrNotFound. It returns the owner before and after.
func (s *Store) AssignOwner(ctx context.Context, group, account, actor string) (before, after string, err error) {
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		serving, err := servingAccounts(tx, group)
		if err != nil {
			return err
		}
		if len(serving) == 0 {
			var n int64
			if err := tx.Model(&Group{}).Where("name = ?", group).Count(&n).Error; err != nil {
				return err
			}
			if n == 0 {
				return ErrNotFound
			}
		}
		if account != "" && !slices.Contains(serving, account) {
			return fmt.Errorf("%w: %s serves %s", ErrNotServing, strings.Join(serving, ","), group)
		}
		var cur GroupOwner
		if err := tx.Where("group_name = ?", group).Limit(1).Find(&cur).Error; err != nil {
			return err
		}
		before = cur.Account
		now := tx.NowFunc().UTC()
		if account == "" {
			if err := tx.Where("group_name = ?", group).Delete(&GroupOwner{}).Error; err != nil {
				return err
			}
			if after, err = electOwner(tx, group, now); err != nil {
				return err
			}
			return writeAudit(tx, actor, AuditOwnerAssign, fmt.Sprintf("群「%s」：%s → 按规则（%s）", group, ownerWord(before), ownerWord(after)))
		}
		after = account
		if err := saveOwner(tx, GroupOwner{GroupName: group, Account: account, ByStaff: true, SetBy: actor, At: now}); err != nil {
			return err
		}
		return writeAudit(tx, actor, AuditOwnerAssign, fmt.Sprintf("群「%s」：%s → %s", group, ownerWord(before), account))
	})
	return before, after, err
}

// ownerWord names an owner in an audit line, "无" for none.
func ownerWord(account string) string {
	if account == "" {
		return "无"
	}
	return account
}
