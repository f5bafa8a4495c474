package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"time"

	"mobilize/report"
)

// runReport prints the evening tally of a campaign for a day.
func runReport(ctx context.Context, e *Env, args []string) error {
	var campaign int
	var date, format string
	if _, err := subcommand(e, "report", "[--campaign N] [--date YYYY-MM-DD] [--format text|json]", args, func(fs *flag.FlagSet) {
		fs.IntVar(&campaign, "campaign", 0, "倡议编号（默认最新的一个）")
		fs.StringVar(&date, "date", "", "统计日期（默认今天）")
		fs.StringVar(&format, "format", "text", "text 或 json")
	}); err != nil {
		return err
	}
	if format != "text" && format != "json" {
		return fmt.Errorf("--format 应为 text 或 json")
	}
	cfg, store, err := e.open()
	if err != nil {
		return err
	}
	defer store.Close()
	if date == "" {
		date = store.Now().Format("2006-01-02")
	} else if _, err := time.Parse("2006-01-02", date); err != nil {
		return fmt.Errorf("--date %q: 应为 2026-11-23 这样的日期", date)
	}
	camp, err := pickCampaign(ctx, store, campaign)
	if err != nil {
		return err
	}
	t, err := report.Compute(ctx, store, camp.ID, date, cfg.Location)
	if err != nil {
		return err
	}
	if format == "json" {
		enc := json.NewEncoder(e.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(t)
	}
	_, err = fmt.Fprintln(e.Stdout, t.Text())
	return err
}
