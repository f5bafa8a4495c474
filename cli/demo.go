package cli

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"mobilize/bot"
	"mobilize/bot/wxfake"
	"mobilize/chat"
	"mobilize/config"
	"mobilize/handlers"
	"mobilize/models"
)

// demoStep is one line of the scripted morning: a member's message, or
// WeChat delivering the previous message a second time.
type demoStep struct {
	group, member, text string
	duplicate           bool
	note                string
}

// demoGroups are three organizations' groups; the third is not saved to
// 通讯录, so the bot discovers it when it first speaks.
var demoGroups = []wxfake.Group{
	{NickName: "广安市营养学会志愿群", Saved: true, Members: []wxfake.Member{
		{NickName: "张三", DisplayName: "张三-营养学会"}, {NickName: "赵六"}, {NickName: "钱七"}}},
	{NickName: "邻水县蓝天应急救援队群", Saved: true, Members: []wxfake.Member{
		{NickName: "李四"}, {NickName: "孙八", DisplayName: "孙八-蓝天救援"}, {NickName: "周九"}}},
	{NickName: "广安市慈善会工作群", Members: []wxfake.Member{{NickName: "王五"}, {NickName: "陈会长"}}},
}

const (
	demoA, demoB, demoC = "广安市营养学会志愿群", "邻水县蓝天应急救援队群", "广安市慈善会工作群"
	demoAdmin           = "民政局-李科长"
)

var demoScript = []demoStep{
	{group: demoA, member: "张三", text: "报名 先锋 张三 13800138000"},
	{group: demoB, member: "李四", text: "报名先锋李四13900139000"},
	{group: demoC, member: "王五", text: "#报名：储备志愿者，王五，139 0013 9001", note: "（此群未保存到通讯录，第一次发言时被发现）"},
	{group: demoA, member: "赵六", text: "报名 先锋 赵六", note: "（缺手机号）"},
	{group: demoB, member: "孙八", text: "报名 先锋 孙八 13700137000", note: "（先锋名额 3 个，至此报满）"},
	{duplicate: true, note: "（微信把上一条消息以相同 MsgId 再投递一次）"},
	{group: demoA, member: "钱七", text: "#接龙 抗疫志愿者报名\n1. 张三 先锋 13800138000\n2. 钱七 先锋 13600136000\n3. 周九 储备 13500135000",
		note: "（接龙，多行，换行以 <br/> 到达）"},
	{group: demoB, member: "李四", text: "取消报名 13900139000", note: "（取消后候补第一位递补）"},
	{group: demoA, member: "张三", text: "打卡 4小时 核酸检测 服务200人次"},
	{group: demoC, member: "陈会长", text: "捐赠 N95口罩 20000个"},
}

// runDemo plays a scripted morning against the built-in WeChat simulator:
// the real bot and the real openwechat client, with the transport swapped
// for the simulator's, on a temporary database unless --db is given. It
// prints the transcript both ways and the masked roster.
func runDemo(ctx context.Context, e *Env, args []string) error {
	// --db is taken after the command too (mobilize demo --db x.db), as
	// people type it: the demo has no other flag it could be confused with.
	var db string
	var accounts int
	if _, err := subcommand(e, "demo", "[--db 空的数据库文件] [--accounts N]", args, func(fs *flag.FlagSet) {
		fs.StringVar(&db, "db", "", "在这个空数据库上演示并保留它（默认用临时数据库，演示后删除）")
		fs.IntVar(&accounts, "accounts", 1, fmt.Sprintf("用 N 个账号（2–%d）分担 300 个群，一次群发，其中一个账号中途被踢下线", demoMaxAccounts))
	}); err != nil {
		return err
	}
	if accounts < 1 || accounts > demoMaxAccounts {
		return fmt.Errorf("--accounts：应在 1 到 %d 之间", demoMaxAccounts)
	}
	if db != "" {
		e.overrides.Database = db
	}
	cfg, err := e.config()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "mobilize-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	demoConfig(&cfg, tmp, e.overrides.Database == "")
	if accounts > 1 {
		demoAccountsConfig(&cfg, tmp, accounts) // demo_accounts.go
	}
	store, err := models.Open(cfg.Database, nil, models.WithZone(cfg.Location), models.WithAccounts(cfg.AccountNames()))
	if err != nil {
		return openError(cfg.Database, err)
	}
	defer store.Close()
	store.Now = func() time.Time { return time.Now().In(cfg.Location) }
	if err := refuseUsedDatabase(ctx, store, e.overrides.Database); err != nil {
		return err
	}
	if accounts > 1 {
		return runAccountsDemo(ctx, e, cfg, store, tmp)
	}
	camp, err := demoCampaign(ctx, store, cfg)
	if err != nil {
		return err
	}
	srv := wxfake.New(wxfake.WithSelf("广安市民政局动员助手"), wxfake.WithGroups(demoGroups...),
		wxfake.WithFriends(wxfake.Friend{NickName: "李科长", RemarkName: demoAdmin}),
		wxfake.WithSyncHold(100*time.Millisecond), wxfake.WithLoginPollHold(50*time.Millisecond))
	srv.Start()
	defer srv.Close()

	d := &demo{e: e, srv: srv, store: store, cfg: cfg, handled: map[string]int{}, changed: make(chan struct{})}
	log := e.logger(cfg, slog.LevelWarn)
	outbox := chat.NewOutbox(store, cfg.Send.MergeWindow.D(), log)
	router := handlers.New(handlers.Deps{Store: store, Config: cfg, Reply: outbox, Queue: outbox, Log: log, Now: store.Now})
	runner := bot.NewRunner(bot.RunnerConfig{
		Config: cfg, Store: store, Handler: router, Outbox: outbox, Log: log, Now: store.Now,
		HTTPTransport: srv.Transport(), Handled: d.noteHandled,
		OnQR: func(string) {
			fmt.Fprintln(e.Stdout, "【模拟器】显示登录二维码，模拟手机扫码并确认")
		},
		Sender: chat.SenderConfig{Poll: 100 * time.Millisecond},
	})
	rctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); _ = runner.Run(rctx) }()
	err = d.play(ctx, camp)
	if err == nil {
		err = d.progress(ctx)
	}
	if err == nil {
		err = d.eveningTally(ctx, cfg, outbox, camp)
	}
	stop()
	<-done
	if err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout)
	e.overrides.Database = cfg.Database
	return runRoster(ctx, e, []string{"--campaign", strconv.Itoa(int(camp.ID))})
}

// demoConfig paces the demo in milliseconds and keeps its files in tmp.
func demoConfig(cfg *config.Config, tmp string, tempDB bool) {
	if tempDB {
		cfg.Database = filepath.Join(tmp, "demo.db")
	}
	cfg.Bot.SessionFile = filepath.Join(tmp, "session.json")
	cfg.Admins = []string{demoAdmin}
	cfg.Send.MinGap = config.Duration(50 * time.Millisecond)
	cfg.Send.MaxGap = config.Duration(150 * time.Millisecond)
	cfg.Send.SameChatGap = config.Duration(50 * time.Millisecond)
	cfg.Send.MergeWindow = config.Duration(0)
	cfg.Intake.RatePerMinute = 1000
}

// demoOrgs binds two of the groups to their organizations, as `orgs import`
// would; the third group stays unbound, as a group nobody imported yet.
var demoOrgs = []models.OrgRow{
	{Name: "广安市营养学会", Kind: "学会", Group: demoA},
	{Name: "邻水县蓝天应急救援队", Kind: "社会服务机构", Group: demoB},
}

// demoCampaign binds the demo organizations and opens the campaign with a
// small pioneer quota, so it fills.
func demoCampaign(ctx context.Context, store *models.Store, cfg config.Config) (models.Campaign, error) {
	if _, _, err := store.ImportOrgs(ctx, demoOrgs); err != nil {
		return models.Campaign{}, err
	}
	roles, err := parseRoles(nil, cfg.Roles)
	if err != nil {
		return models.Campaign{}, err
	}
	for i := range roles {
		if roles[i].Code == "pioneer" {
			roles[i].Quota = 3
		}
	}
	return store.CreateCampaign(ctx, models.NewCampaign{Title: "广安市抗疫志愿服务倡议（演示）", Body: demoBody,
		CreatedBy: "demo", Roles: roles})
}

// demo plays the script and prints the transcript.
type demo struct {
	e     *Env
	cfg   config.Config
	srv   *wxfake.Server
	store *models.Store
	shown int // messages of srv.Sent() already printed

	mu      sync.Mutex
	handled map[string]int
	changed chan struct{}
}

func (d *demo) noteHandled(m chat.Message, _ error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.handled[m.ID]++
	close(d.changed)
	d.changed = make(chan struct{})
}

func (d *demo) play(ctx context.Context, camp models.Campaign) error {
	if err := d.waitOnline(ctx); err != nil {
		return err
	}
	fmt.Fprintf(d.e.Stdout, "倡议 %d：%s（志愿先锋 3 个名额）\n\n", camp.ID, camp.Title)
	if err := d.initiative(ctx, camp); err != nil {
		return err
	}
	var last string
	for _, st := range demoScript {
		id, times := last, 2
		if st.duplicate {
			fmt.Fprintf(d.e.Stdout, "%s\n", st.note)
			d.srv.Duplicate(last)
		} else {
			line := fmt.Sprintf("%s → %s：%s  %s", st.member, st.group, indent(st.text), st.note)
			fmt.Fprintln(d.e.Stdout, strings.TrimSpace(line))
			id, times = d.srv.SendGroupText(st.group, st.member, st.text), 1
		}
		before := d.shown
		if err := d.settle(ctx, id, times); err != nil {
			return err
		}
		if st.duplicate && d.shown == before {
			fmt.Fprintln(d.e.Stdout, "    （同一 MsgId 只处理一次，机器人没有重复回复）")
		}
		last = id
	}
	return nil
}

// settle waits until message id was handled times times and the outbox
// is empty, then prints what the bot sent meanwhile.
func (d *demo) settle(ctx context.Context, id string, times int) error {
	deadline := time.After(15 * time.Second)
	for {
		d.mu.Lock()
		n, ch := d.handled[id], d.changed
		d.mu.Unlock()
		if n >= times {
			break
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		case <-deadline:
			return fmt.Errorf("演示卡住：消息 %s 未被处理", id)
		}
	}
	return d.flush(ctx)
}

// flush waits until the outbox is empty, then prints what the bot sent
// since the last flush.
func (d *demo) flush(ctx context.Context) error {
	for {
		c, err := d.store.CountOutbox(ctx, time.Time{})
		if err != nil {
			return err
		}
		if c.Pending+c.Sending == 0 {
			sent := d.srv.Sent()
			if int64(len(sent)) >= c.Sent {
				for _, m := range sent[d.shown:] {
					fmt.Fprintf(d.e.Stdout, "    动员助手 → %s：%s\n", cmp.Or(m.ToNickName, m.ToRemarkName), indent(m.Content))
				}
				d.shown = len(sent)
				return nil
			}
		}
		if !sleepCtx(ctx, 20*time.Millisecond) {
			return ctx.Err()
		}
	}
}

func (d *demo) waitOnline(ctx context.Context) error {
	for range 500 {
		if st, err := d.store.LoadBotState(ctx); err == nil && st.Online {
			fmt.Fprintf(d.e.Stdout, "【模拟器】已登录：%s，%d 个群在通讯录\n", st.Account, st.Groups)
			return nil
		} else if err != nil && !errors.Is(err, models.ErrNotFound) {
			return err
		}
		if !sleepCtx(ctx, 20*time.Millisecond) {
			return ctx.Err()
		}
	}
	return errors.New("演示卡住：模拟器登录超时")
}

func indent(s string) string { return strings.ReplaceAll(s, "\n", "\n        ") }

func sleepCtx(ctx context.Context, d time.Duration) bool {
	select {
	case <-ctx.Done():
		return false
	case <-time.After(d):
		return true
	}
}

// refuseUsedDatabase keeps the demo off a real database: the demo runs the
// whole bot, sender included, and would deliver that database's queued
// messages to the simulator (where they would count as sent), overwrite the
// bot's state and leave a demo campaign open. Only a new database, with no
// row in any table, may be named with --db; a running bot's database always
// holds its heartbeat, so the demo never shares one with a bot.
func refuseUsedDatabase(ctx context.Context, store *models.Store, named string) error {
	if named == "" {
		return nil
	}
	empty, err := store.IsEmpty(ctx)
	if err != nil {
		return err
	}
	if !empty {
		return fmt.Errorf("--db %s 已有数据：演示只能用新数据库（不加 --db 时使用临时数据库）", named)
	}
	return nil
}
