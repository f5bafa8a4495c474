package cli

import (
	"context"
	"errors"
	"flag"
	"log/slog"
	"net"
	"strings"

	"mobilize/chat"
	"mobilize/config"
	"mobilize/handlers"
	"mobilize/models"
	"mobilize/web"
)

// runWeb serves the sign-up page and the staff console alone, without
// WeChat: sign-ups come in whatever happens to the bot, and promotion
// notices wait in the outbox until a bot runs.
func runWeb(ctx context.Context, e *Env, args []string) error {
	var listen string
	if _, err := subcommand(e, "web", "[--listen 127.0.0.1:8080]", args, func(fs *flag.FlagSet) {
		fs.StringVar(&listen, "listen", "", "监听地址（默认取配置 web.listen）")
	}); err != nil {
		return err
	}
	cfg, store, err := e.open()
	if err != nil {
		return err
	}
	defer store.Close()
	if listen != "" {
		cfg.Web.Listen = listen
	}
	e.noteNoAdmins(e.Stderr, cfg)
	log := e.logger(cfg, slog.LevelDebug)
	cfg, stopReload, err := e.liveAdmins(ctx, cfg, store, log)
	if err != nil {
		return err
	}
	defer stopReload()
	outbox := chat.NewOutbox(store, cfg.Send.MergeWindow.D(), log)
	stop, err := startWeb(ctx, cfg, store, outbox, log)
	if err != nil {
		return err
	}
	<-ctx.Done()
	return stop()
}

// startWeb listens on web.listen and serves the web beside whatever else
// runs (the bot), until stop is called: stop shuts the server down
// gracefully and returns its error. Listening happens before it returns,
// so a busy port fails the command at start-up.
func startWeb(ctx context.Context, cfg config.Config, store *models.Store, outbox handlers.Replier, log *slog.Logger) (stop func() error, err error) {
	srv, err := web.New(ctx, web.Deps{Store: store, Config: cfg, Log: log, Now: store.Now,
		Announce: func(ctx context.Context, promoted []models.Registration) error {
			return handlers.AnnouncePromotions(ctx, outbox, promoted)
		}})
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", cfg.Web.Listen)
	if err != nil {
		return nil, errors.New("网页服务无法监听 " + cfg.Web.Listen + "：" + listenProblem(err))
	}
	webCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	done := make(chan error, 1)
	go func() { done <- web.ServeListener(webCtx, ln, srv, log) }()
	return func() error {
		cancel()
		return <-done
	}, nil
}

// listenProblem says in words why web.listen cannot be used, without Go's
// own English.
func listenProblem(err error) string {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "address already in use"):
		return "端口已被占用（是否已有一个 mobilize 在运行？）"
	case strings.Contains(msg, "permission denied"):
		return "没有权限使用这个端口（1024 以下的端口需要管理员权限）"
	case strings.Contains(msg, "missing port"), strings.Contains(msg, "too many colons"), strings.Contains(msg, "invalid port"), strings.Contains(msg, "unknown port"):
		return "地址格式应为 主机:端口，如 127.0.0.1:8080"
	case strings.Contains(msg, "no such host"), strings.Contains(msg, "cannot assign requested address"):
		return "本机没有这个地址，请用 127.0.0.1 或 0.0.0.0"
	}
	return "地址无法使用，请检查 web.listen（如 127.0.0.1:8080）"
}
