package scheduler

import (
	"context"
	"log/slog"
)

// cronLog routes cron's own log lines into slog: routine ones (start,
// wake, run) at debug, a skipped tick at warn, errors (a recovered panic,
// with its stack) at error.
type cronLog struct{ l *slog.Logger }

// Info logs cron's routine lines; "skip" means a tick found the job still
// running, which an operator should see.
func (c cronLog) Info(msg string, kv ...any) {
	if msg == "skip" {
		c.l.Warn("job still running: tick skipped", kv...)
		return
	}
	c.l.Log(context.Background(), slog.LevelDebug, "cron "+msg, kv...)
}

// Error logs cron's errors with the error under the project's "err" key.
func (c cronLog) Error(err error, msg string, kv ...any) {
	c.l.Error("cron "+msg, append([]any{"err", err}, kv...)...)
}
