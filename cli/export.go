package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"mobilize/models"
	"mobilize/report"
)

// runExport writes the tally and the full roster of a campaign as an .xlsx
// workbook for the command centre. The file holds phone numbers: it is
// written 0600 through a temporary file, never over the database, a
// symlink or a file that is not a workbook, and every export is recorded
// in the audit log.
func runExport(ctx context.Context, e *Env, args []string) error {
	var out string
	run, err := openTally(ctx, e, "export", "[--campaign N] [--date YYYY-MM-DD] [--out FILE.xlsx]", args, false, func(fs *flag.FlagSet) {
		fs.StringVar(&out, "out", "", "输出文件（默认为数据库旁 exports/ 下的 mobilize-倡议编号-日期.xlsx，到期自动删除）")
	}, func() error { return nil })
	if err != nil {
		return err
	}
	defer run.store.Close()
	kept := out == ""
	if kept {
		// Under the data directory, not wherever the command ran: swept
		// after exports.keep_days, covered by .gitignore.
		out = filepath.Join(run.cfg.ExportDir(), fmt.Sprintf("mobilize-%d-%s.xlsx", run.camp.ID, run.date))
	}
	if err := checkOut(out, run.cfg.Database); err != nil {
		return err
	}
	var rows int
	if err := writePrivate(out, func(w io.Writer) error {
		var err error
		_, rows, err = report.Workbook(ctx, w, run.store, run.camp.ID, run.date, run.cfg.Location)
		return err
	}); err != nil {
		return err
	}
	detail := fmt.Sprintf("倡议 %d，截至 %s，%d 条 → %s", run.camp.ID, run.date, rows, out)
	if err := run.store.Audit(ctx, models.ActorCLI, "export", detail); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "已导出 %s（%d 条报名，含完整手机号，请仅交指挥部）\n", out, rows)
	if kept {
		fmt.Fprintf(e.Stdout, "该文件 %d 天后由机器人自动删除；用 --out 可另存他处\n", run.cfg.Exports.KeepDays)
	}
	return nil
}
