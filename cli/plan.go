package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"mobilize/chat"
	"mobilize/config"
	"mobilize/zhdur"
)

// runPlan prints how many accounts a broadcast to N groups needs at the
// configured pacing and daily budget (send:), with the arithmetic, from
// chat.PlanCapacity — the sender's own gaps. It reads only the
// configuration: no database, no WeChat.
func runPlan(_ context.Context, e *Env, args []string) error {
	var groups, perGroup int
	var within string
	if _, err := subcommand(e, "plan", "--groups N", args, func(fs *flag.FlagSet) {
		fs.IntVar(&groups, "groups", 0, "群的数量（必填）")
		fs.IntVar(&perGroup, "messages", 1, "每个群的消息条数（正文、图片、文件、报名说明各算一条）")
		fs.StringVar(&within, "within", "1h", "希望一次群发在多长时间内发完，如 30m、2h")
	}); err != nil {
		return err
	}
	lim, err := time.ParseDuration(within)
	switch {
	case groups < 1:
		return errors.New("--groups：应为正整数，如 --groups 1584")
	case perGroup < 1 || perGroup > 50:
		return errors.New("--messages：应在 1 到 50 之间")
	case err != nil || lim <= 0:
		return fmt.Errorf("--within：应为时长，如 30m、2h，而不是 %q", within)
	}
	cfg, err := e.config()
	if err != nil {
		return err
	}
	c := chat.PlanCapacity(cfg.Send, groups, perGroup, lim)
	printPlan(e.Stdout, cfg.Send, c)
	if len(cfg.AccountSettings) > 0 {
		printSpread(e.Stdout, cfg, c)
		return nil
	}
	printConfigured(e.Stdout, cfg, c)
	return nil
}

// printPlan shows the plan with its arithmetic.
func printPlan(w io.Writer, p config.Send, c chat.Capacity) {
	f := zhdur.Format
	fmt.Fprintf(w, "群发：%d 个群 × 每群 %d 条 = %d 条消息\n", c.Groups, c.PerGroup, c.Messages)
	fmt.Fprintf(w, "节奏（send:）：不同群之间 %s–%s，平均 %s；同一群内 %s；每个账号每天最多 %d 条\n",
		secs(p.MinGap.D()), secs(c.MaxGap), secs(c.MeanGap), secs(c.ChatGap), c.Budget)
	fmt.Fprintf(w, "一个账号发完：%s\n", sendArithmetic(c))
	fmt.Fprintf(w, "按每日预算：%d 条 ÷ %d 条/账号 → 至少 %d 个账号\n", c.Messages, c.Budget, c.ByBudget)
	fmt.Fprintf(w, "按时限（%s内发完）：%s ÷ %s → 至少 %d 个账号\n", f(c.Within), f(c.OneAccount), f(c.Within), c.ByTime)
	fmt.Fprintf(w, "需要：%d 个账号，每个约 %d 个群，约 %s发完，用去预算 %d 条\n",
		c.Accounts, c.PerAccount, f(c.PerAccountTime), c.PerAccount*c.PerGroup)
	fmt.Fprintln(w, "（每次发送本身的几百毫秒、提醒和统计等其他消息另计；被提示“操作过于频繁”时会更慢）")
}

// sendArithmetic is one account's time for c's groups, with its sum:
// (groups − 1) gaps between groups and groups × (messages − 1) within.
func sendArithmetic(c chat.Capacity) string {
	return fmt.Sprintf("(%d − 1) × %s + %d × (%d − 1) × %s = %s（最慢 %s）", c.Groups, secs(c.MeanGap),
		c.Groups, c.PerGroup, secs(c.ChatGap), zhdur.Format(c.OneAccount), zhdur.Format(c.OneAccountWorst))
}

// printConfigured says whether the configured accounts suffice.
func printConfigured(w io.Writer, cfg config.Config, c chat.Capacity) {
	names := cfg.AccountNames()
	have := fmt.Sprintf("配置中现有 %d 个账号（%s）", len(names), strings.Join(names, "、"))
	if len(names) >= c.Accounts {
		fmt.Fprintln(w, have+"：够用")
		return
	}
	fmt.Fprintf(w, "%s：还差 %d 个（在 accounts: 中添加，每个账号须是各自那部分群的成员）\n", have, c.Accounts-len(names))
}

// secs writes a gap in seconds, as send: is usually written (8.5s).
func secs(d time.Duration) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", d.Seconds()), "0"), ".") + "s"
}
