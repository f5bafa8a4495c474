package cli

import (
	"context"
	"errors"
	"fmt"
	"time"

	"mobilize/chat"
	"mobilize/config"
	"mobilize/models"
)

// printAccounts prints one block per configured account (several accounts
// only): its session as printBotState says it, the groups it serves, what
// it sent, failed and left uncertain today and its budget left. It returns
// the offline alerts of the accounts down too long, each naming its
// account.
func printAccounts(ctx context.Context, e *Env, cfg config.Config, store *models.Store, now, day time.Time) ([]string, error) {
	served, err := store.ServedCount(ctx)
	if err != nil {
		return nil, err
	}
	var alerts []string
	for _, a := range cfg.Accounts() {
		fmt.Fprintf(e.Stdout, txtAccountHeader, a.Name)
		st, err := store.LoadAccountState(ctx, a.Name)
		switch {
		case errors.Is(err, models.ErrNotFound):
			fmt.Fprintf(e.Stdout, txtAccountNeverRan, a.Name)
		case err != nil:
			return nil, err
		default:
			printBotState(e, st, now, cfg.Location)
			if down := offlineTooLong(st, true, now, cfg.Bot.OfflineAlertMinutes); down != "" {
				alerts = append(alerts, a.Name+"："+down)
			}
		}
		c, err := store.CountAccountOutbox(ctx, a.Name, day)
		if err != nil {
			return nil, err
		}
		sent, err := store.CountSentSince(ctx, a.Name, day)
		if err != nil {
			return nil, err
		}
		left := max(int64(a.Send.DailyBudget)-sent, 0)
		fmt.Fprintf(e.Stdout, txtAccountCounts, served[a.Name], c.Sent, c.Failed, c.Uncertain, c.Pending, left, a.Send.DailyBudget)
		if c.LastError != "" {
			fmt.Fprintf(e.Stdout, "最近发送错误：%s → %s（%s）\n", c.LastErrorTarget, chat.ReasonText(c.LastError), stamp(c.LastErrorAt, cfg.Location))
		}
	}
	waiting, err := store.CountAccountOutbox(ctx, "", day)
	if err != nil {
		return nil, err
	}
	if waiting.Pending > 0 {
		fmt.Fprintf(e.Stdout, txtWaitingForAccount, waiting.Pending)
	}
	fmt.Fprintln(e.Stdout, "── 合计 ──")
	return alerts, nil
}

// Words of the per-account blocks.
const (
	txtAccountHeader     = "── 账号 %s ──\n"
	txtAccountNeverRan   = "微信：账号 %s 尚未在此数据库上运行过（mobilize run）\n"
	txtAccountCounts     = "服务的群：%d 个；今日已发 %d，失败 %d，结果不明 %d；待发 %d；今日预算剩余 %d / %d\n"
	txtWaitingForAccount = "等待账号：%d 条群消息的群还没有账号登录时见到（账号登录或该群发言后由它发送）\n"
)
