package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"syscall"

	"mobilize/bot"
	"mobilize/chat"
	"mobilize/handlers"
	"mobilize/models"
	"mobilize/scheduler"
	"mobilize/web"
)

// runRun logs in to WeChat and serves until interrupted: the QR code is
// drawn on stdout, logs go to stderr.
func runRun(ctx context.Context, e *Env, args []string) error {
	if _, err := subcommand(e, "run", "", args, func(*flag.FlagSet) {}); err != nil {
		return err
	}
	cfg, store, err := e.open()
	if err != nil {
		return err
	}
	defer store.Close()
	if err := refuseSecondBot(ctx, store); err != nil {
		return err
	}
	e.noteNoAdmins(e.Stderr, cfg)
	log := e.logger(cfg, slog.LevelDebug)
	cfg, stopReload, err := e.liveAdmins(ctx, cfg, store, log)
	if err != nil {
		return err
	}
	defer stopReload()
	sweepExports(cfg, store.Now(), log)
	outbox := chat.NewOutbox(store, cfg.Send.MergeWindow.D(), log)
	// Built before login so a bad cron spec stops start-up, key named.
	sched, err := scheduler.New(scheduler.Deps{Config: cfg, Store: store, Outbox: outbox, Log: log, Now: store.Now})
	if err != nil {
		return err
	}
	orgLink, err := web.FooterLinker(ctx, store, cfg.Web)
	if err != nil {
		return err
	}
	router := handlers.New(handlers.Deps{Store: store, Config: cfg, Reply: outbox, Queue: outbox, Log: log, Now: store.Now,
		OrgLink: orgLink,
		LoginLink: func(ctx context.Context, admin string) (string, error) {
			return web.NewLoginLink(ctx, store, cfg.Web, admin)
		}})
	runner := bot.NewRunner(bot.RunnerConfig{
		Config: cfg, Store: store, Handler: router, Outbox: outbox, Log: log,
		QR: e.Stdout, Now: store.Now,
	})
	stopWeb, err := startWeb(ctx, cfg, store, outbox, log)
	if err != nil {
		return err
	}
	sched.Start(ctx)
	err = runner.Run(ctx)
	// The bot has stopped taking messages and sending; a job run in
	// flight finishes queueing before the store closes.
	sched.Stop()
	return errors.Join(err, stopWeb())
}

// refuseSecondBot stops a second `mobilize run` on the same database: two
// senders would each pace themselves but not each other, and each would
// mark the other's in-flight rows uncertain. The running bot is the one
// whose heartbeat is fresh and whose process is alive.
func refuseSecondBot(ctx context.Context, store *models.Store) error {
	st, err := store.LoadBotState(ctx)
	if errors.Is(err, models.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if st.PID == os.Getpid() || store.Now().Sub(st.Beat) > staleBeat || !processAlive(st.PID) {
		return nil
	}
	return fmt.Errorf("另一个 mobilize run（进程 %d）正在使用这个数据库；同一数据库只能运行一个机器人", st.PID)
}

// processAlive reports whether a process with this id exists (signal 0
// checks without signalling; where that is unsupported, it reports false).
func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	p, err := os.FindProcess(pid)
	return err == nil && p.Signal(syscall.Signal(0)) == nil
}
