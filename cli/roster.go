package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"time"

	"mobilize/models"
	"mobilize/pii"
)

// rosterRow is one line of the roster, as printed and as JSON.
type rosterRow struct {
	Name         string `json:"name"`
	Phone        string `json:"phone"`
	Role         string `json:"role"`
	Status       string `json:"status"`
	Position     int    `json:"waitlist_position,omitempty"`
	Group        string `json:"group"`
	Organization string `json:"organization"`
	Time         string `json:"time"`
	Remark       string `json:"remark,omitempty"`
}

var statusNames = map[string]string{models.StatusConfirmed: "已确认", models.StatusWaitlisted: "候补", models.StatusCancelled: "已取消"}

// rosterChunk is how many text lines are aligned together: the table is
// flushed every so many rows so memory stays flat for any campaign size.
const rosterChunk = 500

// runRoster prints a campaign's registrations, streamed from the database
// one row at a time. Phones are masked unless --full, and a full roster is
// written to the audit log first: rosters are personal data and go to
// named staff only.
func runRoster(ctx context.Context, e *Env, args []string) error {
	var campaign int
	var asJSON, full bool
	if _, err := subcommand(e, "roster", "[--campaign N] [--json] [--full]", args, func(fs *flag.FlagSet) {
		fs.IntVar(&campaign, "campaign", 0, "倡议编号（默认最新的一个）")
		fs.BoolVar(&asJSON, "json", false, "输出 JSON")
		fs.BoolVar(&full, "full", false, "显示完整手机号（会记入审计日志）")
	}); err != nil {
		return err
	}
	cfg, store, err := e.open()
	if err != nil {
		return err
	}
	defer store.Close()
	camp, err := pickCampaign(ctx, store, campaign)
	if err != nil {
		return err
	}
	n, err := store.CountRegistrations(ctx, camp.ID)
	if err != nil {
		return err
	}
	if full {
		if err := store.Audit(ctx, models.ActorCLI, "roster.full", fmt.Sprintf("倡议 %d，%d 条", camp.ID, n)); err != nil {
			return err
		}
	}
	w := bufio.NewWriterSize(e.Stdout, 1<<16)
	row := func(r models.RosterRow) rosterRow {
		out := rosterRow{Name: r.Name, Phone: r.Phone, Role: r.Role, Status: statusNames[r.Status], Position: r.Position,
			Group: r.Group, Organization: r.Organization, Time: rosterTime(r.CreatedAt, cfg.Location), Remark: r.Remark}
		if !full {
			// Not only the phone column: members name groups and write
			// remarks, and a phone can hide in any of them.
			out.Phone = pii.MaskPhone(r.Phone)
			for _, f := range []*string{&out.Name, &out.Group, &out.Organization, &out.Remark} {
				*f = pii.MaskPhones(*f)
			}
		}
		return out
	}
	if asJSON {
		err = streamRosterJSON(ctx, w, store, camp, row)
	} else {
		err = streamRosterText(ctx, w, store, camp, n, row)
		if err == nil && campaign == 0 {
			err = noteOtherCampaigns(ctx, w, store, camp.ID)
		}
	}
	if err != nil {
		return err
	}
	return w.Flush()
}

// streamRosterJSON writes {"campaign":…,"title":…,"registrations":[…]}, one
// registration a line, without holding the list. Each line is appended
// to one reused buffer (rosterjson.go): over a million rows,
// encoding/json's reflection cost more than reading the rows.
func streamRosterJSON(ctx context.Context, w io.Writer, store *models.Store, camp models.Campaign, row func(models.RosterRow) rosterRow) error {
	title, _ := json.Marshal(camp.Title)
	fmt.Fprintf(w, "{\"campaign\": %d, \"title\": %s, \"registrations\": [", camp.ID, title)
	var line []byte
	sep := "\n  "
	err := store.EachRosterRow(ctx, camp.ID, func(r models.RosterRow) error {
		line = appendRosterJSON(append(line[:0], sep...), row(r))
		sep = ",\n  "
		_, err := w.Write(line)
		return err
	})
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, "\n]}\n")
	return err
}

func streamRosterText(ctx context.Context, w io.Writer, store *models.Store, camp models.Campaign, n int, row func(models.RosterRow) rosterRow) error {
	fmt.Fprintf(w, "倡议 %d：%s（共 %d 条）\n", camp.ID, camp.Title, n)
	tw := newTable(w)
	head := []string{"序号", "姓名", "手机", "岗位", "状态", "群", "组织", "时间", "备注"}
	tw.row(head...)
	i := 0
	err := store.EachRosterRow(ctx, camp.ID, func(m models.RosterRow) error {
		i++
		r := row(m)
		status := r.Status
		if r.Position > 0 {
			status = fmt.Sprintf("候补%d", r.Position)
		}
		tw.row(strconv.Itoa(i), r.Name, r.Phone, r.Role, status, r.Group, r.Organization, r.Time, r.Remark)
		if i%rosterChunk == 0 {
			return tw.flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	return tw.flush()
}

// rosterTime is when a registration was made, to the minute, in the
// configured zone; empty if unknown.
func rosterTime(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format("2006-01-02 15:04")
}

// pickCampaign returns campaign n, or the newest one when n is 0.
func pickCampaign(ctx context.Context, store *models.Store, n int) (models.Campaign, error) {
	if n < 0 {
		return models.Campaign{}, fmt.Errorf("--campaign %d：倡议编号应为正整数", n)
	}
	if n > 0 {
		c, err := store.Campaign(ctx, uint(n))
		return c, campaignError(n, err)
	}
	cs, err := store.Campaigns(ctx, false)
	if err != nil {
		return models.Campaign{}, err
	}
	if len(cs) == 0 {
		return models.Campaign{}, fmt.Errorf("还没有倡议")
	}
	return cs[0], nil
}

// noteOtherCampaigns follows a roster shown by default (the newest
// campaign) with the other campaigns that have registrations: after a new
// broadcast the newest is empty, and the people signed up so far seem to
// vanish unless the roster says where they are.
func noteOtherCampaigns(ctx context.Context, w io.Writer, store *models.Store, shown uint) error {
	cs, err := store.Campaigns(ctx, false)
	if err != nil || len(cs) < 2 {
		return err
	}
	var others []string
	for _, c := range cs {
		if c.ID == shown {
			continue
		}
		n, err := store.CountRegistrations(ctx, c.ID)
		if err != nil {
			return err
		}
		if n > 0 {
			others = append(others, fmt.Sprintf(txtRosterOther, c.ID, c.Title, n, c.ID))
		}
	}
	if len(others) == 0 {
		return nil
	}
	fmt.Fprintf(w, txtRosterOthers, shown)
	for _, o := range others {
		fmt.Fprintln(w, o)
	}
	return nil
}

// Texts of the roster's note on other campaigns.
const (
	txtRosterOthers = "\n以上是最新的倡议 %d。其他倡议的报名：\n"
	txtRosterOther  = "  倡议 %d「%s」%d 条：mobilize roster --campaign %d"
)
