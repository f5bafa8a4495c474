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
	return nil
}

// openScheduler loads the configuration (every spec validated), opens the
// store and builds a scheduler over its outbox. The caller closes the
// store.
func openScheduler(e *Env) (*scheduler.Scheduler, *models.Store, error) {
	cfg, store, err := e.open()
	if err != nil {
		return nil, nil, err
	}
	log := e.logger(cfg, slog.LevelWarn)
	sched, err := scheduler.New(scheduler.Deps{Config: cfg, Store: store, Log: log, Now: store.Now,
		Outbox: chat.NewOutbox(store, cfg.Send.MergeWindow.D(), log)})
	if err != nil {
		store.Close()
		return nil, nil, err
	}
	return sched, store, nil
}
