package cli

import (
	"context"
	"flag"
	"fmt"
	"time"

	"mobilize/config"
	"mobilize/models"
	"mobilize/report"
)

// tallyRun is what report and export share: the campaign and day chosen by
// --campaign and --date, the open store, and the computed tally.
type tallyRun struct {
	cfg   config.Config
	store *models.Store
	camp  models.Campaign
	date  string
	tally report.Tally
}

// openTally parses --campaign and --date (plus the command's own flags,
// defined by more, checked by check before anything is opened), opens the
// store and picks the campaign; with compute, it computes the tally too
// (export computes it with the workbook, from one snapshot). The caller
// closes run.store.
func openTally(ctx context.Context, e *Env, name, synopsis string, args []string, compute bool, more func(*flag.FlagSet), check func() error) (*tallyRun, error) {
	var campaign int
	var date string
	if _, err := subcommand(e, name, synopsis, args, func(fs *flag.FlagSet) {
		fs.IntVar(&campaign, "campaign", 0, "倡议编号（默认最新的一个）")
		fs.StringVar(&date, "date", "", "统计日期（默认今天）")
		more(fs)
	}); err != nil {
		return nil, err
	}
	if err := check(); err != nil {
		return nil, err
	}
	if date != "" {
		if _, err := time.Parse("2006-01-02", date); err != nil {
			return nil, fmt.Errorf("--date %q: 应为 2026-11-23 这样的日期", date)
		}
	}
	cfg, store, err := e.open()
	if err != nil {
		return nil, err
	}
	run := &tallyRun{cfg: cfg, store: store, date: date}
	today := store.Now().In(cfg.Location).Format("2006-01-02")
	if run.date == "" {
		run.date = today
	}
	if run.date > today { // the same layout orders as its dates do
		store.Close()
		return nil, fmt.Errorf("--date %s 还没有到（今天是 %s）：统计只能看今天和以前的日子", run.date, today)
	}
	if run.camp, err = pickCampaign(ctx, store, campaign); err == nil && compute {
		run.tally, err = report.Compute(ctx, store, run.camp.ID, run.date, cfg.Location)
	}
	if err != nil {
		store.Close()
		return nil, err
	}
	return run, nil
}
