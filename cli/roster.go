package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"text/tabwriter"

	"mobilize/grammar"
	"mobilize/models"
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

// runRoster prints a campaign's registrations. Phones are masked unless
// --full, and a full roster is written to the audit log: rosters are
// personal data and go to named staff only.
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
	_, store, err := e.open()
	if err != nil {
		return err
	}
	defer store.Close()
	camp, err := pickCampaign(ctx, store, campaign)
	if err != nil {
		return err
	}
	regs, err := store.Roster(ctx, camp.ID)
	if err != nil {
		return err
	}
	if full {
		if err := store.Audit(ctx, "cli", "roster.full", fmt.Sprintf("campaign #%d, %d rows", camp.ID, len(regs))); err != nil {
			return err
		}
	}
	rows := make([]rosterRow, len(regs))
	for i, r := range regs {
		phone := grammar.MaskPhone(r.Volunteer.Phone)
		if full {
			phone = r.Volunteer.Phone
		}
		rows[i] = rosterRow{Name: r.Volunteer.Name, Phone: phone, Role: r.Role.Name, Status: statusNames[r.Status],
			Position: r.Position, Group: r.Group.Name, Organization: r.Group.Organization.Name,
			Time: r.CreatedAt.Format("2006-01-02 15:04"), Remark: r.Remark}
	}
	if asJSON {
		enc := json.NewEncoder(e.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"campaign": camp.ID, "title": camp.Title, "registrations": rows})
	}
	return printRoster(e, camp, rows)
}

func printRoster(e *Env, camp models.Campaign, rows []rosterRow) error {
	fmt.Fprintf(e.Stdout, "倡议 %d：%s（共 %d 条）\n", camp.ID, camp.Title, len(rows))
	tw := tabwriter.NewWriter(e.Stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "序号\t姓名\t手机\t岗位\t状态\t群\t组织\t时间\t备注")
	for i, r := range rows {
		status := r.Status
		if r.Position > 0 {
			status = fmt.Sprintf("候补%d", r.Position)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", i+1, r.Name, r.Phone, r.Role, status, r.Group, r.Organization, r.Time, r.Remark)
	}
	return tw.Flush()
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
