package models

import (
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"
	"time"

	"gorm.io/gorm"
)

// Several bot accounts in one group each receive the message a member
// writes there. Whether the copies carry one MsgId is not known
// (docs/accounts.md, "One message, several accounts"), so a group message
// is also recorded with its receiving account and its WeChat CreateTime,
// and a message another account already recorded in the same group, from
// the same sender, with the same text, sent at most copyWindow apart, is
// a copy: ErrDuplicate, exactly as a repeated MsgId is. The same account's
// messages are never matched this way: a member who types the same thing
// twice to one account is heard twice, as before accounts existed.

// copyWindow is how far apart two accounts' copies' CreateTimes may be,
// in seconds: in case the servers stamp the copies a second apart.
const copyWindow = 1

// SentAtOf is a message's send time as InboundMessage.SentAt keeps it:
// Unix seconds, 0 for none.
func SentAtOf(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

// matchesCopies reports whether m can be another account's copy: a group
// message with a send time and a receiving account.
func (m InboundMessage) matchesCopies() bool {
	return m.Chat != "" && m.SentAt > 0 && m.Account != ""
}

// qMarkCopy finds another account's copy of a group message (m.Sender and
// m.Text are the masked forms both copies are stored in).
const qMarkCopy = `SELECT 1 FROM inbound_messages WHERE chat = ? AND sent_at BETWEEN ? AND ?
	AND sender = ? AND text = ? AND account <> ? LIMIT 1`

func copyArgs(m InboundMessage) []any {
	return []any{m.Chat, m.SentAt - copyWindow, m.SentAt + copyWindow, m.Sender, m.Text, m.Account}
}

// copyKey is the part of a message every account's copy shares whatever
// its send time: the key of the lock under which copies are looked for.
func copyKey(m InboundMessage) int32 {
	h := fnv.New32a()
	for _, part := range []string{m.Chat, m.Sender, m.Text} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return int32(h.Sum32())
}

// copyRecorded reports whether another account recorded a copy of m, in
// tx (the transaction that is about to record m). It first takes the
// dialect's lock on m's copies, held until tx ends, so of two bots
// recording copies at once the second looks after the first committed.
func copyRecorded(tx *gorm.DB, m InboundMessage) (bool, error) {
	if !m.matchesCopies() {
		return false, nil
	}
	if err := dialectOf(tx).lockCopies(tx, m); err != nil {
		return false, fmt.Errorf("lock the copies of a message: %w", err)
	}
	var n int
	err := tx.Raw(qMarkCopy, copyArgs(m)...).Scan(&n).Error
	if err != nil {
		return false, fmt.Errorf("look for another account's copy: %w", err)
	}
	return n == 1, nil
}

// copyRecorded is copyRecorded on the hot path's cached statement.
func (t *txn) copyRecorded(m InboundMessage) (bool, error) {
	if !m.matchesCopies() {
		return false, nil
	}
	if err := dialectOf(t.DB).lockCopies(t.DB, m); err != nil {
		return false, fmt.Errorf("lock the copies of a message: %w", err)
	}
	var n int
	err := t.scan(qMarkCopy, copyArgs(m), &n)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("look for another account's copy: %w", err)
	}
	return true, nil
}
