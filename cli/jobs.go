package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"strings"

	"mobilize/chat"
	"mobilize/models"
	"mobilize/scheduler"
)

// runJobs lists the scheduled jobs (spec, next run, last result), or runs
// one now: `mobilize jobs run NAME [--campaign N] [--dry-run]`. A run
// queues into the database's outbox; the running bot sends it.
func runJobs(ctx context.Context, e *Env, args []string) error {
	if len(args) > 0 && args[0] == "run" {
		return runJobNow(ctx, e, args[1:])
	}
	if _, err := subcommand(e, "jobs", "[run NAME [--campaign N] [--dry-run]]", args, func(*flag.FlagSet) {}); err != nil {
		return err
	}
	sched, store, err := openScheduler(e)
	if err != nil {
		return err
	}
	defer store.Close()
	return sched.WriteStatus(ctx, e.Stdout)
}

func runJobNow(ctx context.Context, e *Env, args []string) error {
	var campaign int
	var dry bool
	// The job name may come before the flags or after them.
	name, nargs := "", 1
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args, nargs = args[0], args[1:], 0
	}
	fs, err := subcommandArgs(e, "jobs run", "NAME [--campaign N] [--dry-run]", args, nargs, func(fs *flag.FlagSet) {
		fs.IntVar(&campaign, "campaign", 0, "只针对这个倡议编号（默认所有进行中的倡议）")
		fs.BoolVar(&dry, "dry-run", false, "只打印将要发出的消息，不入发件箱")
	})
	if err != nil {
		return err
	}
	if nargs == 1 {
		name = fs.Arg(0)
	}
	if campaign < 0 {
		return fmt.Errorf("--campaign 应为倡议编号")
	}
	sched, store, err := openScheduler(e)
	if err != nil {
		return err
	}
	defer store.Close()
	cfg, err := e.config()
	if err != nil {
		return err
	}
	if campaign > 0 {
		if _, err := store.Campaign(ctx, uint(campaign)); errors.Is(err, models.ErrNotFound) {
			return fmt.Errorf("没有编号为 %d 的倡议", campaign)
		}
	}
	out, err := sched.RunNow(ctx, name, uint(campaign), dry)
	if err != nil {
		return err
	}
	scheduler.WriteOutcome(e.Stdout, out, dry)
	if len(out.Messages) == 0 && name == "daily_tally" && len(cfg.Admins) == 0 && len(cfg.Tally.ToGroups) == 0 {
		fmt.Fprintln(e.Stdout, txtTallyNobody)
	}
	return nil
}

// txtTallyNobody says why the daily tally had no one to go to: the
// scheduler's own log line says it in English, for the operator's log.
const txtTallyNobody = "原因：每日统计没有收件人——配置中没有 admins（管理员备注），也没有 tally.to_groups（接收统计的群）。"

// openScheduler loads the configuration (every spec validated), opens the
// store and builds a scheduler over its outbox. The caller closes the
// store.
func openScheduler(e *Env) (*scheduler.Scheduler, *models.Store, error) {
	cfg, store, err := e.open()
	if err != nil {
		return nil, nil, err
	}
	// A hand run prints its outcome in Chinese; the scheduler's warnings
	// are for the running bot's log.
	log := e.logger(cfg, slog.LevelError)
	sched, err := scheduler.New(scheduler.Deps{Config: cfg, Store: store, Log: log, Now: store.Now,
		Outbox: chat.NewOutbox(store, cfg.Send.MergeWindow.D(), log)})
	if err != nil {
		store.Close()
		return nil, nil, err
	}
	return sched, store, nil
}
