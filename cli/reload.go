package cli

import (
	"context"
	"log/slog"
	"os"
	"time"

	"mobilize/config"
	"mobilize/models"
)

// liveAdmins makes cfg's admin list live for a serving command (run,
// web): it ends now the console access of anyone no longer in admins
// (a name removed while the bot was stopped), and each time the process
// is told to reload (SIGHUP, through Env.NotifyReload) it re-reads the
// config file, puts its admins in force everywhere at once and ends the
// access of whoever was removed. Only admins change on a reload; other
// settings wait for a restart. Meanwhile, hourly, it deletes expired
// sessions and spent login links. stop waits for a reload in flight, so
// the store can be closed after it.
func (e *Env) liveAdmins(ctx context.Context, cfg config.Config, store *models.Store, log *slog.Logger) (config.Config, func(), error) {
	cfg = cfg.WithLiveAdmins()
	if err := revokeRemoved(ctx, store, cfg.AdminList(), log); err != nil {
		return cfg, nil, err
	}
	var sig chan os.Signal // nil without NotifyReload: never ready
	unnotify := func() {}
	if e.NotifyReload != nil {
		sig = make(chan os.Signal, 1)
		unnotify = e.NotifyReload(sig)
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(pruneAccessEvery)
		defer t.Stop()
		for {
			pruneAccess(ctx, store, log)
			select {
			case <-ctx.Done():
				return
			case <-sig:
				e.reloadAdmins(ctx, cfg, store, log)
			case <-t.C:
			}
		}
	}()
	return cfg, func() { unnotify(); cancel(); <-done }, nil
}

// pruneAccessEvery is how often a serving command deletes expired
// console sessions and spent login links.
const pruneAccessEvery = time.Hour

// pruneAccess deletes them now (models.PruneWebAccess).
func pruneAccess(ctx context.Context, store *models.Store, log *slog.Logger) {
	n, err := store.PruneWebAccess(ctx)
	switch {
	case err != nil && ctx.Err() == nil:
		log.Warn("prune console sessions", "err", err)
	case n > 0:
		log.Info("expired console sessions and spent login links deleted", "rows", n)
	}
}

// reloadAdmins re-reads the config; a file that no longer loads is
// logged, naming the key, and the admins in force stay as they were. So
// does a file that names no admin unless it says `admins: []`: a file
// caught half-written by an editor, or emptied by mistake, must not end
// every admin's console at once.
func (e *Env) reloadAdmins(ctx context.Context, cfg config.Config, store *models.Store, log *slog.Logger) {
	fresh, err := e.config()
	if err != nil {
		log.Error("config reload refused, admins unchanged", "err", err)
		return
	}
	if len(fresh.Admins) == 0 && len(cfg.AdminList()) > 0 && !fresh.NoAdmins {
		log.Error("config reload refused, admins unchanged: the file names no admin (write admins: [] to remove them all)",
			"admins", len(cfg.AdminList()))
		return
	}
	cfg.SetAdmins(fresh.Admins)
	log.Info("config reloaded: admins in force; other settings take effect at restart", "admins", len(fresh.Admins))
	if err := revokeRemoved(ctx, store, fresh.Admins, log); err != nil {
		log.Error("revoke removed admins", "err", err)
	}
}

// revokeRemoved ends, audited, the sessions and unused login links of
// everyone not in admins, withdraws the admin messages still queued for
// them, and logs whose.
func revokeRemoved(ctx context.Context, store *models.Store, admins []string, log *slog.Logger) error {
	revoked, err := store.RevokeAdminsExcept(ctx, admins)
	if err != nil {
		return err
	}
	for _, r := range revoked {
		log.Info("admin access revoked: not in admins", "admin", r.Admin, "sessions", r.Sessions, "links", r.Links, "withdrawn", r.Withdrawn)
	}
	return nil
}
