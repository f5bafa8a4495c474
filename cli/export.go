package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"mobilize/report"
)

// runExport writes the tally and the full roster of a campaign as an .xlsx
// workbook for the command centre. The file holds phone numbers: it is
// written 0600 and every export is recorded in the audit log.
func runExport(ctx context.Context, e *Env, args []string) error {
	var campaign int
	var date, out string
	if _, err := subcommand(e, "export", "[--campaign N] [--date YYYY-MM-DD] [--out FILE.xlsx]", args, func(fs *flag.FlagSet) {
		fs.IntVar(&campaign, "campaign", 0, "倡议编号（默认最新的一个）")
		fs.StringVar(&date, "date", "", "统计日期（默认今天）")
		fs.StringVar(&out, "out", "", "输出文件（默认 mobilize-倡议编号-日期.xlsx）")
	}); err != nil {
		return err
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
	roster, err := store.Roster(ctx, camp.ID)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := report.WriteXLSX(&buf, t, roster); err != nil {
		return err
	}
	if out == "" {
		out = fmt.Sprintf("mobilize-%d-%s.xlsx", camp.ID, date)
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o600); err != nil {
		return err
	}
	if err := store.Audit(ctx, "cli", "export", fmt.Sprintf("campaign #%d %s → %s, %d rows", camp.ID, date, out, len(roster))); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "已导出 %s（%d 条报名，含完整手机号，请仅交指挥部）\n", out, len(roster))
	return nil
}
