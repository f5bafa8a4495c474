package cli

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/schollz/progressbar/v3"

	"mobilize/broadcast"
	"mobilize/chat"
	"mobilize/config"
	"mobilize/inputfile"
	"mobilize/models"
	"mobilize/web"
)

// Texts of the broadcast commands.
const (
	txtBcSynopsis  = "--title 标题 --body-file 倡议书.md [--image 海报.png] [--file 倡议书.pdf] --to all|org:名称|kind:类型|tag:标签|group:群名 ... [--role code:名称:名额 ...] [--deadline 2026-12-01T18:00] [--campaign N] [--again] [--yes]"
	txtBcAsk       = "确认发送？输入 y 确认，其他任意键取消："
	txtBcCancelled = "已取消，未排队任何消息。"
	txtBcNothing   = "这些群都已发过本倡议，没有新消息排队。"
	txtBcQueued    = "已排队：倡议 %d「%s」发往 %d 个群（%d 个已发过，跳过）。\n运行中的机器人会按发送节奏逐群发出；机器人未运行时，消息在发件箱中等待。\n查看进度：mobilize broadcast status %d --watch\n"
	txtBcNoCamp    = "还没有倡议。"
	txtBcBadNumber = "倡议编号应为正整数，如 mobilize broadcast status 3"
	txtBcGroupHead = "群\t组织\t状态\t送达时间\t原因"
	// txtBcAccountCol heads the sending account's column, shown with
	// more than one account.
	txtBcAccountCol = "发送账号"
	txtBcOrgHead    = "组织\t送达时间\t首次报名"
	txtBcRoleCol    = "%s 确认/候补"
	txtBcWatching   = "发送中"
	txtBcWaiting    = "等待机器人"
	txtBcReuse      = "--campaign 沿用该倡议已有的标题、岗位和截止时间，不能同时给 --title、--role 或 --deadline；--body-file 只用于给还没有正文的倡议补上正文；要发新内容，请去掉 --campaign 新建倡议"
)

// runBroadcast dispatches broadcast / broadcast preview / broadcast status.
func runBroadcast(ctx context.Context, e *Env, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "preview":
			e.existing = true // previews write nothing
			return broadcastSend(ctx, e, args[1:], true)
		case "status":
			e.existing = true
			return broadcastStatus(ctx, e, args[1:])
		}
	}
	return broadcastSend(ctx, e, args, false)
}

// broadcastFlags are the flags of broadcast and broadcast preview.
type broadcastFlags struct {
	title, bodyFile, image, file, deadline string
	to, roles                              multiFlag
	campaign                               uint
	yes, again                             bool
}

func (f *broadcastFlags) define(fs *flag.FlagSet, preview bool) {
	fs.StringVar(&f.title, "title", "", "倡议标题（新建倡议时必填）")
	fs.StringVar(&f.bodyFile, "body-file", "", "倡议正文文件（UTF-8 文本；新建倡议时必填；--campaign 的倡议还没有正文时用它补上）")
	fs.StringVar(&f.image, "image", "", "随正文发送的图片（jpg/png/gif，≤10 MB）")
	fs.StringVar(&f.file, "file", "", "随正文发送的文件（如 PDF，≤25 MB）")
	fs.Var(&f.to, "to", "发送目标：all、org:名称、kind:类型、tag:标签、group:群名；可重复或用逗号分隔，取并集")
	fs.Var(&f.roles, "role", "新建倡议的岗位 code:名称:名额[:每组织上限]，可重复；不写则用配置中的默认岗位")
	fs.StringVar(&f.deadline, "deadline", "", "新建倡议的报名截止时间，如 2026-12-01T18:00")
	fs.UintVar(&f.campaign, "campaign", 0, "沿用已有的倡议 N（不新建；已发过的群不再发）")
	fs.BoolVar(&f.again, "again", false, "已有同名的进行中倡议时仍然新建（各群会再收到一次）")
	if !preview {
		fs.BoolVar(&f.yes, "yes", false, "不询问，直接排队")
	}
}

// draft turns the flags into a broadcast draft. With --campaign the
// campaign's own title, roles and deadline are sent: new ones given beside
// it would be silently ignored, and staff would believe they sent them, so
// they are refused. --body-file beside --campaign gives a bare campaign
// (campaign create without a body) its body; the broadcaster refuses it
// for a campaign that has another one.
func (f *broadcastFlags) draft(cfg config.Config) (broadcast.Draft, error) {
	d := broadcast.Draft{CampaignID: f.campaign, Title: strings.TrimSpace(f.title), Image: f.image, File: f.file,
		Targets: f.to, By: "cli", Again: f.again}
	if f.campaign != 0 && (f.title != "" || len(f.roles) > 0 || f.deadline != "") {
		return d, fmt.Errorf("%s", txtBcReuse)
	}
	if f.bodyFile != "" {
		body, err := readTextFile(f.bodyFile)
		if err != nil {
			return d, fmt.Errorf("--body-file: %w", err)
		}
		d.Body = body
	}
	var err error
	if d.Deadline, err = parseDeadline(f.deadline, cfg.Location); err != nil {
		return d, err
	}
	if len(f.roles) > 0 {
		if d.Roles, err = parseRoles(f.roles, cfg.Roles); err != nil {
			return d, err
		}
	}
	return d, nil
}

func broadcastSend(ctx context.Context, e *Env, args []string, preview bool) error {
	var f broadcastFlags
	name := "broadcast"
	if preview {
		name = "broadcast preview"
	}
	synopsis := txtBcSynopsis
	if preview {
		synopsis = strings.TrimSuffix(synopsis, " [--yes]")
	}
	if _, err := subcommand(e, name, synopsis, args, func(fs *flag.FlagSet) { f.define(fs, preview) }); err != nil {
		return err
	}
	cfg, store, err := e.open()
	if err != nil {
		return err
	}
	defer store.Close()
	d, err := f.draft(cfg)
	if err != nil {
		return err
	}
	b := broadcast.New(store, cfg)
	if b.OrgLink, err = web.FooterLinker(ctx, store, cfg.Web); err != nil {
		return err
	}
	plan, err := b.Plan(ctx, d)
	if err != nil {
		return userFacing(err)
	}
	fmt.Fprintln(e.Stdout, broadcast.PreviewGroups(plan))
	if preview {
		fmt.Fprintln(e.Stdout)
		fmt.Fprint(e.Stdout, broadcast.PreviewMessages(plan.Messages))
		return nil
	}
	if plan.New() == 0 {
		fmt.Fprintln(e.Stdout, txtBcNothing)
		return nil
	}
	if !f.yes && !confirm(e.Stdin, e.Stdout) {
		fmt.Fprintln(e.Stdout)
		return fmt.Errorf("%s", txtBcCancelled) // not done: exit 1, so a script does not go on
	}
	res, err := b.Queue(ctx, plan, nil)
	if err != nil {
		return userFacing(err)
	}
	fmt.Fprintf(e.Stdout, txtBcQueued, res.Campaign.ID, res.Campaign.Title, res.Queued, res.Skipped, res.Campaign.ID)
	return nil
}

// confirm asks on out and reads one answer from in: y, yes, 是 or 确认.
func confirm(in io.Reader, out io.Writer) bool {
	fmt.Fprint(out, txtBcAsk)
	line, _ := bufio.NewReader(in).ReadString('\n')
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes", "是", "确认":
		return true
	}
	return false
}

// userFacing keeps a broadcast error's Chinese text and nothing else.
func userFacing(err error) error {
	if text, ok := broadcast.UserText(err); ok {
		return fmt.Errorf("%s", text)
	}
	return err
}

func broadcastStatus(ctx context.Context, e *Env, args []string) error {
	var watch, asJSON bool
	define := func(fs *flag.FlagSet) {
		fs.BoolVar(&watch, "watch", false, "显示进度条，直到本倡议的消息都发出（Ctrl-C 退出）")
		fs.BoolVar(&asJSON, "json", false, "输出 JSON")
	}
	number := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") { // status 3 --watch
		number, args = args[0], args[1:]
	}
	if _, err := subcommand(e, "broadcast status", "[N] [--watch] [--json]", args, define); err != nil {
		return err
	}
	cfg, store, err := e.open()
	if err != nil {
		return err
	}
	defer store.Close()
	id, err := statusCampaign(ctx, store, number)
	if err != nil {
		return err
	}
	b := broadcast.New(store, cfg)
	if watch {
		stopped, err := watchStatus(ctx, e, b, id)
		if err != nil || stopped {
			return err // Ctrl-C ends a watch: not a failure
		}
	}
	st, err := b.Status(ctx, id)
	if err != nil {
		return userFacing(err)
	}
	if asJSON {
		enc := json.NewEncoder(e.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(st)
	}
	printStatus(e.Stdout, st, cfg.Location)
	return warnOffline(ctx, e.Stdout, store, st)
}

// warnOffline says, below a status with messages still waiting, that no
// bot is there to send them.
func warnOffline(ctx context.Context, w io.Writer, store *models.Store, st broadcast.Status) error {
	if st.Counts[broadcast.StatePending] == 0 {
		return nil
	}
	why, err := botOffline(ctx, store, store.Now())
	if err != nil || why == "" {
		return err
	}
	fmt.Fprintf(w, "\n"+txtBotWaits+"\n", why)
	return nil
}

// statusCampaign is the campaign N given, or the newest.
func statusCampaign(ctx context.Context, store *models.Store, arg string) (uint, error) {
	if arg != "" {
		n, err := strconv.Atoi(arg)
		if err != nil || n < 1 {
			return 0, fmt.Errorf("%s", txtBcBadNumber)
		}
		return uint(n), nil
	}
	cs, err := store.Campaigns(ctx, false)
	if err != nil {
		return 0, err
	}
	if len(cs) == 0 {
		return 0, fmt.Errorf("%s", txtBcNoCamp)
	}
	return cs[0].ID, nil
}

// watchStatus draws a progress bar of the groups done until none waits,
// or until Ctrl-C (stopped). While no bot is there to send, it says so
// once, and again when that changes, rather than show a bar that never
// moves.
func watchStatus(ctx context.Context, e *Env, b *broadcast.Broadcaster, id uint) (stopped bool, err error) {
	var bar *progressbar.ProgressBar
	said := ""
	for {
		st, err := b.Status(ctx, id)
		if ctx.Err() != nil {
			fmt.Fprintln(e.Stderr)
			return true, nil
		}
		if err != nil {
			return false, userFacing(err)
		}
		why, err := botOffline(ctx, b.Store, b.Store.Now())
		if err != nil && ctx.Err() == nil {
			return false, err
		}
		if why != said && !st.Done() {
			if bar != nil {
				fmt.Fprintln(e.Stderr)
			}
			if why != "" {
				fmt.Fprintf(e.Stderr, txtBotWaits+"\n", why)
			}
			said, bar = why, nil
		}
		done := len(st.Groups) - st.Counts[broadcast.StatePending]
		if bar == nil {
			desc := txtBcWatching
			if why != "" {
				desc = txtBcWaiting
			}
			bar = progressbar.NewOptions(len(st.Groups), progressbar.OptionSetWriter(e.Stderr),
				progressbar.OptionSetDescription(desc), progressbar.OptionShowCount(),
				progressbar.OptionSetPredictTime(false), progressbar.OptionSetRenderBlankState(true))
		}
		bar.ChangeMax(len(st.Groups))
		if err := bar.Set(done); err != nil {
			return false, err
		}
		if st.Done() {
			fmt.Fprintln(e.Stderr)
			return false, nil
		}
		select {
		case <-ctx.Done():
			fmt.Fprintln(e.Stderr)
			return true, nil
		case <-time.After(watchEvery):
		}
	}
}

// watchEvery is how often --watch looks again.
const watchEvery = 2 * time.Second

// printStatus prints the summary, the groups, then the organizations,
// those that have not answered last.
func printStatus(w io.Writer, st broadcast.Status, loc *time.Location) {
	fmt.Fprintln(w, broadcast.Summary(st, 0))
	if len(st.Groups) == 0 {
		return
	}
	fmt.Fprintln(w)
	tw := newTable(w)
	// With several accounts each group names the one that sends to it.
	accounts := st.SeveralAccounts()
	head := strings.Split(txtBcGroupHead, "\t")
	if accounts {
		head = slices.Insert(head, 2, txtBcAccountCol)
	}
	tw.row(head...)
	for _, g := range st.Groups {
		cells := []string{g.Group, g.Organization, broadcast.StateName(g.State), broadcast.TimeText(g.DeliveredAt, loc), chat.ReasonText(g.Reason)}
		if accounts {
			cells = slices.Insert(cells, 2, cmp.Or(g.Account, txtNoAccount))
		}
		tw.row(cells...)
	}
	tw.flush()
	fmt.Fprintln(w)
	head = strings.Split(txtBcOrgHead, "\t")
	for _, r := range st.Roles {
		head = append(head, fmt.Sprintf(txtBcRoleCol, r.Name))
	}
	tw.row(head...)
	for _, o := range st.Orgs {
		cells := []string{o.Organization, broadcast.TimeText(o.DeliveredAt, loc), broadcast.TimeText(o.FirstSignup, loc)}
		for _, r := range o.Roles {
			cells = append(cells, fmt.Sprintf("%d/%d", r.Confirmed, r.Waitlisted))
		}
		tw.row(cells...)
	}
	tw.flush()
}

// readTextFile reads a UTF-8 text file (a BOM is dropped). Another
// encoding — GBK is what Chinese Windows saves by default — is named as the
// problem rather than sent garbled to every group.
func readTextFile(path string) (string, error) {
	data, err := inputfile.ReadFile(path, maxBodyBytes)
	if err != nil {
		return "", err
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(data) {
		return "", fmt.Errorf("%s 不是 UTF-8 编码（可能是 GBK）：请另存为 UTF-8 后再试", path)
	}
	return string(data), nil
}
