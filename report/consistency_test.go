package report_test

// The cross-view consistency property (issue 15): random histories of a
// campaign over several groups and organizations — chat and web sign-ups,
// repeats from other groups, role moves, 改到本群, cancellations by their
// owners, by strangers and by staff, promotions, manual 递补, 接龙,
// targeted broadcasts, the days passing and the campaign closing — and,
// after every step, every view tells the same numbers (see
// consistency_views_test.go). The normal suite runs 150 steps with a fixed
// seed; -truth.steps and -truth.seed run longer or other histories, and
// BenchmarkConsistencyRandomHistories runs a new seed each iteration.

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"mobilize/broadcast"
	"mobilize/chat"
	"mobilize/config"
	"mobilize/handlers"
	"mobilize/models"
	"mobilize/report"
	"mobilize/web"
)

var (
	truthSteps = flag.Int("truth.steps", 150, "steps of the consistency property test's random history")
	truthSeed  = flag.Int64("truth.seed", 1, "seed of the consistency property test's random history")
)

// TestViewsAgreeOverRandomHistories is the property: after every step of
// a random history, every view agrees (checkViews).
func TestViewsAgreeOverRandomHistories(t *testing.T) {
	w := newWorld(t, *truthSeed)
	w.run(*truthSteps)
}

// BenchmarkConsistencyRandomHistories runs a longer random history per
// iteration, each with its own seed: the long run of the property.
func BenchmarkConsistencyRandomHistories(b *testing.B) {
	for i := 0; i < b.N; i++ {
		w := newWorld(b, *truthSeed+int64(i)+1)
		w.run(4 * *truthSteps)
	}
}

// person is someone of the random history: a name, a phone, and the WeChat
// name they send from (the same in every group).
type person struct{ name, phone, sender string }

// world is the campaign under test, the doors onto it (the chat router,
// the web server) and the random history's state.
type world struct {
	t      testing.TB
	ctx    context.Context
	rnd    *rand.Rand
	store  *models.Store
	cfg    config.Config
	camp   models.Campaign
	router *handlers.Router
	ts     *httptest.Server
	links  *web.Links
	admin  *http.Client
	orgs   []models.OrgSummary
	now    time.Time
	people []person
	groups []string
	closed bool
	// days holds each past day's tally as computed when it ended.
	days []report.Tally
	// gained and lost count today's people who took a confirmed place
	// and who gave one up, as the roster changed step by step: the
	// tally's 今日 figures must be these.
	gained, lost int
	// pages are the personal pages web sign-ups were answered with.
	pages []string
	log   []string
}

var (
	truthNames  = strings.Fields("张伟 王芳 李娜 刘洋 陈静 杨帆 赵磊 黄敏 周杰 吴霞 徐涛 孙丽 马超 朱琳 胡军 郭婷 何勇 高洁 林峰 罗敏 郑浩 梁雪 谢东 宋佳")
	truthGroups = []string{"营养学会一群", "营养学会二群", "药学会群", "餐饮商会群", "物流商会群", "路过的群"}
)

func newWorld(tb testing.TB, seed int64) *world {
	tb.Helper()
	cfg, err := config.Load(config.Overrides{}, func(string) string { return "" })
	if err != nil {
		tb.Fatal(err)
	}
	cfg.Admins = []string{"民政局值班员"}
	cfg.Intake.RatePerMinute, cfg.Web.RatePerMinute = 100000, 100000
	store, err := models.Open(filepath.Join(tb.TempDir(), "truth.db"), nil)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { store.Close() })
	w := &world{t: tb, ctx: context.Background(), rnd: rand.New(rand.NewSource(seed)), store: store, cfg: cfg,
		now: time.Date(2026, 11, 20, 8, 0, 0, 0, cfg.Location), groups: truthGroups}
	store.Now = func() time.Time { return w.now }
	w.setUp()
	return w
}

// setUp imports five organizations (one with two groups, one where
// nobody signs up; the last chat group belongs to nobody), opens the campaign, and starts both doors.
func (w *world) setUp() {
	rows := []models.OrgRow{{Name: "广安市营养学会", Kind: "学会", Group: w.groups[0]}, {Name: "广安市营养学会", Kind: "学会", Group: w.groups[1]},
		{Name: "广安市药学会", Kind: "学会", Group: w.groups[2]}, {Name: "广安市餐饮商会", Kind: "商会", Group: w.groups[3]},
		{Name: "广安市物流商会", Kind: "商会", Group: w.groups[4]},
		// Nobody ever signs up from the charity federation: sent to, it
		// stays silent.
		{Name: "广安市慈善总会", Kind: "协会", Group: "慈善总会群"}}
	if _, _, err := w.store.ImportOrgs(w.ctx, rows); err != nil {
		w.t.Fatal(err)
	}
	var err error
	w.camp, err = w.store.CreateCampaign(w.ctx, models.NewCampaign{Title: "抗疫志愿者招募", CreatedBy: "test",
		Body: "各社会组织：请组织会员报名参加社区防疫志愿服务。", Roles: []models.Role{
			{Code: "pioneer", Name: "志愿先锋", Aliases: "先锋", Quota: 4, OrgCap: 2, PhoneRequired: true},
			{Code: "reserve", Name: "储备志愿者", Aliases: "储备", Quota: 6, PhoneRequired: true}}})
	if err != nil {
		w.t.Fatal(err)
	}
	if w.orgs, err = w.store.ListOrgs(w.ctx); err != nil {
		w.t.Fatal(err)
	}
	for i, n := range truthNames {
		w.people = append(w.people, person{name: n, phone: fmt.Sprintf("1390000%04d", i+1), sender: "微信" + n})
	}
	w.router = handlers.New(handlers.Deps{Store: w.store, Config: w.cfg, Reply: discard{}, Now: w.store.Now})
	srv, err := web.New(w.ctx, web.Deps{Store: w.store, Config: w.cfg,
		Announce: func(context.Context, []models.Registration) error { return nil }})
	if err != nil {
		w.t.Fatal(err)
	}
	w.ts, w.links = httptest.NewServer(srv), srv.Links()
	w.t.Cleanup(w.ts.Close)
	w.admin = w.login()
}

// discard is the chat's replier: the replies are not what is checked.
type discard struct{}

func (discard) Send(context.Context, chat.Target, string) error { return nil }

// step is one kind of event of the history; it returns what it did.
type step struct {
	weight int
	do     func() string
	// unchanged: the step must change no registration (a refusal).
	unchanged bool
}

func (w *world) steps() []step {
	return []step{
		{6, w.chatSignUp, false}, {3, w.webSignUp, false}, {3, w.repeatElsewhere, true},
		{3, w.roleMove, false}, {2, w.moveHere, false}, {3, w.ownerCancel, false},
		{1, w.strangerCancel, true}, {1, w.adminCancel, false}, {1, w.promoteByHand, false},
		{2, w.chainList, false}, {1, w.broadcastTo, false}, {2, w.tick, false},
		{2, w.personalChange, false},
	}
}

// run plays n random steps, checking every view after each; the campaign
// closes nine tenths of the way.
func (w *world) run(n int) {
	steps, total := w.steps(), 0
	for _, s := range steps {
		total += s.weight
	}
	for i := 0; i < n; i++ {
		if i == n*9/10 {
			if err := w.store.CloseCampaign(w.ctx, w.camp.ID, models.ActorCLI); err != nil {
				w.t.Fatal(err)
			}
			w.closed = true
			w.note("关闭倡议")
		}
		pick := w.rnd.Intn(total)
		for _, s := range steps {
			if pick -= s.weight; pick < 0 {
				before, held := w.places(), confirmedPeople(w.roster())
				w.note(s.do())
				if s.unchanged && w.places() != before {
					w.fail("a refused step changed registrations:\n%s\n→\n%s", before, w.places())
				}
				w.count(held, confirmedPeople(w.roster()))
				break
			}
		}
		w.checkViews()
	}
	w.checkPastDays()
}

// confirmedPeople is who holds a confirmed place.
func confirmedPeople(regs []models.RegView) map[uint]bool {
	out := map[uint]bool{}
	for _, r := range regs {
		if r.Status == models.StatusConfirmed {
			out[r.VolunteerID] = true
		}
	}
	return out
}

// count adds a step's arrivals and departures of confirmed people: a
// person switching roles or groups is neither.
func (w *world) count(before, after map[uint]bool) {
	for v := range after {
		if !before[v] {
			w.gained++
		}
	}
	for v := range before {
		if !after[v] {
			w.lost++
		}
	}
}

func (w *world) note(s string) {
	w.log = append(w.log, fmt.Sprintf("%d %s %s", len(w.log)+1, w.now.Format("01-02 15:04"), s))
}

// fail stops with the last steps of the history.
func (w *world) fail(format string, a ...any) {
	w.t.Helper()
	from := max(0, len(w.log)-25)
	w.t.Fatalf("seed %d, after:\n%s\n%s", *truthSeed, strings.Join(w.log[from:], "\n"), fmt.Sprintf(format, a...))
}

// say sends one chat message through the router, as WeChat delivers it.
func (w *world) say(group, sender, text string) string {
	w.t.Helper()
	id := fmt.Sprintf("m%d", len(w.log))
	if err := w.router.Handle(w.ctx, chat.Message{ID: id, Group: group, Sender: sender, Text: text, At: w.now}); err != nil {
		w.fail("%s in %s: %v", text, group, err)
	}
	return fmt.Sprintf("%s@%s：%s", sender, group, strings.ReplaceAll(text, "\n", " / "))
}

func (w *world) somebody() person { return w.people[w.rnd.Intn(len(w.people))] }
func (w *world) group() string    { return w.groups[w.rnd.Intn(len(w.groups))] }
func (w *world) roleWord() string { return []string{"先锋", "储备"}[w.rnd.Intn(2)] }

// leader is the team leader of a group, who signs others up.
func leader(group string) string { return "队长" + group }

func (w *world) chatSignUp() string {
	p, g := w.somebody(), w.group()
	sender := p.sender
	if w.rnd.Intn(4) == 0 {
		sender = leader(g)
	}
	return w.say(g, sender, fmt.Sprintf("报名 %s %s %s", w.roleWord(), p.name, p.phone))
}

// webSignUp submits an organization's sign-up form.
func (w *world) webSignUp() string {
	p := w.somebody()
	org := w.orgs[w.rnd.Intn(len(w.orgs))]
	for org.Name == "广安市慈善总会" {
		org = w.orgs[w.rnd.Intn(len(w.orgs))]
	}
	link := w.links.Signup(w.camp.ID, org.ID)
	link = w.ts.URL + link[strings.Index(link, "/s/"):]
	role := []string{"pioneer", "reserve"}[w.rnd.Intn(2)]
	c := newClient()
	page := get(w, c, link)
	resp, err := c.PostForm(link, url.Values{"name": {p.name}, "phone": {p.phone}, "role": {role}, "csrf": {csrfOf(page)}})
	if err != nil {
		w.fail("web sign-up: %v", err)
	}
	readBody(w, resp)
	if u := resp.Request.URL; strings.HasPrefix(u.Path, "/r/") {
		w.pages = append(w.pages, w.ts.URL+u.Path)
	}
	return fmt.Sprintf("网页报名 %s %s %s", org.Name, p.name, role)
}

// personalChange changes role and organization on a personal page, as
// its owner: any page issued, whatever has happened since.
func (w *world) personalChange() string {
	if len(w.pages) == 0 {
		return "（无个人页面）"
	}
	page := w.pages[w.rnd.Intn(len(w.pages))]
	role := []string{"pioneer", "reserve"}[w.rnd.Intn(2)]
	org := w.orgs[w.rnd.Intn(len(w.orgs))]
	c := newClient()
	form := get(w, c, page)
	post(w, c, page+"/change", url.Values{"role": {role}, "org": {fmt.Sprint(org.ID)}, "csrf": {csrfOf(form)}})
	return fmt.Sprintf("个人页面更改 %s → %s %s", page[strings.LastIndex(page, "/")+1:], org.Name, role)
}

// active picks one active registration made in the chat; ok is false
// when there is none.
func (w *world) active(chatOnly bool) (models.RegView, bool) {
	regs := w.roster()
	var live []models.RegView
	for _, r := range regs {
		if r.Status != models.StatusCancelled && (!chatOnly || r.Sender != models.WebSender) {
			live = append(live, r)
		}
	}
	if len(live) == 0 {
		return models.RegView{}, false
	}
	return live[w.rnd.Intn(len(live))], true
}

// otherGroup is a group other than g.
func (w *world) otherGroup(g string) string {
	for {
		if o := w.group(); o != g {
			return o
		}
	}
}

// repeatElsewhere signs a registered person up again from another group:
// it must change nothing (their own sender or anyone's).
func (w *world) repeatElsewhere() string {
	r, ok := w.active(false)
	if !ok || w.closed {
		return "（无可重复的报名）"
	}
	g := w.otherGroup(r.Group.Name)
	sender := []string{r.Sender, "路人", leader(g)}[w.rnd.Intn(3)]
	if sender == models.WebSender {
		sender = "路人"
	}
	return w.say(g, sender, fmt.Sprintf("报名 %s %s %s", w.roleWord(), r.Volunteer.Name, r.Volunteer.Phone))
}

func (w *world) roleMove() string {
	r, ok := w.active(true)
	if !ok {
		return "（无可换岗的报名）"
	}
	word := map[string]string{"pioneer": "储备", "reserve": "先锋"}[r.Role.Code]
	return w.say(r.Group.Name, r.Sender, fmt.Sprintf("报名 %s %s %s", word, r.Volunteer.Name, r.Volunteer.Phone))
}

func (w *world) moveHere() string {
	r, ok := w.active(true)
	if !ok {
		return "（无可改群的报名）"
	}
	text := "改到本群 " + r.Volunteer.Phone
	if w.rnd.Intn(2) == 0 {
		text = "改到本群"
	}
	return w.say(w.otherGroup(r.Group.Name), r.Sender, text)
}

func (w *world) ownerCancel() string {
	r, ok := w.active(true)
	if !ok {
		return "（无可取消的报名）"
	}
	return w.say(r.Group.Name, r.Sender, "取消报名 "+r.Volunteer.Phone)
}

// strangerCancel: someone else in the group types the phone; nothing
// changes.
func (w *world) strangerCancel() string {
	r, ok := w.active(false)
	if !ok {
		return "（无报名）"
	}
	return w.say(r.Group.Name, "路人", "取消报名 "+r.Volunteer.Phone)
}

func (w *world) adminCancel() string {
	r, ok := w.active(false)
	if !ok {
		return "（无报名）"
	}
	_, err := w.store.CancelByAdmin(w.ctx, w.camp.ID, models.Who{Phone: r.Volunteer.Phone, GroupName: r.Group.Name})
	return fmt.Sprintf("管理员取消 %s：%v", r.Volunteer.Name, err)
}

func (w *world) promoteByHand() string {
	role := w.camp.Roles[w.rnd.Intn(len(w.camp.Roles))]
	n := 1 + w.rnd.Intn(2)
	promoted, err := w.store.PromoteByHand(w.ctx, w.camp.ID, role.ID, n, models.ActorCLI)
	return fmt.Sprintf("递补 %s %d：%d 人 %v", role.Name, n, len(promoted), err)
}

func (w *world) chainList() string {
	g := w.group()
	lines := []string{"#接龙 志愿者报名"}
	for i := range 1 + w.rnd.Intn(3) {
		p := w.somebody()
		lines = append(lines, fmt.Sprintf("%d. %s %s %s", i+1, p.name, w.roleWord(), p.phone))
	}
	return w.say(g, leader(g), strings.Join(lines, "\n"))
}

// broadcastTo queues the campaign for a target: a kind, one group, or all.
func (w *world) broadcastTo() string {
	target := []string{"kind:学会", "kind:商会", "kind:协会", w.groups[w.rnd.Intn(5)], "all"}[w.rnd.Intn(5)]
	b := broadcast.New(w.store, w.cfg)
	plan, err := b.Plan(w.ctx, broadcast.Draft{CampaignID: w.camp.ID, Targets: []string{target}, By: "test"})
	if err == nil {
		_, err = b.QueueCampaign(w.ctx, plan, nil)
	}
	return fmt.Sprintf("群发 %s：%v", target, err)
}

// tick lets one to ten hours pass; a day that ends has its tally kept.
func (w *world) tick() string {
	next := w.now.Add(time.Duration(1+w.rnd.Intn(10)) * time.Hour)
	if day(next) != day(w.now) {
		w.days = append(w.days, w.tally(day(w.now)))
		w.checkDayIdentity()
		w.gained, w.lost = 0, 0
	}
	w.now = next
	return "时间 → " + w.now.Format("01-02 15:04")
}

func day(t time.Time) string { return t.Format(time.DateOnly) }

// login opens a staff console session.
func (w *world) login() *http.Client {
	link, err := web.NewLoginLink(w.ctx, w.store, w.cfg.Web, w.cfg.Admins[0])
	if err != nil {
		w.t.Fatal(err)
	}
	link = w.ts.URL + link[strings.Index(link, "/admin/"):]
	c := newClient()
	page := get(w, c, link)
	post(w, c, link, url.Values{"csrf": {csrfOf(page)}})
	return c
}

func newClient() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar}
}

func get(w *world, c *http.Client, u string) string {
	w.t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		w.fail("GET %s: %v", u, err)
	}
	return readBody(w, resp)
}

func post(w *world, c *http.Client, u string, v url.Values) string {
	w.t.Helper()
	resp, err := c.PostForm(u, v)
	if err != nil {
		w.fail("POST %s: %v", u, err)
	}
	return readBody(w, resp)
}

func readBody(w *world, resp *http.Response) string {
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		w.fail("read: %v", err)
	}
	return string(b)
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func csrfOf(page string) string {
	if m := csrfField.FindStringSubmatch(page); m != nil {
		return m[1]
	}
	return ""
}
