package models

import (
	"context"
	"slices"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// GroupAccount records that a bot account serves a group: it is a member
// and can send there. An account learns its groups at login (those saved to
// 通讯录) and when a group first speaks to it (docs/accounts.md, "Who
// serves a group"). Rows are keyed by the group's name, the stable key
// (UserNames change at every login), and are kept for groups nobody
// imported: an account's groups include family chats the bureau never
// wants in `orgs list`, so no group row is made for them here.
type GroupAccount struct {
	ID        uint      `gorm:"primaryKey"`
	GroupName string    `gorm:"not null;uniqueIndex:idx_group_account"`
	Account   string    `gorm:"not null;uniqueIndex:idx_group_account;index"`
	FirstSeen time.Time `gorm:"not null"`
	LastSeen  time.Time `gorm:"not null"`
}

// NoteServed records that account serves each of groups (now), and picks
// the owner again, by the rule, of every group whose set of serving
// accounts changed. It is idempotent: a repeated login only moves LastSeen.
func (s *Store) NoteServed(ctx context.Context, account string, groups []string) error {
	if account == "" || len(groups) == 0 {
		return nil
	}
	now := s.Now().UTC()
	groups = slices.Compact(slices.Sorted(slices.Values(groups)))
	const batch = 200 // SQLite's variable limit is far above 4 a row × 200
	for start := 0; start < len(groups); start += batch {
		part := groups[start:min(start+batch, len(groups))]
		if err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			return noteServed(tx, account, part, now)
		}); err != nil {
			return err
		}
	}
	return nil
}

// noteServed is one batch of NoteServed.
func noteServed(tx *gorm.DB, account string, groups []string, now time.Time) error {
	var known []string
	if err := tx.Model(&GroupAccount{}).Where("account = ? AND group_name IN ?", account, groups).
		Pluck("group_name", &known).Error; err != nil {
		return err
	}
	rows := make([]GroupAccount, 0, len(groups))
	for _, g := range groups {
		if g != "" {
			rows = append(rows, GroupAccount{GroupName: g, Account: account, FirstSeen: now, LastSeen: now})
		}
	}
	if len(rows) == 0 {
		return nil
	}
	if err := tx.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "group_name"}, {Name: "account"}},
		DoUpdates: clause.AssignmentColumns([]string{"last_seen"}),
	}).Create(&rows).Error; err != nil {
		return err
	}
	for _, g := range groups {
		if g != "" && !slices.Contains(known, g) {
			owner, err := electOwner(tx, g, now)
			if err != nil {
				return err
			}
			if err := claimWaiting(tx, g, owner); err != nil { // outbox_account.go
				return err
			}
		}
	}
	return nil
}

// ServingAccounts lists the accounts that serve a group, by name.
func (s *Store) ServingAccounts(ctx context.Context, group string) ([]string, error) {
	return servingAccounts(s.db.WithContext(ctx), group)
}

func servingAccounts(tx *gorm.DB, group string) ([]string, error) {
	var out []string
	err := tx.Model(&GroupAccount{}).Where("group_name = ?", group).Order("account").Pluck("account", &out).Error
	return out, err
}

// ServedGroups lists the groups an account serves, by name.
func (s *Store) ServedGroups(ctx context.Context, account string) ([]string, error) {
	var out []string
	err := s.db.WithContext(ctx).Model(&GroupAccount{}).Where("account = ?", account).
		Order("group_name").Pluck("group_name", &out).Error
	return out, err
}

// ServedCount is how many groups each account serves.
func (s *Store) ServedCount(ctx context.Context) (map[string]int, error) {
	var rows []struct {
		Account string
		N       int
	}
	err := s.reads(ctx).Model(&GroupAccount{}).Select("account, COUNT(*) AS n").Group("account").Scan(&rows).Error
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[r.Account] = r.N
	}
	return out, err
}
