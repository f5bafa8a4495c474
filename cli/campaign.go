package cli

import (
	"context"
	"flag"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"mobilize/config"
	"mobilize/inputfile"
	"mobilize/models"
)

// campaignUsage is the usage of campaign and its subcommands.
const campaignUsage = `用法: mobilize campaign <子命令>
  create --title 标题 [--body-file F] [--role code:名称:名额[:每组织上限] ...] [--deadline 2026-12-01T18:00] [--again]
  list
  close N
每个子命令都有 --help。`

// runCampaign dispatches campaign create / list / close.
func runCampaign(ctx context.Context, e *Env, args []string) error {
	if len(args) == 0 {
		return subUsage(e, args, campaignUsage)
	}
	switch args[0] {
	case "create":
		return campaignCreate(ctx, e, args[1:])
	case "list":
		e.existing = true
		return campaignList(ctx, e, args[1:])
	case "close":
		e.existing = true
		return campaignClose(ctx, e, args[1:])
	}
	return subUsage(e, args, campaignUsage)
}

func campaignCreate(ctx context.Context, e *Env, args []string) error {
	var title, bodyFile, deadline string
	var roles multiFlag
	var again bool
	_, err := subcommand(e, "campaign create", "--title 标题 [--body-file F] [--role code:名称:名额[:每组织上限] ...] [--deadline 2026-12-01T18:00] [--again]", args,
		func(fs *flag.FlagSet) {
			fs.StringVar(&title, "title", "", "倡议标题（必填）")
			fs.StringVar(&bodyFile, "body-file", "", "倡议正文文件（UTF-8 文本）")
			fs.Var(&roles, "role", "岗位 code:名称:名额[:每组织上限]，code 为小写字母、数字、_ 或 -，可重复；不写则用配置中的默认岗位")
			fs.StringVar(&deadline, "deadline", "", "报名截止时间，如 2026-12-01T18:00（配置的时区），须在将来")
			fs.BoolVar(&again, "again", false, "已有同名的进行中倡议时仍然创建")
		})
	if err != nil {
		return err
	}
	if strings.TrimSpace(title) == "" {
		return fmt.Errorf("--title 不能为空")
	}
	cfg, err := e.config()
	if err != nil {
		return err
	}
	n := models.NewCampaign{Title: strings.TrimSpace(title), CreatedBy: "cli"}
	if n.Body, err = readBody(bodyFile); err != nil {
		return err
	}
	if n.Deadline, err = parseDeadline(deadline, cfg.Location); err != nil {
		return err
	}
	if n.Deadline != nil && !n.Deadline.After(time.Now()) {
		return fmt.Errorf("--deadline %s 已经过去：截止时间须在将来", deadline)
	}
	if n.Roles, err = parseRoles(roles, cfg.Roles); err != nil {
		return err
	}
	_, store, err := e.open()
	if err != nil {
		return err
	}
	defer store.Close()
	if !again {
		if err := refuseSameTitle(ctx, store, n.Title); err != nil {
			return err
		}
	}
	c, err := store.CreateCampaign(ctx, n)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, c.ID)
	return nil
}

// readBody reads the --body-file text, if any.
func readBody(path string) (string, error) {
	if path == "" {
		return "", nil
	}
	body, err := inputfile.ReadFile(path, maxBodyBytes)
	if err != nil {
		return "", fmt.Errorf("--body-file：%s", userText(err))
	}
	if !utf8.Valid(body) {
		return "", fmt.Errorf("--body-file：文件 %s 不是 UTF-8 文本，请另存为 UTF-8", path)
	}
	return strings.TrimSpace(string(body)), nil
}

// refuseSameTitle stops a second open campaign with the same title: running
// a walkthrough or a script twice would otherwise leave two, and members'
// sign-ups would be asked "which one?". --again creates it anyway.
func refuseSameTitle(ctx context.Context, store *models.Store, title string) error {
	open, err := store.Campaigns(ctx, true)
	if err != nil {
		return err
	}
	for _, c := range open {
		if c.Title == title {
			return fmt.Errorf("已有进行中的同名倡议 %d「%s」：如确需再建一个，加 --again；不再需要旧的，用 mobilize campaign close %d 关闭", c.ID, title, c.ID)
		}
	}
	return nil
}

// parseDeadline reads a local date-time in the configured zone. A date
// alone means the whole of that day: sign-ups close at the next midnight.
func parseDeadline(s string, loc *time.Location) (*time.Time, error) {
	if s == "" {
		return nil, nil
	}
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return &t, nil
		}
	}
	if t, err := time.ParseInLocation("2006-01-02", s, loc); err == nil {
		end := t.AddDate(0, 0, 1)
		return &end, nil
	}
	return nil, fmt.Errorf("--deadline %q: 应为 2026-12-01T18:00 这样的时间", s)
}

// roleCode is what a role code may be: members never type it, but it is
// the key in commands and exports, so it is kept plain.
var roleCode = regexp.MustCompile(`^[a-z][a-z0-9_-]*$`)

// parseRoles reads --role code:名称:名额[:上限]. A code that is also a
// configured role inherits its aliases and phone rule; others require a
// phone, the safe default for people sent into the field.
func parseRoles(specs []string, defaults []config.Role) ([]models.Role, error) {
	if len(specs) == 0 {
		out := make([]models.Role, len(defaults))
		for i, d := range defaults {
			out[i] = fromConfig(d)
		}
		return out, nil
	}
	seen := map[string]bool{}
	var out []models.Role
	for _, spec := range specs {
		parts := strings.Split(spec, ":")
		if len(parts) < 3 || len(parts) > 4 || parts[0] == "" || parts[1] == "" {
			return nil, fmt.Errorf("--role %q: 应为 code:名称:名额，如 pioneer:志愿先锋:40", spec)
		}
		quota, err := strconv.Atoi(parts[2])
		if err != nil || quota < 1 {
			return nil, fmt.Errorf("--role %q: 名额应为正整数", spec)
		}
		if !roleCode.MatchString(parts[0]) {
			return nil, fmt.Errorf("--role %q: 岗位代码 %s 只能用小写字母、数字、_ 或 -，以字母开头，如 pioneer", spec, parts[0])
		}
		r := models.Role{Code: parts[0], Name: strings.TrimSpace(parts[1]), Quota: quota, PhoneRequired: true}
		if strings.ContainsFunc(r.Name, unicode.IsDigit) {
			// Members type the role's name between a campaign number and
			// a phone: digits in it cannot be told apart from either.
			return nil, fmt.Errorf("--role %q: 岗位名称 %s 不能含数字，成员报名时无法与编号、手机号区分", spec, r.Name)
		}
		for _, d := range defaults {
			if d.Code == r.Code {
				r.Aliases, r.PhoneRequired, r.OrgCap = strings.Join(d.Aliases, ","), d.PhoneRequired, d.OrgCap
			}
		}
		if len(parts) == 4 {
			if r.OrgCap, err = strconv.Atoi(parts[3]); err != nil || r.OrgCap < 0 || r.OrgCap > quota {
				return nil, fmt.Errorf("--role %q: 每组织上限应在 0 到名额之间", spec)
			}
		}
		if seen[r.Code] {
			return nil, fmt.Errorf("--role %q: 岗位代码 %s 重复", spec, r.Code)
		}
		if seen["name:"+r.Name] {
			return nil, fmt.Errorf("--role %q: 岗位名称 %s 重复，成员无法区分", spec, r.Name)
		}
		seen[r.Code], seen["name:"+r.Name] = true, true
		out = append(out, r)
	}
	return out, nil
}

func fromConfig(d config.Role) models.Role {
	return models.Role{Code: d.Code, Name: d.Name, Aliases: strings.Join(d.Aliases, ","), Quota: d.Quota,
		OrgCap: d.OrgCap, PhoneRequired: d.PhoneRequired}
}

func campaignList(ctx context.Context, e *Env, args []string) error {
	if _, err := subcommand(e, "campaign list", "", args, func(*flag.FlagSet) {}); err != nil {
		return err
	}
	cfg, store, err := e.open()
	if err != nil {
		return err
	}
	defer store.Close()
	cs, err := store.Campaigns(ctx, false)
	if err != nil {
		return err
	}
	if len(cs) == 0 {
		fmt.Fprintln(e.Stdout, "还没有倡议。用 mobilize campaign create --title 标题 创建。")
	}
	tw := newTable(e.Stdout)
	for _, c := range cs {
		counts, err := store.RoleCounts(ctx, c.ID)
		if err != nil {
			return err
		}
		tw.row(strconv.Itoa(int(c.ID)), statusName(c), c.Title+deadlineText(c, cfg.Location))
		for _, rc := range counts {
			tw.row("", "", fmt.Sprintf("%s (%s)", rc.Name, rc.Code), fmt.Sprintf("已确认 %d/%d", rc.Confirmed, rc.Quota), fmt.Sprintf("候补 %d", rc.Waitlisted))
		}
	}
	return tw.flush()
}

func statusName(c models.Campaign) string {
	if c.Status == models.CampaignOpen {
		return "进行中"
	}
	return "已关闭"
}

// deadlineText is the deadline on the configured clock: the database
// may hand the time back in any zone (PostgreSQL's is UTC).
func deadlineText(c models.Campaign, loc *time.Location) string {
	if c.Deadline == nil {
		return ""
	}
	return "（截止 " + c.Deadline.In(loc).Format("2006-01-02 15:04") + "）"
}

func campaignClose(ctx context.Context, e *Env, args []string) error {
	fs, err := subcommandArgs(e, "campaign close", "N", args, 1, func(*flag.FlagSet) {})
	if err != nil {
		return err
	}
	id, err := strconv.Atoi(fs.Arg(0))
	if err != nil || id < 1 {
		return fmt.Errorf("「%s」不是倡议编号：编号是正整数，如 mobilize campaign close 1（mobilize campaign list 列出编号）", fs.Arg(0))
	}
	_, store, err := e.open()
	if err != nil {
		return err
	}
	defer store.Close()
	w, err := store.CloseCampaignWithdrawing(ctx, uint(id), "cli")
	if err != nil {
		return campaignError(id, err)
	}
	fmt.Fprintf(e.Stdout, "倡议 %d 已关闭\n", id)
	if w.Messages > 0 {
		fmt.Fprintf(e.Stdout, "撤回了尚未发出的倡议消息 %d 条（%d 个群没有收到），它们不会再发送\n", w.Messages, w.Groups)
	}
	return nil
}
