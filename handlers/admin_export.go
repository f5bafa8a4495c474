package handlers

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"mobilize/chat"
	"mobilize/models"
	"mobilize/pii"
	"mobilize/privfile"
	"mobilize/report"
)

// Queuer queues any outgoing message: chat.Outbox implements it.
type Queuer interface {
	Put(ctx context.Context, m chat.Outgoing) (bool, error)
}

// adminExportWorkbook handles 导出 [N]: the day's tally and the full roster
// as an .xlsx workbook, written 0600 beside the database and sent as a file
// into the admin's private chat through the outbox; audited.
func (r *Router) adminExportWorkbook(c *Context, a adminCmd) error {
	camp, _, err := r.campaignArg(c, adminExport, a.rest, true)
	if err != nil {
		return err
	}
	if r.deps.Queue == nil {
		return userErr(txtAdminNoFiles)
	}
	loc := r.deps.Config.Location
	date := c.now.In(loc).Format("2006-01-02")
	dir := r.deps.Config.ExportDir()
	r.sweepExports(c, dir)
	path := filepath.Join(dir, fmt.Sprintf("mobilize-%d-%s-%s.xlsx", camp.ID, date, c.now.In(loc).Format("150405")))
	rows := 0
	err = writeWorkbook(path, func(w io.Writer) error {
		_, rows, err = report.Workbook(c.Ctx, w, r.deps.Store, camp.ID, date, loc)
		return err
	})
	if err != nil {
		return err
	}
	detail := fmt.Sprintf("倡议 %d，截至 %s，%d 条 → 私聊发送 %s", camp.ID, date, rows, path)
	if err := r.deps.Store.Audit(c.Ctx, actor(c), "export", detail); err != nil {
		return err
	}
	c.Reply(fmt.Sprintf(txtAdminExported, camp.ID))
	_, err = r.deps.Queue.Put(c.Ctx, chat.Outgoing{To: c.Msg.ReplyTarget(), Kind: models.KindNotice,
		Media: models.MediaFile, Path: path})
	return err
}

// sweepExports removes workbooks older than exports.keep_days (one whose admin never
// received it) and temporary files of interrupted exports, so a bot that
// runs for weeks keeps no stale roster on disk. A failure is only logged:
// the export asked for goes ahead.
func (r *Router) sweepExports(c *Context, dir string) {
	keep := time.Duration(r.deps.Config.Exports.KeepDays) * 24 * time.Hour
	if _, err := privfile.Sweep(dir, keep, c.now); err != nil {
		r.deps.Log.Warn("sweep old exports", "err", err)
	}
}

// writeWorkbook writes a file holding phone numbers privately (privfile).
func writeWorkbook(path string, write func(io.Writer) error) error {
	return privfile.Write(path, ".export-*.xlsx", write)
}

// adminFullRoster handles 名单 N 完整: every active registration with its
// full phone, into the admin's private chat only, recorded in the audit
// log before it is queued.
func (r *Router) adminFullRoster(c *Context, camp models.Campaign, regs []models.RegView) error {
	if r.deps.Queue == nil {
		return userErr(txtAdminNoFiles)
	}
	if err := r.deps.Store.Audit(c.Ctx, actor(c), "roster.full",
		fmt.Sprintf("倡议 %d，%d 条 → 私聊发送", camp.ID, len(regs))); err != nil {
		return err
	}
	lines := rosterText(camp, regs, func(p string) string { return p })
	_, err := r.deps.Queue.Put(c.Ctx, chat.Outgoing{To: c.Msg.ReplyTarget(), Kind: models.KindRoster, Text: lines})
	return err
}

// rosterText lists up to rosterLines registrations, showing phones through
// show (masked, or whole for 完整).
func rosterText(camp models.Campaign, regs []models.RegView, show func(string) string) string {
	lines := []string{fmt.Sprintf(txtAdminRosterHead, camp.ID, camp.Title, len(regs))}
	for i, v := range regs[:min(len(regs), rosterLines)] {
		status := txtAdminRosterOK
		if v.Status == models.StatusWaitlisted {
			status = fmt.Sprintf(txtAdminRosterWait, v.Position)
		}
		lines = append(lines, fmt.Sprintf(txtAdminRosterLine, i+1, v.Volunteer.Name, show(v.Volunteer.Phone),
			v.Role.Name, status, v.Group.Name))
	}
	if len(regs) > rosterLines {
		lines = append(lines, fmt.Sprintf(txtAdminRosterMore, len(regs)-rosterLines, camp.ID))
	}
	return strings.Join(lines, "\n")
}

// maskedPhone is how phones show in an ordinary roster.
func maskedPhone(p string) string { return pii.MaskPhone(p) }
