package models

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm/clause"
)

// AccountNickname is the WeChat nickname a bot account logged in with:
// how the other accounts see it in a group they share.
type AccountNickname struct {
	Account  string `gorm:"primaryKey"`
	NickName string `gorm:"not null;index"`
	At       time.Time
}

// NoteNickname records the nickname account logged in with.
func (s *Store) NoteNickname(ctx context.Context, account, nick string) error {
	if account == "" || nick == "" {
		return nil
	}
	return s.db.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "account"}},
		DoUpdates: clause.AssignmentColumns([]string{"nick_name", "at"}),
	}).Create(&AccountNickname{Account: account, NickName: nick, At: s.Now().UTC()}).Error
}

// trimmedText is the outbox text less the spaces, tabs and line breaks
// around it, as strings.TrimSpace leaves the received text (SQLite).
const trimmedText = "TRIM(text, ' ' || char(9) || char(10) || char(13))"

// OwnEcho reports whether a group message that account received is the
// bot's own: sent by another of the bot's accounts (by its nickname) with
// text the bot sent to that group, or is sending now, since the given
// time. With several accounts in one group, what one sends there reaches
// the others as a member's message (docs/accounts.md); answering it would
// make the bot talk to itself — a broadcast quoting 「名额」 answered by
// every other account.
func (s *Store) OwnEcho(ctx context.Context, account, group, sender, text string, since time.Time) (bool, error) {
	text = strings.TrimSpace(text)
	if group == "" || text == "" || sender == "" {
		return false, nil
	}
	var bots int64
	err := s.db.WithContext(ctx).Model(&AccountNickname{}).
		Where("nick_name = ? AND account <> ?", sender, account).Limit(1).Count(&bots).Error
	if err != nil || bots == 0 {
		return false, err
	}
	var n int64
	err = s.db.WithContext(ctx).Model(&OutboxMessage{}).
		Where("target = ? AND is_group = ? AND "+trimmedText+" = ? AND (status = ? OR (status = ? AND sent_at >= ?))",
			group, true, text, OutboxSending, OutboxSent, since.UTC()).
		Limit(1).Count(&n).Error
	return n > 0, err
}
