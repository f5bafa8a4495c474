package models

import (
	"context"
	"math/rand/v2"
	"time"
)

// retried runs fn, a whole transaction, again when the database gave it
// up as a deadlock with another process (PostgreSQL, dialect.retryable):
// it changed nothing then. Two processes' transactions on one role's
// queue can lock its counter and another role's in opposite orders — a
// sign-up moving a person out of one role into another, a cancellation
// whose promotion gives up a switch's old place, a 改到本群, a change on
// the personal page, a 递补 — and the one the database picks must not
// reach the member or the admin as an error.
func retried[T any](ctx context.Context, s *Store, fn func() (T, error)) (T, error) {
	for attempt := 1; ; attempt++ {
		res, err := fn()
		if attempt == txnAttempts || !s.dialect.retryable(err) {
			return res, err
		}
		// Apart, so the processes that met do not meet again at once.
		select {
		case <-time.After(time.Duration(attempt) * time.Duration(1+rand.IntN(20)) * time.Millisecond):
		case <-ctx.Done():
			return res, err
		}
	}
}

// txnAttempts bounds how often retried runs one transaction.
const txnAttempts = 20
