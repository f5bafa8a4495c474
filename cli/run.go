package cli

import (
	"context"
	"errors"
	"flag"
	"log/slog"
	"sync"

	"mobilize/bot"
	"mobilize/chat"
	"mobilize/handlers"
	"mobilize/scheduler"
	"mobilize/web"
)

// runRun logs in to WeChat and serves until interrupted: the QR code is
// drawn on stdout, logs go to stderr.
func runRun(ctx context.Context, e *Env, args []string) error {
	var accountName string
	if _, err := subcommand(e, "run", "", args, func(fs *flag.FlagSet) {
		fs.StringVar(&accountName, "account", "", "只运行这个账号（accounts: 中的 name）；不写时运行配置中的每个账号")
	}); err != nil {
		return err
	}
	transport, err := simulatorTransport(e.Getenv)
	if err != nil {
		return err
	}
	cfg, store, err := e.open()
	if err != nil {
		return err
	}
	defer store.Close()
	accounts, err := pickAccounts(cfg, accountName)
	if err != nil {
		return err
	}
	log := e.logger(cfg, slog.LevelDebug)
	leases, err := takeLeases(ctx, store, accounts, log)
	if err != nil {
		return err
	}
	defer releaseAll(leases)
	e.noteNoAdmins(e.Stderr, cfg)
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
	runners := make([]*bot.Runner, len(accounts))
	for i, a := range accounts {
		rc := bot.RunnerConfig{
			Config: cfg, Account: a.Name, Lease: leases[i], Store: store, Handler: router, Outbox: outbox,
			Log: log.With("account", a.Name), QR: e.Stdout, Now: store.Now, HTTPTransport: transport,
		}
		if len(cfg.AccountSettings) > 0 {
			rc.QRAccount = a.Name
		}
		runners[i] = bot.NewRunner(rc)
	}
	stopWeb, err := startWeb(ctx, cfg, store, outbox, log)
	if err != nil {
		return err
	}
	sched.Start(ctx)
	err = runAll(ctx, runners)
	// Every account has stopped taking messages and sending; a job run
	// in flight finishes queueing before the store closes.
	sched.Stop()
	return errors.Join(err, stopWeb())
}

// runAll runs every account's runner at once (each its own WeChat login,
// session file, sender and pacing) until ctx ends. An account that stops
// on its own (its lease lost) leaves the others serving.
func runAll(ctx context.Context, runners []*bot.Runner) error {
	errs := make([]error, len(runners))
	var wg sync.WaitGroup
	for i, r := range runners {
		wg.Go(func() { errs[i] = r.Run(ctx) })
	}
	wg.Wait()
	return errors.Join(errs...)
}
