package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"time"

	"mobilize/models"
)

// Texts of the audit command.
const (
	txtAuditSynopsis = "[--action 操作] [--last N] [--json]"
	txtAuditHead     = "时间\t操作者\t操作\t详情"
	txtAuditNone     = "审计日志中没有记录。"
	txtAuditBadLast  = "--last 应为正整数"
	txtAuditBadAct   = "没有名为 %q 的操作。可用的操作：\n%s"
)

// auditRow is one audit record as printed and as JSON.
type auditRow struct {
	At     string `json:"at"`
	Actor  string `json:"actor"`
	Action string `json:"action"`
	Detail string `json:"detail"`
}

// runAudit prints the audit log, oldest first, so the bureau can answer
// who saw full phones, who exported, who queued or closed a broadcast and
// through which door (cli, admin:备注 in a private chat, web:备注 in the
// console), and who logged in to the console. It never writes anything.
func runAudit(ctx context.Context, e *Env, args []string) error {
	var action string
	var last int
	var asJSON bool
	if _, err := subcommand(e, "audit", txtAuditSynopsis, args, func(fs *flag.FlagSet) {
		fs.StringVar(&action, "action", "", "只看一种操作：代码或中文名，如 broadcast.queue 或 发布倡议、roster.full、export")
		fs.IntVar(&last, "last", 50, "只看最近的 N 条")
		fs.BoolVar(&asJSON, "json", false, "输出 JSON（每行一条）")
	}); err != nil {
		return err
	}
	if last < 1 {
		return fmt.Errorf("%s", txtAuditBadLast)
	}
	if action != "" {
		code, ok := models.AuditAction(action)
		if !ok {
			return fmt.Errorf(txtAuditBadAct, action, auditActionList())
		}
		action = code
	}
	cfg, store, err := e.open()
	if err != nil {
		return err
	}
	defer store.Close()
	trail, err := store.RecentAudit(ctx, action, last)
	if err != nil {
		return err
	}
	rows := make([]auditRow, len(trail))
	for i, a := range trail { // oldest first, as a log reads
		rows[len(trail)-1-i] = auditRow{At: a.At.In(cfg.Location).Format(time.DateTime), Actor: a.Actor, Action: a.Action, Detail: a.Detail}
	}
	if asJSON {
		enc := json.NewEncoder(e.Stdout)
		for _, r := range rows {
			if err := enc.Encode(r); err != nil {
				return err
			}
		}
		return nil
	}
	if len(rows) == 0 {
		fmt.Fprintln(e.Stdout, txtAuditNone)
		return nil
	}
	tw := newTable(e.Stdout)
	tw.row(strings.Split(txtAuditHead, "\t")...)
	for _, r := range rows {
		tw.row(r.At, models.AuditActorName(r.Actor), models.AuditActionName(r.Action), r.Detail)
	}
	return tw.flush()
}

// auditActionList is the actions --action takes, one a line: the code
// and its name.
func auditActionList() string {
	var b strings.Builder
	for _, a := range models.AuditActions() {
		fmt.Fprintf(&b, "  %s  %s\n", padRight(a, 22), models.AuditActionName(a))
	}
	return strings.TrimRight(b.String(), "\n")
}
