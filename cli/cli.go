// Package cli is the command line: global flags, one file per command. Each
// command is a function of its arguments and streams, so tests run them
// like a user would, without a process.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strings"
	"time"

	"mobilize/config"
	"mobilize/models"
	"mobilize/pii"
)

// Env is what a command runs with: streams, environment, and the settings.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// NotifyReload, when set, asks for the reload signal (SIGHUP) on c
	// and returns a function that stops it; main sets it, so only the
	// serving commands (run, web) take SIGHUP as "reload" and a test
	// sends on c itself.
	NotifyReload func(c chan<- os.Signal) (stop func())
	overrides    config.Overrides
	// existing is set for commands that only look at data: their open never
	// creates a database (a mistyped --db must not leave one behind).
	existing bool
}

// command is one subcommand: its one-line help and its function.
type command struct {
	help string
	run  func(ctx context.Context, e *Env, args []string) error
	// existing: the command reads an existing database and never creates one.
	existing bool
}

// commands is the table of subcommands.
func commands() map[string]command {
	return map[string]command{
		"console":        {"从标准输入读入聊天消息，打印机器人的回复", runConsole, false},
		"campaign":       {"create / list / close 倡议（报名活动）", runCampaign, false},
		"orgs":           {"import FILE.csv / list 社会组织及其群 / assign 群名 账号名", runOrgs, false},
		"roster":         {"打印报名名单（手机号默认打码）", runRoster, true},
		"report":         {"打印某日统计：报名、服务时长、捐赠，按组织", runReport, true},
		"export":         {"导出统计和完整名单为 Excel（.xlsx）", runExport, true},
		"run":            {"登录微信（终端显示二维码）并开始服务", runRun, false},
		"demo":           {"在内置的微信模拟器上演示完整流程（不联网）", runDemo, false},
		"plan":           {"算一算：N 个群需要几个账号（按配置的发送节奏和每日预算）", runPlan, false},
		"status":         {"查看机器人状态：是否在线、群数、今日发件箱", runStatus, true},
		"jobs":           {"定时任务：列出（下次运行、上次结果）/ run NAME 立即运行", runJobs, true},
		"web":            {"只运行网页报名和管理后台（不登录微信）", runWeb, true},
		"links":          {"打印各组织的报名链接，--out 目录 生成二维码图片", runLinks, true},
		"admin-link":     {"打印管理后台的一次性登录链接（10 分钟内有效）", runAdminLink, true},
		"admin-sessions": {"列出管理后台登录中的会话；end 编号 / --admin 备注 / --all 结束会话", runAdminSessions, true},
		"broadcast":      {"向各组织的群发送倡议；preview 预览；status 查看送达与响应", runBroadcast, false},
		"audit":          {"查看审计日志：谁导出、查看完整手机号、发布或关闭倡议、登录后台", runAudit, true},
		"migrate":        {"把全部数据复制到一个新的空数据库（如从 SQLite 到 PostgreSQL），并逐表核对", runMigrate, false},
	}
}

// errUsage marks a usage error: the usage text was already printed.
var errUsage = errors.New("usage")

// Run runs the command line: global flags, then the command and its
// arguments. It returns the process exit code.
func Run(ctx context.Context, args []string, e *Env) int {
	if e.Getenv == nil {
		e.Getenv = os.Getenv
	}
	fs := flag.NewFlagSet("mobilize", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&e.overrides.ConfigFile, "config", "", "配置文件（YAML）")
	fs.StringVar(&e.overrides.Database, "db", "", "数据库：SQLite 文件，或 PostgreSQL 地址 postgres://…")
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		usage(e.Stdout, fs)
		return 0
	} else if err != nil {
		fmt.Fprintln(e.Stderr, flagError(err))
		usage(e.Stderr, fs)
		return 2
	}
	name, rest := "run", []string(nil)
	if fs.NArg() > 0 {
		name, rest = fs.Arg(0), fs.Args()[1:]
	}
	if name == "help" {
		if len(rest) == 0 {
			usage(e.Stdout, fs)
			return 0
		}
		name, rest = rest[0], append(rest[1:], "--help") // help roster = roster --help
	}
	cmd, ok := commands()[name]
	if !ok {
		fmt.Fprintf(e.Stderr, "未知命令 %q\n", name)
		usage(e.Stderr, fs)
		return 2
	}
	e.existing = cmd.existing
	err := cmd.run(ctx, e, rest)
	switch {
	case err == nil, errors.Is(err, errHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	e.debugFault(name, err)
	fmt.Fprintf(e.Stderr, "mobilize %s: %s\n", name, userText(err))
	return 1
}

// debugFault logs, at debug level only (log.level: debug), the driver's
// own words of a database fault that the user reads in Chinese.
func (e *Env) debugFault(name string, err error) {
	if _, ok := models.FaultOf(err); !ok {
		return
	}
	if cfg, cerr := e.config(); cerr == nil {
		e.logger(cfg, slog.LevelDebug).Debug("command failed", "command", name, "err", err)
	}
}

func usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintln(w, "用法: mobilize [--config FILE] [--db FILE] <命令> [参数]")
	fmt.Fprintln(w, "\n命令:")
	cmds := commands()
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %s  %s\n", padRight(n, 14), cmds[n].help)
	}
	fmt.Fprint(w, "\n全局")
	printFlags(w, fs)
	fmt.Fprintln(w, "\n每个命令都有 --help，如 mobilize campaign create --help 或 mobilize help roster")
}

// config loads the configuration for a command.
func (e *Env) config() (config.Config, error) {
	return config.Load(e.overrides, e.Getenv)
}

// logger logs to stderr at the configured level; quiet commands (console,
// reports) pass a floor so routine lines do not mix with their output.
// Every line passes the phone-masking handler: no phone reaches a log;
// and the fault handler: a database fault is logged by its kind, with
// SQLite's English only at debug level.
func (e *Env) logger(cfg config.Config, floor slog.Level) *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(cfg.Log.Level)); err != nil {
		level = slog.LevelInfo
	}
	return slog.New(pii.MaskingHandler(models.FaultHandler(slog.NewTextHandler(e.Stderr, &slog.HandlerOptions{
		Level: max(level, floor), ReplaceAttr: inZone(cfg.Location)}))))
}

// inZone writes each log line's time in the configured zone: an operator
// in Beijing reads 15:04, not the server's UTC 07:04.
func inZone(loc *time.Location) func([]string, slog.Attr) slog.Attr {
	return func(groups []string, a slog.Attr) slog.Attr {
		if loc != nil && len(groups) == 0 && a.Key == slog.TimeKey && a.Value.Kind() == slog.KindTime {
			a.Value = slog.TimeValue(a.Value.Time().In(loc))
		}
		return a
	}
}

// open loads the configuration and opens the store: an existing one for the
// commands marked existing, otherwise creating it when missing.
func (e *Env) open() (config.Config, *models.Store, error) {
	cfg, err := e.config()
	if err != nil {
		return cfg, nil, err
	}
	opener := models.Open
	if e.existing {
		opener = models.OpenExisting
	}
	store, err := opener(cfg.Database, nil, models.WithZone(cfg.Location), models.WithAccounts(cfg.AccountNames()))
	if err != nil {
		return cfg, nil, openError(cfg.Database, err)
	}
	store.Now = func() time.Time { return time.Now().In(cfg.Location) }
	return cfg, store, nil
}

// multiFlag collects a repeated flag (--role a --role b).
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }
