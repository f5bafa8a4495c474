package models

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
)

// ListLine is what one line of a 接龙 list did: its sign-up, or the refusal
// of that line alone.
type ListLine struct {
	Result SignUpResult
	Err    error // ErrPhoneOwned or ErrPhoneRequired: this line only; nil when applied
}

// lineRefusals are the errors that refuse one line and let the others
// through; any other error refuses the whole list.
var lineRefusals = []error{ErrPhoneOwned, ErrPhoneRequired}

// SignUpList applies the lines of one 接龙 list all-or-nothing: one
// transaction for the list, a savepoint per line so a refused line leaves
// nothing behind. An internal error (or a crash) on any line registers
// nobody, so the list can simply be handled again; a closed campaign
// refuses the whole list.
func (s *Store) SignUpList(ctx context.Context, reqs []SignUpRequest) ([]ListLine, error) {
	out := make([]ListLine, len(reqs))
	err := s.inTxn(ctx, func(t *txn) error {
		for i, r := range reqs {
			err := t.Transaction(func(line *gorm.DB) (err error) {
				out[i].Result, err = signUpTx(t.on(line), r)
				return err
			})
			if isLineRefusal(err) {
				out[i] = ListLine{Err: err}
				continue
			}
			if err != nil {
				return fmt.Errorf("chain line %d: %w", i+1, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func isLineRefusal(err error) bool {
	for _, r := range lineRefusals {
		if errors.Is(err, r) {
			return true
		}
	}
	return false
}
