//go:build unix

package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"mobilize/bot/wxfake"
	"mobilize/internal/pgtest"
	"mobilize/internal/syncbuf"
	"mobilize/models"
)

// The deployment: two WeChat accounts whose groups overlap, on two hosts.
const (
	deployA     = "甲号"
	deployB     = "乙号"
	deployTitle = "抗疫志愿者招募令"
	deployQuota = 6
)

// deployGroups are the six organizations' groups: two only 甲号 is in,
// two only 乙号, two both.
var deployGroups = []struct {
	name     string
	accounts []string
}{
	{"城南社区志愿群", []string{deployA}}, {"城北商会群", []string{deployA}},
	{"蓝天救援群", []string{deployB}}, {"营养学会群", []string{deployB}},
	{"慈善总会群", []string{deployA, deployB}}, {"青年协会群", []string{deployA, deployB}},
}

// TestDeploymentEndToEndOnPostgres runs a bureau's deployment as it is
// installed: the real binary, built here, as separate processes on one
// PostgreSQL database — `mobilize run --account 甲号` and `--account 乙号`
// (each with its scheduler and its own web port), and two `mobilize web`
// processes on two more ports, as if behind one address — the bots logged
// in to the WeChat simulator (MOBILIZE_WECHAT_SIMULATOR), whose groups the
// two accounts partly share. A broadcast goes out; 甲号's process is
// killed with kill -9 mid-send and started again; 8 people sign up on the
// web (each form fetched from one web process and submitted to the other)
// while it is down, and 12 in the groups through both bots, for a role of
// 6 places. Then: exactly 6 confirmed and 14 waiting in one queue, every
// group got the initiative exactly once (the simulator's record), every
// chat sign-up answered in its group, and roster and report agree.
func TestDeploymentEndToEndOnPostgres(t *testing.T) {
	if pgtest.URL() == "" {
		t.Skip(pgtest.Env + " is not set (.ci/run sets it)")
	}
	dir := t.TempDir()
	d := &deployment{t: t, dir: dir, db: pgtest.Schema(t), bin: buildMobilize(t, dir)}
	d.startWorld()
	d.cli("orgs", "import", d.writeOrgs())
	runA := d.start("run 甲号", "web-a", "run", "--account", deployA)
	runB := d.start("run 乙号", "web-b", "run", "--account", deployB)
	web1 := d.start("web 1", "web-1", "web")
	web2 := d.start("web 2", "web-2", "web")
	d.all = []*child{runA, runB, web1, web2}
	d.waitServed()

	d.relays[deployA].holdSend(1)
	d.cli("broadcast", "--title", deployTitle, "--body-file", d.write("body.md", "各位志愿者：疫情防控需要你，请在群里报名。"), "--to", "all", "--yes")
	select {
	case <-d.relays[deployA].held:
	case <-time.After(60 * time.Second):
		t.Fatalf("甲号 sent nothing of the broadcast:\n%s", runA.out)
	}
	runA.kill9(t)
	webDone := d.webSignUps(web1, web2, 8)
	runA = d.start("run 甲号 again", "web-a", "run", "--account", deployA)
	d.all[0] = runA
	<-webDone
	d.waitServed()
	members := d.chatSignUps()
	d.waitRegistrations(8 + len(members))
	d.waitOutboxDrained()

	d.checkKilledRow()
	d.checkQuota(8 + len(members))
	d.checkBroadcastOnce()
	d.checkAnswered(members)
	for _, c := range d.all {
		c.stop(t)
	}
}

// deployment is the test's running installation.
type deployment struct {
	t      *testing.T
	dir    string
	db     string
	bin    string
	world  *wxfake.World
	relays map[string]*wechatRelay
	ports  map[string]string // config name → web.listen
	all    []*child
}

// startWorld starts the simulator's two accounts and their relays.
func (d *deployment) startWorld() {
	d.world = wxfake.NewWorld(wxfake.WithSyncHold(200*time.Millisecond), wxfake.WithLoginPollHold(50*time.Millisecond))
	a, b := d.world.Account(deployA), d.world.Account(deployB)
	for _, g := range deployGroups {
		var members []wxfake.Member
		for i := range 2 {
			members = append(members, wxfake.Member{NickName: fmt.Sprintf("%s成员%d", string([]rune(g.name)[:2]), i+1)})
		}
		d.world.AddGroup(wxfake.Group{NickName: g.name, Saved: true, Members: members}, g.accounts...)
	}
	d.world.Start()
	d.t.Cleanup(d.world.Close)
	d.relays = map[string]*wechatRelay{deployA: newWechatRelay(d.t, a.Transport()), deployB: newWechatRelay(d.t, b.Transport())}
}

// write writes a file in the test's directory and returns its path.
func (d *deployment) write(name, text string) string {
	d.t.Helper()
	p := filepath.Join(d.dir, name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		d.t.Fatal(err)
	}
	return p
}

// writeOrgs writes the organizations' import file.
func (d *deployment) writeOrgs() string {
	var b strings.Builder
	b.WriteString("组织名称,类型,群名称\n")
	for _, g := range deployGroups {
		fmt.Fprintf(&b, "%s组织,协会,%s\n", strings.TrimSuffix(g.name, "群"), g.name)
	}
	return d.write("orgs.csv", b.String())
}

// config writes the configuration of one process (name): everything the
// same but its web.listen. The sign-up links name the first web process.
func (d *deployment) config(name string) string {
	d.t.Helper()
	if d.ports == nil {
		d.ports = map[string]string{}
		for _, n := range []string{"web-1", "web-2", "web-a", "web-b", "cli"} {
			d.ports[n] = freeAddr(d.t)
		}
	}
	p := filepath.Join(d.dir, name+".yaml")
	if _, err := os.Stat(p); err == nil {
		return p
	}
	return d.write(name+".yaml", fmt.Sprintf(`database: %q
timezone: Asia/Shanghai
roles:
  - {code: pioneer, name: 志愿先锋, aliases: [先锋], quota: %d, phone_required: true}
  - {code: reserve, name: 储备志愿者, aliases: [储备], quota: 100, phone_required: true}
accounts:
  - {name: %s, session_file: %q}
  - {name: %s, session_file: %q}
send: {min_gap: 1s, max_gap: 1s, same_chat_gap: 1s, merge_window: 500ms}
schedules: {daily_tally: "0 20 * * *", deadline_reminder: "off", chase_silent: "off", summary_to_groups: "off"}
web: {listen: %q, public_url: "http://%s", rate_per_minute: 100}
log: {level: info}
`, d.db, deployQuota, deployA, filepath.Join(d.dir, "a.json"), deployB, filepath.Join(d.dir, "b.json"),
		d.ports[name], d.ports["web-1"]))
}

// start starts a long-running mobilize process with config name; a run
// reaches WeChat through its account's relay.
func (d *deployment) start(label, config string, args ...string) *child {
	d.t.Helper()
	var env []string
	if args[0] == "run" {
		env = append(env, simulatorEnv+"="+d.relays[args[2]].addr())
	}
	c := startChild(d.t, label, d.bin, env, append([]string{"--config", d.config(config)}, args...)...)
	if args[0] == "web" {
		waitFor(d.t, 30*time.Second, label+" listening", func() bool {
			resp, err := http.Get("http://" + d.ports[config] + "/")
			if err == nil {
				resp.Body.Close()
			}
			return err == nil
		}, c)
	}
	return c
}

// cli runs a one-off command (its own process) and returns its stdout.
func (d *deployment) cli(args ...string) string {
	d.t.Helper()
	cmd := exec.Command(d.bin, append([]string{"--config", d.config("cli")}, args...)...)
	var errb syncbuf.Buffer
	cmd.Stderr = &errb
	out, err := cmd.Output()
	if err != nil {
		d.t.Fatalf("mobilize %s: %v\n%s%s", strings.Join(args, " "), err, out, errb.String())
	}
	return string(out)
}

// store opens the database as the test's own reader.
func (d *deployment) store() *models.Store {
	d.t.Helper()
	st, err := models.OpenExisting(d.db, nil)
	if err != nil {
		d.t.Fatal(err)
	}
	d.t.Cleanup(func() { st.Close() })
	return st
}

// waitServed waits until both bots are logged in and have recorded the
// groups they serve.
func (d *deployment) waitServed() {
	st := d.store()
	want := map[string]int{}
	for _, g := range deployGroups {
		for _, a := range g.accounts {
			want[a]++
		}
	}
	waitFor(d.t, 60*time.Second, "both accounts serving their groups", func() bool {
		n, err := st.ServedCount(context.Background())
		return err == nil && n[deployA] == want[deployA] && n[deployB] == want[deployB]
	}, d.all...)
}

// deployNames are people's names for the form and the chats.
var deployNames = []string{"赵一", "钱二", "孙三", "李四", "周舟", "吴六", "郑七", "王八", "冯九", "陈十",
	"褚明", "卫东", "蒋华", "沈强", "韩梅", "杨帆", "朱丽", "秦岭", "尤佳", "许诺"}

// webSignUps signs n people up through the web, concurrently, each form
// fetched from one web process and submitted to the other, and closes the
// channel when all are recorded (303 to the personal page).
func (d *deployment) webSignUps(web1, web2 *child, n int) <-chan struct{} {
	out := d.cli("links")
	m := regexp.MustCompile(`/s/[A-Za-z0-9_-]+`).FindAllString(out, -1)
	if len(m) == 0 {
		d.t.Fatalf("mobilize links printed no sign-up link:\n%s", out)
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		from, to := d.ports["web-1"], d.ports["web-2"]
		if i%2 == 1 {
			from, to = to, from
		}
		wg.Go(func() {
			if err := webSignUp(from, to, m[i%len(m)], deployNames[i], fmt.Sprintf("1380000%04d", i)); err != nil {
				d.t.Errorf("web sign-up %d: %v\n--- web 1\n%s\n--- web 2\n%s", i, err, web1.out, web2.out)
			}
		})
	}
	go func() { wg.Wait(); close(done) }()
	return done
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// webSignUp fetches the sign-up form from one web process and submits it
// to the other, as a load balancer behind one address may.
func webSignUp(from, to, path, name, phone string) error {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get("http://" + from + path)
	if err != nil {
		return err
	}
	page, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	tok := csrfField.FindSubmatch(page)
	if err != nil || resp.StatusCode != http.StatusOK || tok == nil {
		return fmt.Errorf("GET %s: %d %v", path, resp.StatusCode, err)
	}
	resp, err = c.PostForm("http://"+to+path, url.Values{"csrf": {string(tok[1])}, "name": {name}, "phone": {phone}, "role": {"pioneer"}})
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return fmt.Errorf("POST %s: %d", path, resp.StatusCode)
	}
	return nil
}

// chatMember is one person who signs up in a group chat.
type chatMember struct{ group, nick, name string }

// chatSignUps has both members of every group sign up, all at once.
func (d *deployment) chatSignUps() []chatMember {
	var ms []chatMember
	for gi, g := range deployGroups {
		for i := range 2 {
			ms = append(ms, chatMember{g.name, fmt.Sprintf("%s成员%d", string([]rune(g.name)[:2]), i+1), deployNames[8+2*gi+i]})
		}
	}
	var wg sync.WaitGroup
	for i, m := range ms {
		wg.Go(func() {
			d.world.SendGroupText(m.group, m.nick, fmt.Sprintf("报名 先锋 %s 1390000%04d", m.name, i))
		})
	}
	wg.Wait()
	return ms
}

// waitRegistrations waits until n people are registered for 志愿先锋.
func (d *deployment) waitRegistrations(n int) {
	st := d.store()
	waitFor(d.t, 60*time.Second, fmt.Sprintf("%d registrations", n), func() bool {
		rc, err := st.RoleCounts(context.Background(), 1)
		return err == nil && len(rc) > 0 && rc[0].Confirmed+rc[0].Waitlisted == n
	}, d.all...)
}

// waitOutboxDrained waits until nothing is left to send.
func (d *deployment) waitOutboxDrained() {
	st := d.store()
	waitFor(d.t, 60*time.Second, "the outbox drained", func() bool {
		c, err := st.CountOutbox(context.Background(), time.Time{})
		return err == nil && c.Pending+c.Sending == 0
	}, d.all...)
}

// checkQuota reads the roster (mobilize roster --json) and the report:
// exactly the quota confirmed, the rest waiting at positions 1..n, and
// the report's count the roster's.
func (d *deployment) checkQuota(total int) {
	t := d.t
	var roster struct {
		Registrations []struct {
			Status   string `json:"status"`
			Position int    `json:"waitlist_position"`
		} `json:"registrations"`
	}
	out := d.cli("roster", "--json")
	if err := json.Unmarshal([]byte(out), &roster); err != nil {
		t.Fatalf("roster --json: %v\n%s", err, out)
	}
	rows := roster.Registrations
	var confirmed int
	var positions []int
	for _, r := range rows {
		switch {
		case r.Position > 0:
			positions = append(positions, r.Position)
		default:
			confirmed++
		}
	}
	slices.Sort(positions)
	if confirmed != deployQuota || len(rows) != total {
		t.Errorf("roster: %d rows, %d confirmed; want %d, %d\n%s", len(rows), confirmed, total, deployQuota, out)
	}
	for i, p := range positions {
		if p != i+1 {
			t.Errorf("waitlist positions %v, want 1..%d", positions, total-deployQuota)
			break
		}
	}
	report := d.cli("report")
	t.Logf("report:\n%s", report)
	for _, want := range []string{fmt.Sprintf("志愿先锋 %d/%d", confirmed, deployQuota), fmt.Sprintf("候补 %d", len(positions))} {
		if !strings.Contains(report, want) {
			t.Errorf("report does not show %q as the roster does:\n%s", want, report)
		}
	}
}

// checkKilledRow requires the one row 甲号's process was sending when it
// was killed to be settled as uncertain by its successor — never resent —
// and every other row sent.
func (d *deployment) checkKilledRow() {
	c, err := d.store().CountOutbox(context.Background(), time.Time{})
	if err != nil {
		d.t.Fatal(err)
	}
	if c.Uncertain != 1 || c.Failed != 0 || c.Sent == 0 {
		d.t.Errorf("outbox after the kill: %+v; want one row uncertain, none failed", c)
	}
}

// checkBroadcastOnce requires every group to have had the initiative
// from exactly one account, exactly once, in the simulator's record.
func (d *deployment) checkBroadcastOnce() {
	got := map[string][]string{}
	for _, m := range d.world.Sent() {
		if m.ToGroup && strings.Contains(m.Content, deployTitle) {
			got[m.ToNickName] = append(got[m.ToNickName], m.Account)
		}
	}
	for _, g := range deployGroups {
		if len(got[g.name]) != 1 {
			d.t.Errorf("%s got the initiative %d times (from %v), want once", g.name, len(got[g.name]), got[g.name])
		}
	}
}

// checkAnswered requires every chat sign-up to be answered in its group,
// naming the person, exactly once across both accounts.
func (d *deployment) checkAnswered(ms []chatMember) {
	for _, m := range ms {
		n := 0
		for _, s := range d.world.Sent() {
			if s.ToGroup && s.ToNickName == m.group && strings.Contains(s.Content, m.name) {
				n++
			}
		}
		if n != 1 {
			d.t.Errorf("%s's sign-up in %s answered %d times, want once", m.name, m.group, n)
		}
	}
}
