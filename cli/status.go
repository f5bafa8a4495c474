package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"mobilize/chat"
	"mobilize/models"
	"mobilize/zhdur"
)

// staleBeat is how old the running bot's heartbeat may be before status
// says the process has probably stopped.
const staleBeat = 2 * time.Minute

var loginMethods = map[string]string{"hot": "免扫码（热登录）", "push": "手机确认登录", "qr": "扫码登录"}

// runStatus prints what the running bot (another process) last recorded:
// logged in or not and since when, groups, today's outbox, the last error.
func runStatus(ctx context.Context, e *Env, args []string) error {
	if _, err := subcommand(e, "status", "", args, func(*flag.FlagSet) {}); err != nil {
		return err
	}
	cfg, store, err := e.open()
	if err != nil {
		return err
	}
	defer store.Close()
	now := store.Now()
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, cfg.Location)
	var down string
	if len(cfg.AccountSettings) > 0 {
		alerts, err := printAccounts(ctx, e, cfg, store, now, day) // status_accounts.go
		if err != nil {
			return err
		}
		down = strings.Join(alerts, "\n")
	} else {
		st, err := store.LoadBotState(ctx)
		switch {
		case errors.Is(err, models.ErrNotFound):
			fmt.Fprintln(e.Stdout, "微信：机器人尚未在此数据库上运行过（mobilize run）")
		case err != nil:
			return err
		default:
			printBotState(e, st, now, cfg.Location)
		}
		down = offlineTooLong(st, err == nil, now, cfg.Bot.OfflineAlertMinutes)
	}
	c, err := store.CountOutbox(ctx, day)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "发件箱：待发 %d，发送中 %d；今日已发 %d，失败 %d，已撤回 %d（倡议关闭或收件管理员已移除，未发出），结果不明 %d（需人工确认，不会重发）\n",
		c.Pending, c.Sending, c.Sent, c.Failed, c.Withdrawn, c.Uncertain)
	if c.LastError != "" {
		fmt.Fprintf(e.Stdout, "最近发送错误：%s → %s（%s）\n", c.LastErrorTarget, chat.ReasonText(c.LastError), stamp(c.LastErrorAt, cfg.Location))
	}
	if down != "" {
		// A non-zero exit is what a systemd or monitoring check sees.
		return errors.New(down)
	}
	return nil
}

// txtOfflineAlert says the bot has not been logged in for longer than
// bot.offline_alert_minutes: %s is how long (zhdur), %d the limit.
const txtOfflineAlert = "告警：机器人已有 %s 未登录微信（超过 %d 分钟），报名和通知都发不出去；请查看上面的“最近问题”并处理"

// offlineTooLong is the alert line when the recorded bot has been offline
// beyond limit minutes, "" otherwise (or with no recorded state).
func offlineTooLong(st models.BotState, have bool, now time.Time, limit int) string {
	if !have {
		return ""
	}
	off := st.OfflineFor(now, chat.ProcessAlive(st.PID), staleBeat)
	if off <= time.Duration(limit)*time.Minute {
		return ""
	}
	return fmt.Sprintf(txtOfflineAlert, zhdur.Format(off), limit)
}

func printBotState(e *Env, st models.BotState, now time.Time, loc *time.Location) {
	state := "离线"
	if st.Online {
		state = "在线"
	}
	fmt.Fprintf(e.Stdout, "微信：%s（自 %s 起", state, stamp(st.Since, loc))
	if st.Online {
		fmt.Fprintf(e.Stdout, "，%s，账号 %s", loginMethods[st.Method], st.Account)
	}
	fmt.Fprintln(e.Stdout, "）")
	age := now.Sub(st.Beat)
	fmt.Fprintf(e.Stdout, "进程：%d，心跳 %s", st.PID, zhdur.Ago(age))
	switch {
	case !chat.ProcessAlive(st.PID):
		fmt.Fprint(e.Stdout, "（该进程已不在运行")
		if st.Online {
			fmt.Fprint(e.Stdout, "：机器人已停止，上面的“在线”是它最后的记录")
		}
		fmt.Fprint(e.Stdout, "）")
	case st.Online && age > staleBeat:
		fmt.Fprint(e.Stdout, "（心跳过久未更新，进程可能已停止）")
	}
	fmt.Fprintln(e.Stdout)
	fmt.Fprintf(e.Stdout, "群：%d 个（本次会话通讯录中的群及发过言的群）；本进程登录 %d 次\n", st.Groups, st.Logins)
	if st.LastError != "" && st.LastErrorAt != nil {
		fmt.Fprintf(e.Stdout, "最近问题：%s（%s）\n", st.LastError, stamp(*st.LastErrorAt, loc))
	}
	if st.NoContact != "" {
		fmt.Fprintf(e.Stdout, txtNoAdminContact+"\n", st.NoContact)
	}
}

// txtNoAdminContact names the admins whose messages wait: no friend of the
// bot has their name as 备注, and a nickname is never trusted.
const txtNoAdminContact = "管理员无对应联系人：%s（没有好友的备注是这个名字；发给他们的消息暂存待发，不会按昵称发送。请在微信里把该好友的备注设为此名字后重新登录）"

// stamp formats a time in the configured zone, "—" for none.
func stamp(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(loc).Format("2006-01-02 15:04:05")
}
