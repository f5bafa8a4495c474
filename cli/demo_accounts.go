package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"mobilize/bot"
	"mobilize/bot/wxfake"
	"mobilize/broadcast"
	"mobilize/chat"
	"mobilize/config"
	"mobilize/handlers"
	"mobilize/models"
)

// The accounts demo's sizes: issue 19's "done when" — 300 groups, each with
// two of the accounts in it, and the second account cut off (1102) after
// it has sent demoCutAfter messages.
const (
	demoAccountGroups = 300
	demoCutAfter      = 20
	demoMaxAccounts   = 5
	demoCutAccount    = 1 // index of the account cut off: 值班号2
)

// demoAccountName names the demo's account i (0-based): 值班号1, 值班号2…
func demoAccountName(i int) string { return fmt.Sprintf("值班号%d", i+1) }

// demoAccountGap is account i's gap between two groups: each account its
// own pace (20 ms, 30 ms, 40 ms…), so the transcript can show each kept
// its own.
func demoAccountGap(i int) time.Duration { return time.Duration(20+10*i) * time.Millisecond }

// demoAccountGroup names the demo's group i.
func demoAccountGroup(i int) string { return fmt.Sprintf("第%03d社会组织志愿群", i+1) }

// demoAccountsConfig gives cfg n accounts, each with its own session file
// in tmp and its own pacing (demoAccountGap).
func demoAccountsConfig(cfg *config.Config, tmp string, n int) {
	cfg.Send.SameChatGap = config.Duration(10 * time.Millisecond)
	cfg.AccountSettings = nil
	for i := range n {
		gap := config.Duration(demoAccountGap(i))
		cfg.AccountSettings = append(cfg.AccountSettings, config.AccountSetting{Name: demoAccountName(i),
			SessionFile: filepath.Join(tmp, fmt.Sprintf("session-%d.json", i+1)),
			Send:        config.SendOverride{MinGap: &gap, MaxGap: &gap}})
	}
}

// accountsDemo is `mobilize demo --accounts N`: N accounts of the real
// bot in one process, each a real openwechat client against its own fake
// account in one simulated world, sharing 300 groups; one broadcast to all
// of them; the second account cut off with 1102 mid-way. What it prints is
// counted from what the simulator received, not assumed.
type accountsDemo struct {
	e     *Env
	cfg   config.Config
	tmp   string
	store *models.Store
	world *wxfake.World
	names []string

	mu sync.Mutex
	// cut: the cut-off account's QR codes are no longer scanned;
	// cutShown: that was said.
	cut, cutShown bool
}

// runAccountsDemo plays the accounts demo on store (opened with cfg's
// accounts), with its files in tmp.
func runAccountsDemo(ctx context.Context, e *Env, cfg config.Config, store *models.Store, tmp string) error {
	d := &accountsDemo{e: e, cfg: cfg, tmp: tmp, store: store, names: cfg.AccountNames()}
	camp, err := d.setUp(ctx)
	if err != nil {
		return err
	}
	defer d.world.Close()
	rctx, stop := context.WithCancel(ctx)
	defer stop()
	var wg sync.WaitGroup
	d.startRunners(rctx, &wg)
	err = d.play(ctx, camp)
	if err == nil {
		err = d.status(ctx)
	}
	stop()
	wg.Wait()
	return err
}

// setUp builds the world — every group has two neighbouring accounts in
// it — and the organizations and campaign to broadcast.
func (d *accountsDemo) setUp(ctx context.Context) (models.Campaign, error) {
	n := len(d.names)
	d.world = wxfake.NewWorld(wxfake.WithSyncHold(100*time.Millisecond), wxfake.WithLoginPollHold(50*time.Millisecond),
		wxfake.WithFriends(wxfake.Friend{NickName: "李科长", RemarkName: demoAdmin}))
	for i, name := range d.names {
		// The account to cut off is scanned once, by hand (below): after
		// 1102 its new QR codes stay unscanned, and it stays off.
		srv := d.world.Account(name, wxfake.WithAutoConfirm(i != demoCutAccount))
		if i == demoCutAccount {
			srv.ConfirmScan()
		}
	}
	orgs := make([]models.OrgRow, demoAccountGroups)
	for i := range demoAccountGroups {
		g := demoAccountGroup(i)
		d.world.AddGroup(wxfake.Group{NickName: g, Saved: true, Members: []wxfake.Member{{NickName: "张三"}}},
			d.names[i%n], d.names[(i+1)%n])
		orgs[i] = models.OrgRow{Name: fmt.Sprintf("第%03d社会组织", i+1), Kind: "社会团体", Group: g}
	}
	d.world.Start()
	if _, _, err := d.store.ImportOrgs(ctx, orgs); err != nil {
		return models.Campaign{}, err
	}
	roles, err := parseRoles(nil, d.cfg.Roles)
	if err != nil {
		return models.Campaign{}, err
	}
	return d.store.CreateCampaign(ctx, models.NewCampaign{Title: "抗疫志愿服务倡议（多账号演示）", Body: demoBody,
		CreatedBy: "demo", Roles: roles})
}

// startRunners starts one bot.Runner per account in this process, as
// `mobilize run` does with several accounts: one outbox, one handler, each
// runner its own client, session, sender, pace and lease.
func (d *accountsDemo) startRunners(ctx context.Context, wg *sync.WaitGroup) {
	log := d.e.logger(d.cfg, slog.LevelError)
	outbox := chat.NewOutbox(d.store, d.cfg.Send.MergeWindow.D(), log)
	router := handlers.New(handlers.Deps{Store: d.store, Config: d.cfg, Reply: outbox, Queue: outbox, Log: log, Now: d.store.Now})
	for i, srv := range d.world.Accounts() {
		name := d.names[i]
		r := bot.NewRunner(bot.RunnerConfig{
			Config: d.cfg, Account: name, Store: d.store, Handler: router, Outbox: outbox, Log: log, Now: d.store.Now,
			HTTPTransport: srv.Transport(), OnQR: func(string) { d.noteQR(name) },
			Sender: chat.SenderConfig{Poll: 100 * time.Millisecond, RetryDelay: 20 * time.Millisecond},
			Beat:   100 * time.Millisecond, LoginRetry: 50 * time.Millisecond,
		})
		wg.Go(func() { _ = r.Run(ctx) })
	}
}

// noteQR prints an account's QR code being scanned, or, once the account
// is cut off, left unscanned (said once).
func (d *accountsDemo) noteQR(name string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	switch {
	case !d.cut || name != d.names[demoCutAccount]:
		fmt.Fprintf(d.e.Stdout, "【模拟器】%s 显示登录二维码，模拟手机扫码并确认\n", name)
	case !d.cutShown:
		fmt.Fprintf(d.e.Stdout, "【模拟器】%s 再次显示登录二维码，无人扫码：它保持离线\n", name)
		d.cutShown = true
	}
}

// play waits for every account to serve its groups, queues the broadcast,
// cuts the second account off mid-way, waits for the outbox to drain and
// prints what the simulator received.
func (d *accountsDemo) play(ctx context.Context, camp models.Campaign) error {
	if err := d.waitServing(ctx); err != nil {
		return err
	}
	fmt.Fprintf(d.e.Stdout, "\n民政局：mobilize broadcast --campaign %d --to all --yes\n", camp.ID)
	b := broadcast.New(d.store, d.cfg)
	plan, err := b.Plan(ctx, broadcast.Draft{CampaignID: camp.ID, Targets: []string{"all"}, By: "demo"})
	if err != nil {
		return userFacing(err)
	}
	if _, err := b.Queue(ctx, plan, nil); err != nil {
		return userFacing(err)
	}
	if trail, err := d.store.AuditTrail(ctx, broadcast.AuditQueue); err == nil && len(trail) > 0 {
		fmt.Fprintf(d.e.Stdout, "    审计记录：%s\n", trail[len(trail)-1].Detail)
	}
	if err := d.cutOff(); err != nil {
		return err
	}
	if err := d.drain(ctx); err != nil {
		return err
	}
	return d.report(ctx)
}

// waitServing waits until every account is logged in and serves its
// groups (each account is in two groups of every n).
func (d *accountsDemo) waitServing(ctx context.Context) error {
	want := demoAccountGroups * 2 / len(d.names)
	for range 1500 {
		served, err := d.store.ServedCount(ctx)
		if err != nil {
			return err
		}
		ready := true
		for _, name := range d.names {
			ready = ready && served[name] >= want
		}
		if ready {
			fmt.Fprintf(d.e.Stdout, "【模拟器】%d 个账号均已登录；%d 个群，每个群中有其中 2 个账号（每个账号在 %d 个群中）\n",
				len(d.names), demoAccountGroups, want)
			return nil
		}
		if !sleepCtx(ctx, 20*time.Millisecond) {
			return ctx.Err()
		}
	}
	return errors.New("演示卡住：账号登录或记录所在的群超时")
}

// cutOff ends the second account's session with 1102 (an invalid cookie,
// often a block) once it has sent demoCutAfter messages, and keeps it
// from logging in again.
func (d *accountsDemo) cutOff() error {
	srv := d.world.Accounts()[demoCutAccount]
	if _, err := srv.WaitSent(demoCutAfter, time.Minute); err != nil {
		return fmt.Errorf("演示卡住：%s 未开始发送：%w", d.names[demoCutAccount], err)
	}
	d.mu.Lock()
	d.cut = true
	d.mu.Unlock()
	srv.SetPushLogin(false)
	if !srv.EndSession("1102") {
		return fmt.Errorf("演示卡住：%s 没有会话可结束", d.names[demoCutAccount])
	}
	fmt.Fprintf(d.e.Stdout, "【模拟器】%s 发出 %d 条后被微信踢下线（1102，会话被拒绝）\n", d.names[demoCutAccount], len(srv.Sent()))
	return nil
}

// drain waits until nothing is left to send but what waits for the
// cut-off account (private chats are never moved).
func (d *accountsDemo) drain(ctx context.Context) error {
	cut := d.names[demoCutAccount]
	for range 6000 {
		left := int64(0)
		for _, name := range d.names {
			if name == cut {
				continue
			}
			c, err := d.store.CountAccountOutbox(ctx, name, time.Time{})
			if err != nil {
				return err
			}
			left += c.Pending + c.Sending
		}
		groups, err := d.pendingGroupRows(ctx, cut)
		if err != nil {
			return err
		}
		if left+groups == 0 {
			return nil
		}
		if !sleepCtx(ctx, 50*time.Millisecond) {
			return ctx.Err()
		}
	}
	return errors.New("演示卡住：发件箱未在 5 分钟内发完")
}

// pendingGroupRows counts the broadcast rows still waiting for account:
// the cut-off account's shared groups' rows must all move.
func (d *accountsDemo) pendingGroupRows(ctx context.Context, account string) (int64, error) {
	rows, err := d.store.OutboxRows(ctx, models.OutboxPending)
	var n int64
	for _, r := range rows {
		if r.Account == account && r.IsGroup {
			n++
		}
	}
	return n, err
}

// status prints `mobilize status` while the accounts still run: one block
// per account, in Chinese.
func (d *accountsDemo) status(ctx context.Context) error {
	path := filepath.Join(d.tmp, "accounts.yaml")
	var b strings.Builder
	b.WriteString("accounts:\n")
	for _, a := range d.cfg.AccountSettings {
		fmt.Fprintf(&b, "  - name: %s\n    session_file: %q\n", a.Name, a.SessionFile)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		return err
	}
	fmt.Fprintln(d.e.Stdout, "\n民政局：mobilize status")
	e := *d.e
	e.overrides.ConfigFile, e.overrides.Database = path, d.cfg.Database
	return runStatus(ctx, &e, nil)
}
