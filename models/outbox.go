package models

import (
	"context"
	"fmt"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"mobilize/pii"
)

// Outbox statuses. A row moves pending → sending → sent, or back to pending
// (a retry), or to failed (given up) or uncertain (WeChat may or may not
// have delivered it: never resent automatically, so nothing goes out twice).
const (
	OutboxPending   = "pending"
	OutboxSending   = "sending"
	OutboxSent      = "sent"
	OutboxFailed    = "failed"
	OutboxUncertain = "uncertain"
)

// Outbox kinds: what a message is, for reports and for merging (only
// replies are merged).
const (
	KindReply     = "reply"
	KindNotice    = "notice"
	KindBroadcast = "broadcast"
)

// Outbox media: what a row carries. Text rows carry Text; image and file
// rows carry the path of a file on this machine, uploaded when sent.
const (
	MediaText  = ""
	MediaImage = "image"
	MediaFile  = "file"
)

// OutboxMessage is one message the bot will send, is sending or sent. Every
// message goes through this table first, so a crash, a logout or WeChat's
// "too frequent" answer never loses one, and the "sending" mark written
// before each attempt keeps a restart from sending one twice. Times are
// stored in UTC so SQLite's text comparison orders them correctly.
type OutboxMessage struct {
	ID uint `gorm:"primaryKey"`
	// Account is the bot account that sends the row (config accounts:):
	// each account's sender claims only its own rows and counts its own
	// budget. Decided when the row is queued (accounts.go).
	Account string `gorm:"not null;default:'';index:idx_outbox_account_due,priority:1"`
	Target  string `gorm:"not null;index:idx_outbox_chat"`
	IsGroup bool   `gorm:"not null;index:idx_outbox_chat"`
	Kind    string `gorm:"not null"`
	Text    string `gorm:"not null"`
	// Media is MediaText, MediaImage or MediaFile; Path is the file sent
	// for the latter two.
	Media string `gorm:"not null;default:''"`
	Path  string `gorm:"not null;default:''"`
	// DedupeKey, when not empty, names the message for exactly-once
	// queueing ("campaign 3 delivery to group X", "job daily_tally slot
	// 2026-11-30T20:00 to Y"): a second enqueue with the same key queues
	// nothing, so a repeated command or a restart mid-queueing never sends
	// a message twice. Keyed rows are never merged.
	DedupeKey string `gorm:"not null;default:'';uniqueIndex:idx_outbox_dedupe,where:dedupe_key <> ''"`
	Status    string `gorm:"not null;index:idx_outbox_due;index:idx_outbox_account_due,priority:2"`
	// Attempts counts calls to WeChat, each also kept as an OutboxAttempt.
	Attempts   int
	LastError  string
	NotBefore  time.Time `gorm:"index:idx_outbox_due;index:idx_outbox_account_due,priority:3"`
	CreatedAt  time.Time
	SentAt     *time.Time `gorm:"index"`
	FinishedAt *time.Time `gorm:"index"`
	WxMsgID    string
}

// OutboxAttempt records one call to WeChat for an outbox row: when, and
// how it ended. Result is empty while the call is in flight. Account is
// the account that made the call: what the audit of sends shows, and it
// stays true if the row later moves to another account.
type OutboxAttempt struct {
	ID         uint   `gorm:"primaryKey"`
	OutboxID   uint   `gorm:"index;not null"`
	Account    string `gorm:"not null;default:''"`
	Number     int
	StartedAt  time.Time
	FinishedAt *time.Time
	Result     string
	Error      string
	WxMsgID    string
}

// OutboxOutcome is how an attempt ended: Status is OutboxSent, OutboxPending
// (retry at NotBefore), OutboxFailed or OutboxUncertain.
type OutboxOutcome struct {
	Status    string
	Err       string
	WxMsgID   string
	NotBefore time.Time
}

// OutboxCounts summarises the outbox: what waits now, and what finished
// since a given time.
type OutboxCounts struct {
	Pending, Sending        int64
	Sent, Failed, Uncertain int64
	// Withdrawn rows were never sent because staff closed their campaign
	// or removed the admin they were for (withdrawnReasons): counted
	// apart, never as Failed, which is what WeChat refused.
	Withdrawn int64
	// LastError is the most recent send error, its chat and time.
	LastError, LastErrorTarget string
	LastErrorAt                time.Time
}

// MaxMergedText bounds a merged reply, in characters: merging stops short
// of what one WeChat message comfortably carries.
const MaxMergedText = 2000

// EnqueueOutbox stores a message to send. A reply is merged into a reply to
// the same chat that is still pending and was queued less than window ago
// (text appended on a new line): fewer sends, and WeChat sometimes drops a
// second message sent right after the first. A message with a DedupeKey
// already queued is not queued again: the existing row is returned. It
// returns the row and whether it was merged.
func (s *Store) EnqueueOutbox(ctx context.Context, m OutboxMessage, window time.Duration) (OutboxMessage, bool, error) {
	row, merged, _, err := s.enqueue(ctx, m, window)
	return row, merged, err
}

// createOnce creates m, whose DedupeKey another process may have just
// queued between the look above and this insert (PostgreSQL's READ
// COMMITTED lets both look and find nothing): the unique key makes the
// second insert a no-op, and the row the first made is m then.
func createOnce(tx *gorm.DB, m *OutboxMessage, queued *bool) error {
	res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(m)
	if res.Error != nil || res.RowsAffected == 1 {
		*queued = res.Error == nil
		return res.Error
	}
	return tx.Where("dedupe_key = ?", m.DedupeKey).First(m).Error
}

// EnqueueOnce stores a message with a DedupeKey unless one with the same
// key was ever queued. It reports whether this call queued it.
func (s *Store) EnqueueOnce(ctx context.Context, m OutboxMessage) (OutboxMessage, bool, error) {
	if m.DedupeKey == "" {
		return m, false, fmt.Errorf("queue message to %q: no dedupe key", m.Target)
	}
	row, _, queued, err := s.enqueue(ctx, m, 0)
	return row, queued, err
}

// enqueue is EnqueueOutbox and EnqueueOnce: it returns the row, whether it
// was merged into another, and whether a new row was queued.
func (s *Store) enqueue(ctx context.Context, m OutboxMessage, window time.Duration) (OutboxMessage, bool, bool, error) {
	now := s.Now().UTC()
	merged, queued := false, false
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if m.DedupeKey != "" {
			var prev OutboxMessage
			if err := tx.Where("dedupe_key = ?", m.DedupeKey).Limit(1).Find(&prev).Error; err != nil {
				return err
			}
			if prev.ID != 0 {
				m = prev
				return nil
			}
		}
		account, err := s.accountFor(tx, m)
		if err != nil {
			return err
		}
		m.Account = account
		if m.Kind == KindReply && m.Media == MediaText && m.DedupeKey == "" && window > 0 {
			var prev OutboxMessage
			err := tx.Where("account = ? AND target = ? AND is_group = ? AND kind = ? AND media = '' AND dedupe_key = '' AND status = ? AND created_at >= ?",
				m.Account, m.Target, m.IsGroup, KindReply, OutboxPending, now.Add(-window)).
				Order("id DESC").Limit(1).Find(&prev).Error
			if err != nil {
				return err
			}
			if prev.ID != 0 && utf8.RuneCountInString(prev.Text)+1+utf8.RuneCountInString(m.Text) <= MaxMergedText {
				prev.Text += "\n" + m.Text
				merged = true
				m = prev
				return tx.Model(&OutboxMessage{}).Where("id = ?", prev.ID).Update("text", prev.Text).Error
			}
		}
		m.ID, m.Status, m.Attempts, m.CreatedAt = 0, OutboxPending, 0, now
		if m.NotBefore.IsZero() {
			m.NotBefore = now
		}
		m.NotBefore = m.NotBefore.UTC()
		if m.DedupeKey == "" {
			queued = true
			return tx.Create(&m).Error
		}
		return createOnce(tx, &m, &queued)
	})
	if err != nil {
		return m, false, false, fmt.Errorf("queue message to %q: %w", m.Target, err)
	}
	return m, merged, queued, nil
}

// PeekOutbox returns the account's oldest pending row due at now. When none
// is due it returns ErrNotFound and the earliest time one will be (zero if
// none waits). Another account's rows are never returned: each account's
// sender paces only what it sends.
func (s *Store) PeekOutbox(ctx context.Context, account string, now time.Time) (OutboxMessage, time.Time, error) {
	var m OutboxMessage
	db := s.db.WithContext(ctx)
	err := db.Where("account = ? AND status = ? AND not_before <= ?", account, OutboxPending, now.UTC()).Order("id").Limit(1).Find(&m).Error
	if err != nil || m.ID != 0 {
		return m, time.Time{}, err
	}
	var next OutboxMessage
	if err := db.Where("account = ? AND status = ?", account, OutboxPending).Order("not_before").Limit(1).Find(&next).Error; err != nil {
		return m, time.Time{}, err
	}
	return m, next.NotBefore, fmt.Errorf("outbox: nothing due: %w", ErrNotFound)
}

// ClaimOutbox marks a pending row "sending", counts the attempt and opens
// its attempt record, in one transaction, before anything is sent: if the
// process dies during the send, the row stays "sending" and is not resent.
// It returns ErrNotFound if the row is no longer pending.
func (s *Store) ClaimOutbox(ctx context.Context, id uint) (OutboxMessage, error) {
	return s.claimOutbox(ctx, id, "", "")
}

// ClaimOutboxAs is ClaimOutbox for an account's sender: a row that moved to
// another account since it was peeked is ErrNotFound, so only the account
// the row names ever sends it, and its attempt names the account truly.
// With a holder, the claim also needs the account's lease held by it
// (accounts_lease.go), else ErrLeaseLost: a process whose lease ran out, and which
// another process may have replaced, sends nothing more.
func (s *Store) ClaimOutboxAs(ctx context.Context, account, holder string, id uint) (OutboxMessage, error) {
	return s.claimOutbox(ctx, id, account, holder)
}

// claimOutbox claims row id, only if it is account's when account is set,
// and only under holder's live lease when holder is set.
func (s *Store) claimOutbox(ctx context.Context, id uint, account, holder string) (OutboxMessage, error) {
	return s.claimWith(ctx, account, holder, s.Now().UTC(), func(tx *gorm.DB) (uint, error) {
		q := tx.Model(&OutboxMessage{}).Where("id = ? AND status = ?", id, OutboxPending)
		if account != "" {
			q = q.Where("account = ?", account)
		}
		res := q.Updates(map[string]any{"status": OutboxSending, "attempts": gorm.Expr("attempts + 1")})
		if res.Error != nil || res.RowsAffected == 0 {
			return 0, res.Error
		}
		return id, nil
	})
}

// claimWith runs one claim's transaction: the lease check when holder is
// set, then take, which marks a row "sending" (counting the attempt) and
// returns its id, 0 when there was none to take; then the attempt record.
func (s *Store) claimWith(ctx context.Context, account, holder string, now time.Time, take func(tx *gorm.DB) (uint, error)) (OutboxMessage, error) {
	var m OutboxMessage
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if holder != "" {
			held, err := holdsLease(tx, account, holder, now)
			if err != nil {
				return err
			}
			if !held {
				return fmt.Errorf("claim outbox for %q: %w", account, ErrLeaseLost)
			}
		}
		id, err := take(tx)
		if err != nil {
			return err
		}
		if id == 0 {
			return fmt.Errorf("claim outbox for %q: nothing to claim: %w", account, ErrNotFound)
		}
		if err := tx.First(&m, id).Error; err != nil {
			return err
		}
		return tx.Create(&OutboxAttempt{OutboxID: id, Account: m.Account, Number: m.Attempts, StartedAt: now}).Error
	})
	return m, err
}

// FinishOutbox records how the attempt on a "sending" row ended, on the row
// and on its open attempt record.
func (s *Store) FinishOutbox(ctx context.Context, id uint, o OutboxOutcome) error {
	now := s.Now().UTC()
	row := map[string]any{"status": o.Status, "last_error": o.Err}
	switch o.Status {
	case OutboxSent:
		row["sent_at"], row["finished_at"], row["wx_msg_id"] = now, now, o.WxMsgID
	case OutboxPending:
		row["not_before"] = o.NotBefore.UTC()
	case OutboxFailed, OutboxUncertain:
		row["finished_at"] = now
	default:
		return fmt.Errorf("finish outbox %d: unknown status %q", id, o.Status)
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&OutboxMessage{}).Where("id = ? AND status = ?", id, OutboxSending).Updates(row)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("finish outbox %d: not sending: %w", id, ErrNotFound)
		}
		if o.Status == OutboxSent {
			if err := maskSentRoster(tx, id); err != nil {
				return err
			}
		}
		return closeAttempts(tx, id, o.Status, o.Err, o.WxMsgID, now)
	})
}

// maskSentRoster masks the phones of a full roster (名单 N 完整) once it
// is delivered: the admin has it in their chat, and the outbox row must
// not stay behind as one more copy of every number.
func maskSentRoster(tx *gorm.DB, id uint) error {
	var m OutboxMessage
	if err := tx.Select("id", "kind", "text").First(&m, id).Error; err != nil {
		return fmt.Errorf("read sent outbox %d: %w", id, err)
	}
	if m.Kind != KindRoster {
		return nil
	}
	return tx.Model(&OutboxMessage{}).Where("id = ?", id).Update("text", pii.MaskPhones(m.Text)).Error
}

func closeAttempts(tx *gorm.DB, id uint, result, errText, msgID string, now time.Time) error {
	return tx.Model(&OutboxAttempt{}).Where("outbox_id = ? AND finished_at IS NULL", id).
		Updates(map[string]any{"finished_at": now, "result": result, "error": errText, "wx_msg_id": msgID}).Error
}

// MarkInterrupted turns the account's rows left "sending" by a process that
// stopped mid-send into "uncertain" and returns them. WeChat may have
// delivered them; resending could send them twice, so a person decides.
// Other accounts' rows are left alone: their sender may be sending them.
func (s *Store) MarkInterrupted(ctx context.Context, account, reason string) ([]OutboxMessage, error) {
	var rows []OutboxMessage
	now := s.Now().UTC()
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("account = ? AND status = ?", account, OutboxSending).Order("id").Find(&rows).Error; err != nil {
			return err
		}
		for _, r := range rows {
			if err := settleUncertain(tx, r.ID, reason, now); err != nil {
				return err
			}
		}
		return nil
	})
	return rows, err
}

// settleUncertain marks a row left "sending" uncertain, with its open
// attempt.
func settleUncertain(tx *gorm.DB, id uint, reason string, now time.Time) error {
	err := tx.Model(&OutboxMessage{}).Where("id = ?", id).
		Updates(map[string]any{"status": OutboxUncertain, "last_error": reason, "finished_at": now}).Error
	if err != nil {
		return err
	}
	return closeAttempts(tx, id, OutboxUncertain, reason, "", now)
}

// CountSentSince counts the rows the account sent at or after since: its
// daily budget, apart from every other account's. (Only unsent rows ever
// move to another account, so a sent row's account is the one that sent
// it.)
func (s *Store) CountSentSince(ctx context.Context, account string, since time.Time) (int64, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&OutboxMessage{}).
		Where("account = ? AND status = ? AND sent_at >= ?", account, OutboxSent, since.UTC()).Count(&n).Error
	return n, err
}

// CountOutbox summarises the outbox: rows waiting now, rows finished since
// since, and the most recent error.
func (s *Store) CountOutbox(ctx context.Context, since time.Time) (OutboxCounts, error) {
	return s.countOutbox(ctx, since, nil)
}

// CountAccountOutbox is CountOutbox for one account's rows and attempts:
// its block in `mobilize status`. Account "" counts the group rows that
// wait for an account to serve their group.
func (s *Store) CountAccountOutbox(ctx context.Context, account string, since time.Time) (OutboxCounts, error) {
	return s.countOutbox(ctx, since, &account)
}

// countOutbox counts every row, or only account's when account is set.
func (s *Store) countOutbox(ctx context.Context, since time.Time, account *string) (OutboxCounts, error) {
	var c OutboxCounts
	db := s.db.WithContext(ctx).Model(&OutboxMessage{})
	attempts := s.db.WithContext(ctx).Where("error <> ''")
	if account != nil {
		db = db.Where("account = ?", *account)
		attempts = attempts.Where("account = ?", *account)
	}
	counts := []struct {
		dst   *int64
		where string
		args  []any
	}{
		{&c.Pending, "status = ?", []any{OutboxPending}},
		{&c.Sending, "status = ?", []any{OutboxSending}},
		{&c.Sent, "status = ? AND finished_at >= ?", []any{OutboxSent, since.UTC()}},
		{&c.Failed, "status = ? AND finished_at >= ? AND last_error NOT IN ?", []any{OutboxFailed, since.UTC(), withdrawnReasons}},
		{&c.Withdrawn, "status = ? AND finished_at >= ? AND last_error IN ?", []any{OutboxFailed, since.UTC(), withdrawnReasons}},
		{&c.Uncertain, "status = ? AND finished_at >= ?", []any{OutboxUncertain, since.UTC()}},
	}
	for _, q := range counts {
		if err := db.Session(&gorm.Session{}).Where(q.where, q.args...).Count(q.dst).Error; err != nil {
			return c, err
		}
	}
	var last OutboxAttempt
	err := attempts.Order("id DESC").Limit(1).Find(&last).Error
	if err != nil || last.ID == 0 {
		return c, err
	}
	var row OutboxMessage
	if err := s.db.WithContext(ctx).Find(&row, last.OutboxID).Error; err != nil {
		return c, err
	}
	c.LastError, c.LastErrorTarget = last.Error, row.Target
	if last.FinishedAt != nil {
		c.LastErrorAt = *last.FinishedAt
	}
	return c, nil
}

// OutboxRows lists outbox rows in the order they were queued, all of them
// or those with one of the given statuses.
func (s *Store) OutboxRows(ctx context.Context, statuses ...string) ([]OutboxMessage, error) {
	q := s.db.WithContext(ctx).Order("id")
	if len(statuses) > 0 {
		q = q.Where("status IN ?", statuses)
	}
	var rows []OutboxMessage
	return rows, q.Find(&rows).Error
}

// OutboxAttempts lists the attempt records of one row, oldest first.
func (s *Store) OutboxAttempts(ctx context.Context, id uint) ([]OutboxAttempt, error) {
	var out []OutboxAttempt
	return out, s.db.WithContext(ctx).Where("outbox_id = ?", id).Order("id").Find(&out).Error
}
