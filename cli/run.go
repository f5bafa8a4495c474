package cli

import (
	"context"
	"flag"
	"log/slog"

	"mobilize/bot"
	"mobilize/handlers"
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
	log := e.logger(cfg, slog.LevelDebug)
	outbox := bot.NewOutbox(store, cfg.Send.MergeWindow.D(), log)
	router := handlers.New(handlers.Deps{Store: store, Config: cfg, Reply: outbox, Log: log, Now: store.Now})
	runner := bot.NewRunner(bot.RunnerConfig{
		Config: cfg, Store: store, Handler: router, Outbox: outbox, Log: log,
		QR: e.Stdout, Now: store.Now,
	})
	return runner.Run(ctx)
}
