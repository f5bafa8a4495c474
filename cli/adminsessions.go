package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"

	"mobilize/models"
)

// Texts of the admin-sessions command.
const (
	adminSessionsUsage = `用法: mobilize admin-sessions [子命令]
  list                       （默认）列出登录中的后台会话
  end 编号 | --admin 备注 | --all   结束会话
每个子命令都有 --help。`
	txtSessionsNone    = "没有登录中的后台会话。"
	txtSessionEndHow   = "请给出要结束的会话：编号（mobilize admin-sessions 列出）、--admin 备注 或 --all，三者选一"
	txtSessionBadID    = "会话编号 %q 应为正整数（mobilize admin-sessions 列出编号）"
	txtSessionNoID     = "没有编号为 %d 的登录中的后台会话（mobilize admin-sessions 列出所有会话）"
	txtSessionEnded    = "已结束 %s 的后台会话 #%d。"
	txtSessionsNoneFor = "%s 没有登录中的后台会话或未使用的登录链接，没有做任何改动。"
	txtSessionsEnded   = "已结束 %s 的 %d 个后台会话，作废 %d 个未使用的登录链接。"
)

// runAdminSessions lists the console's live sessions or ends them: the
// answer to a lost phone or a colleague who left, without waiting for
// the sessions to expire. Every end is audited.
func runAdminSessions(ctx context.Context, e *Env, args []string) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") && !isHelpArg(args[0]) {
		return sessionsList(ctx, e, args)
	}
	switch args[0] {
	case "list":
		return sessionsList(ctx, e, args[1:])
	case "end":
		return sessionsEnd(ctx, e, args[1:])
	}
	return subUsage(e, args, adminSessionsUsage)
}

// sessionsList prints one line per live session: number, admin, when it
// was opened and last used, the device and the masked address.
func sessionsList(ctx context.Context, e *Env, args []string) error {
	if _, err := subcommand(e, "admin-sessions list", "", args, func(*flag.FlagSet) {}); err != nil {
		return err
	}
	cfg, store, err := e.open()
	if err != nil {
		return err
	}
	defer store.Close()
	sessions, err := store.LiveSessions(ctx)
	if err != nil {
		return err
	}
	if len(sessions) == 0 {
		fmt.Fprintln(e.Stdout, txtSessionsNone)
		return nil
	}
	clock := func(t time.Time) string { return t.In(cfg.Location).Format("2006-01-02 15:04") }
	t := newTable(e.Stdout)
	t.row("编号", "管理员", "登录时间", "最近使用", "设备", "IP", "到期")
	for _, s := range sessions {
		seen := s.CreatedAt
		if s.LastSeenAt != nil {
			seen = *s.LastSeenAt
		}
		t.row(strconv.Itoa(int(s.ID)), s.Admin, clock(s.CreatedAt), clock(seen), orUnknown(s.Device), orUnknown(s.IP), clock(s.ExpiresAt))
	}
	return t.flush()
}

// orUnknown shows a blank column (a session opened before devices were
// recorded) as 未知.
func orUnknown(s string) string {
	if s == "" {
		return "未知"
	}
	return s
}

// sessionsEnd ends one session by number, every session of one admin, or
// every session (--all); an admin's and --all's unused login links go
// too, since a link still waiting in a chat would log them back in.
func sessionsEnd(ctx context.Context, e *Env, args []string) error {
	var admin string
	var all bool
	var id string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		id, args = args[0], args[1:]
	}
	if _, err := subcommand(e, "admin-sessions end", "编号 | --admin 备注 | --all", args, func(fs *flag.FlagSet) {
		fs.StringVar(&admin, "admin", "", "结束这位管理员（备注）的所有会话和未使用的登录链接")
		fs.BoolVar(&all, "all", false, "结束所有人的会话和未使用的登录链接")
	}); err != nil {
		return err
	}
	if chosen := countTrue(id != "", admin != "", all); chosen != 1 {
		return fmt.Errorf("%s", txtSessionEndHow)
	}
	_, store, err := e.open()
	if err != nil {
		return err
	}
	defer store.Close()
	switch {
	case id != "":
		return endOneSession(ctx, e, store, id)
	case admin != "":
		return endSessionsOf(ctx, e, store, []string{strings.TrimSpace(admin)}, admin)
	}
	return endSessionsOf(ctx, e, store, nil, "所有人")
}

func endOneSession(ctx context.Context, e *Env, store *models.Store, typed string) error {
	n, err := strconv.ParseUint(typed, 10, 0)
	if err != nil || n == 0 {
		return fmt.Errorf(txtSessionBadID, typed)
	}
	admin, err := store.EndSessionByID(ctx, uint(n), models.ActorCLI)
	if err != nil {
		return sessionError(int(n), err)
	}
	fmt.Fprintf(e.Stdout, txtSessionEnded+"\n", admin, n)
	return nil
}

// endSessionsOf ends the access of admins (nil: everyone) and says how
// much was ended; who names them in the answer.
func endSessionsOf(ctx context.Context, e *Env, store *models.Store, admins []string, who string) error {
	revoked, err := store.EndAdminAccess(ctx, admins, models.ActorCLI)
	if err != nil {
		return err
	}
	if len(revoked) == 0 {
		fmt.Fprintf(e.Stdout, txtSessionsNoneFor+"\n", who)
		return nil
	}
	var sessions, links int
	for _, r := range revoked {
		sessions, links = sessions+r.Sessions, links+r.Links
	}
	fmt.Fprintf(e.Stdout, txtSessionsEnded+"\n", who, sessions, links)
	return nil
}

// sessionError words "no such session" for the number typed.
func sessionError(id int, err error) error {
	if errors.Is(err, models.ErrNotFound) {
		return fmt.Errorf(txtSessionNoID, id)
	}
	return err
}

func countTrue(bs ...bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}
