package cli

import (
	"log/slog"
	"time"

	"mobilize/config"
	"mobilize/privfile"
)

// sweepExports runs when the bot starts: the temporary files a kill left
// halfway through an export, and workbooks older than exports.keep_days,
// are removed from exports/, and temporary files from the database's
// directory too (a kill during an export written there), since each holds
// every phone.
func sweepExports(cfg config.Config, now time.Time, log *slog.Logger) {
	keep := time.Duration(cfg.Exports.KeepDays) * 24 * time.Hour
	for dir, keep := range map[string]time.Duration{cfg.ExportDir(): keep, cfg.DataDir(): 0} {
		n, err := privfile.Sweep(dir, keep, now)
		if err != nil {
			log.Warn("sweep old exports", "dir", dir, "err", err)
		}
		if n > 0 {
			log.Info("removed old exports", "dir", dir, "files", n)
		}
	}
}
