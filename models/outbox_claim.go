package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// OutboxClaim asks for the next row an account's sender may send.
type OutboxClaim struct {
	// Account is the account whose rows are claimed; Holder, if set, its
	// lease token (ClaimOutboxAs): without the lease live, nothing is
	// claimed.
	Account, Holder string
	// Target and IsGroup, when Target is set, keep the claim to one chat:
	// the one the sender waited its gap for (chat.Sender peeks, waits,
	// then claims), so a row of another chat that fell due meanwhile does
	// not go out after the wrong gap.
	Target  string
	IsGroup bool
	// Due is the time rows must be due by (not_before); zero is the
	// store's clock.
	Due time.Time
}

// ClaimNextOutbox marks the account's oldest due pending row (of the
// claim's chat, when it names one) "sending", counts the attempt and opens
// its attempt record, in one transaction, and returns it; ErrNotFound when
// none is due. Any number of processes may claim from one outbox at once:
// each row is claimed by exactly one of them (the dialect's
// claimNextOutbox says how; docs/outbox.md), and a claimer never waits for
// a row another is taking.
func (s *Store) ClaimNextOutbox(ctx context.Context, c OutboxClaim) (OutboxMessage, error) {
	now := s.Now().UTC()
	if c.Due.IsZero() {
		c.Due = now
	}
	c.Due = c.Due.UTC()
	return s.claimWith(ctx, c.Account, c.Holder, now, func(tx *gorm.DB) (uint, error) {
		return s.dialect.claimNextOutbox(tx, c)
	})
}

// nextDueOutbox is the query for the id of the claim's next due row,
// oldest first, and its arguments: what both dialects' claimNextOutbox
// start from.
func nextDueOutbox(c OutboxClaim) (string, []any) {
	q := `SELECT id FROM outbox_messages WHERE account = ? AND status = ? AND not_before <= ?`
	args := []any{c.Account, OutboxPending, c.Due}
	if c.Target != "" {
		q += ` AND target = ? AND is_group = ?`
		args = append(args, c.Target, c.IsGroup)
	}
	return q + ` ORDER BY id LIMIT 1`, args
}

// markSending is the update that claims the row idExpr (an id or a query
// for one, with its arguments) names: "sending", one more attempt, only
// while it is pending. It returns the statement and its arguments.
func markSending(idExpr string, idArgs ...any) (string, []any) {
	q := `UPDATE outbox_messages SET status = ?, attempts = attempts + 1 WHERE id = ` + idExpr + ` AND status = ?`
	return q, append(append([]any{OutboxSending}, idArgs...), OutboxPending)
}
