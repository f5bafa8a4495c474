package bot

import (
	"context"
	"time"

	"mobilize/models"
)

// pruneEvery is how often the running bot drops the rows of handled
// messages past models.InboundKeep.
const pruneEvery = time.Hour

// prune drops old handled-message rows at start and then every hour, for
// as long as the bot runs: only the running bot writes them.
func (r *Runner) prune(ctx context.Context) {
	t := time.NewTicker(pruneEvery)
	defer t.Stop()
	for {
		n, err := r.cfg.Store.PruneInbound(ctx, r.cfg.Now().Add(-models.InboundKeep))
		switch {
		case err != nil && ctx.Err() == nil:
			r.log.Warn("清理已处理消息记录失败", "err", err)
		case n > 0:
			r.log.Info("已清理过期的已处理消息记录", "rows", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
