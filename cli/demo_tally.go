package cli

import (
	"context"
	"fmt"

	"mobilize/chat"
	"mobilize/config"
	"mobilize/models"
	"mobilize/scheduler"
)

// eveningTally ends the demo's morning with the daily_tally job's own
// message: the job runs as the scheduler runs it at 20:00, queues through
// the outbox, and the sender delivers it to the admin's private chat in
// the simulator, where the transcript shows it.
func (d *demo) eveningTally(ctx context.Context, cfg config.Config, outbox *chat.Outbox, camp models.Campaign) error {
	sched, err := scheduler.New(scheduler.Deps{Config: cfg, Store: d.store, Outbox: outbox, Now: d.store.Now})
	if err != nil {
		return err
	}
	fmt.Fprintln(d.e.Stdout, "\n【定时任务】每日统计 daily_tally（每晚 20:00 自动运行，此处提前运行一次）：")
	if _, err := sched.RunNow(ctx, "daily_tally", camp.ID, false); err != nil {
		return err
	}
	return d.flush(ctx)
}
