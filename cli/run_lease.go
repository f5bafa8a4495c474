package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"mobilize/chat"
	"mobilize/config"
	"mobilize/models"
	"mobilize/zhdur"
)

// pickAccounts resolves run --account: the named account, or with no name
// every configured one (the one 默认 without an accounts: list). An
// unknown name lists the configured ones.
func pickAccounts(cfg config.Config, name string) ([]config.Account, error) {
	if name == "" {
		return cfg.Accounts(), nil
	}
	if a, ok := cfg.Account(name); ok {
		return []config.Account{a}, nil
	}
	return nil, fmt.Errorf("没有名为 %q 的账号；配置中的账号：%s", name, strings.Join(cfg.AccountNames(), "、"))
}

// takeLeases takes every account's lease, or none: one account held
// elsewhere refuses the whole start (run the others with --account).
func takeLeases(ctx context.Context, store *models.Store, accounts []config.Account, log *slog.Logger) ([]*chat.Lease, error) {
	var leases []*chat.Lease
	for _, a := range accounts {
		l, err := takeLease(ctx, store, a.Name, log)
		if err != nil {
			releaseAll(leases)
			if len(accounts) > 1 && errors.Is(err, errLeaseHeld) {
				err = fmt.Errorf("%w\n只运行其余账号：mobilize run --account 账号名", err)
			}
			return nil, err
		}
		leases = append(leases, l)
	}
	return leases, nil
}

// releaseAll gives up the leases taken.
func releaseAll(leases []*chat.Lease) {
	for _, l := range leases {
		l.Release()
	}
}

// errLeaseHeld marks takeLease's refusal of a lease held elsewhere.
var errLeaseHeld = errors.New("lease held")

// takeLease takes the account's lease before anything else starts, so a
// second `mobilize run` of one account — on this host or another, against
// one database — is refused at once, in words, naming where it runs. Two
// processes sending for one account would not pace each other, and each
// would settle the other's messages in flight as uncertain.
func takeLease(ctx context.Context, store *models.Store, account string, log *slog.Logger) (*chat.Lease, error) {
	l, err := chat.TakeLease(ctx, store, account, chat.LeaseConfig{}, log)
	var held *models.LeaseHeldError
	if errors.As(err, &held) {
		h := held.Lease
		return nil, heldError{fmt.Sprintf(txtLeaseHeld, account, h.Host, h.PID, zhdur.Ago(store.Now().Sub(h.Beat)),
			zhdur.Format(h.Expires.Sub(store.Now())))}
	}
	return l, err
}

// txtLeaseHeld refuses a second run of one account.
const txtLeaseHeld = "账号 %s 正在另一个 mobilize run 中运行（主机 %s，进程 %d，心跳 %s）；同一账号只能运行一处。" +
	"若那个进程已在别的主机上停止，约 %s 后可再试"

// heldError is the worded refusal of a lease held elsewhere.
type heldError struct{ text string }

func (e heldError) Error() string        { return e.text }
func (e heldError) Is(target error) bool { return target == errLeaseHeld }
