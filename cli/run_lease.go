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

// pickAccount resolves run --account: the named account, or with no name
// the first configured one. An unknown name lists the configured ones.
func pickAccount(cfg config.Config, name string) (config.Account, error) {
	if name == "" {
		return cfg.Accounts()[0], nil
	}
	if a, ok := cfg.Account(name); ok {
		return a, nil
	}
	return config.Account{}, fmt.Errorf("没有名为 %q 的账号；配置中的账号：%s", name, strings.Join(cfg.AccountNames(), "、"))
}

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
		return nil, fmt.Errorf(txtLeaseHeld, account, h.Host, h.PID, zhdur.Ago(store.Now().Sub(h.Beat)),
			zhdur.Format(h.Expires.Sub(store.Now())))
	}
	return l, err
}

// txtLeaseHeld refuses a second run of one account.
const txtLeaseHeld = "账号 %s 正在另一个 mobilize run 中运行（主机 %s，进程 %d，心跳 %s）；同一账号只能运行一处。" +
	"若那个进程已在别的主机上停止，约 %s 后可再试"
