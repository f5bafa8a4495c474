package cli

import (
	"fmt"
	"io"
	"strings"

	"mobilize/chat"
	"mobilize/config"
	"mobilize/zhdur"
)

// printSpread shows, with an accounts: list, how the configured accounts
// send the broadcast together, each at its own send: pacing and budget
// (chat.PlanSpread): each account's gaps, budget, share of the groups and
// time with its sum, when the last is done, and whether they suffice —
// if not, how many accounts at the top-level send: pacing to add.
func printSpread(w io.Writer, cfg config.Config, c chat.Capacity) {
	accounts := cfg.Accounts()
	s := chat.PlanSpread(accounts, c.Groups, c.PerGroup, c.Within)
	fmt.Fprintf(w, "按配置的 %d 个账号分担（群按规则大致平均分给各账号，各账号同时发送，各用自己的节奏和预算）：\n", len(accounts))
	for _, a := range s.Shares {
		fmt.Fprintf(w, "  %s：不同群之间平均 %s，同一群内 %s，每天最多 %d 条；分到 %d 个群（%d 条）：%s%s\n",
			a.Name, secs(a.MeanGap), secs(a.ChatGap), a.Budget, a.Groups, a.Messages, sendArithmetic(a.Capacity), overBudget(a))
	}
	done := fmt.Sprintf("一起发完：约 %s（最慢 %s），最后发完的是 %s", zhdur.Format(s.Time), zhdur.Format(s.Worst), s.Slowest)
	if s.Within > 0 && s.Time > s.Within {
		done += fmt.Sprintf("，超过时限 %s", zhdur.Format(s.Within))
	}
	fmt.Fprintln(w, done)
	names := cfg.AccountNames()
	have := fmt.Sprintf("配置中现有 %d 个账号（%s）", len(names), strings.Join(names, "、"))
	if s.Fits() {
		fmt.Fprintln(w, have+"：够用")
		return
	}
	more := chat.MoreAccounts(accounts, cfg.Send, c.Groups, c.PerGroup, c.Within)
	if more < 0 {
		fmt.Fprintf(w, "%s：不够，再加账号也不行（一个群的 %d 条消息本身就超过时限或某个账号的每日预算）\n", have, c.PerGroup)
		return
	}
	fmt.Fprintf(w, "%s：还差 %d 个按 send: 节奏的账号（在 accounts: 中添加，每个账号须是各自那部分群的成员）\n", have, more)
}

// overBudget warns that an account's share is more than its daily budget.
func overBudget(a chat.AccountShare) string {
	if !a.OverBudget() {
		return ""
	}
	return fmt.Sprintf("；超出每日预算，余下 %d 条次日才发", a.Messages-a.Budget)
}
