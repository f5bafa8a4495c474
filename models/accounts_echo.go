package models

import (
	"context"
	"slices"
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
	// The group's rows of the window are few: compare their text here,
	// trimmed as the received text is, in any SQL dialect.
	var sent []string
	err = s.db.WithContext(ctx).Model(&OutboxMessage{}).
		Where("target = ? AND is_group = ? AND (status = ? OR (status = ? AND sent_at >= ?))",
			group, true, OutboxSending, OutboxSent, since.UTC()).
		Order("id DESC").Limit(echoRows).Pluck("text", &sent).Error
	return slices.ContainsFunc(sent, func(t string) bool { return strings.TrimSpace(t) == text }), err
}

// echoRows bounds the rows OwnEcho reads: a group gets a handful of
// messages in ten minutes, even during a broadcast.
const echoRows = 50
