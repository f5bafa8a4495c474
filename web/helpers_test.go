package web

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"mobilize/chat"
	"mobilize/config"
	"mobilize/handlers"
	"mobilize/models"
)

// fixture is a web server on a real SQLite file: one campaign with a
// pioneer role of pioneers places and a reserve role of 5, and two
// organizations with a group each. Promotions are announced through the
// real outbox, as in production.
type fixture struct {
	t      testing.TB
	store  *models.Store
	cfg    config.Config
	srv    *Server
	ts     *httptest.Server
	camp   models.Campaign
	orgs   []models.OrgSummary
	outbox *chat.Outbox
	dbPath string
}

func newFixture(t testing.TB, pioneers int) *fixture {
	t.Helper()
	return newFixtureOpts(t, pioneers)
}

// newFixtureOpts is newFixture with the store opened with opts (several
// accounts: models.WithAccounts).
func newFixtureOpts(t testing.TB, pioneers int, opts ...models.Option) *fixture {
	t.Helper()
	cfg, err := config.Load(config.Overrides{}, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	cfg.Admins = []string{"民政局值班员"}
	cfg.Web.RatePerMinute = 1000
	dbPath := filepath.Join(t.TempDir(), "w.db")
	store, err := models.Open(dbPath, nil, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	ctx := context.Background()
	camp, err := store.CreateCampaign(ctx, models.NewCampaign{Title: "抗疫志愿者招募", CreatedBy: "test",
		Body: "各社会组织：\n请组织会员报名参加社区防疫志愿服务。<script>alert(1)</script>",
		Roles: []models.Role{
			{Code: "pioneer", Name: "志愿先锋", Aliases: "先锋", Quota: pioneers, PhoneRequired: true},
			{Code: "reserve", Name: "储备志愿者", Aliases: "储备", Quota: 5, PhoneRequired: true},
		}})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := store.ImportOrgs(ctx, []models.OrgRow{
		{Name: "广安市营养学会", Kind: "学会", Group: "营养学会志愿群"},
		{Name: "广安市餐饮商会", Kind: "商会", Group: "餐饮商会群"},
	}); err != nil {
		t.Fatal(err)
	}
	orgs, err := store.ListOrgs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, store: store, cfg: cfg, camp: camp, orgs: orgs, dbPath: dbPath}
	f.outbox = chat.NewOutbox(store, 0, nil)
	f.start()
	return f
}

// start (re)builds the server from f.cfg.
func (f *fixture) start() {
	f.t.Helper()
	if f.ts != nil {
		f.ts.Close()
	}
	srv, err := New(context.Background(), Deps{Store: f.store, Config: f.cfg,
		Announce: func(ctx context.Context, p []models.Registration) error {
			return handlers.AnnouncePromotions(ctx, f.outbox, p)
		}})
	if err != nil {
		f.t.Fatal(err)
	}
	f.srv = srv
	f.ts = httptest.NewServer(srv)
	f.t.Cleanup(f.ts.Close)
	u, _ := url.Parse(f.ts.URL)
	f.srv.links.base = "http://" + u.Host
}

// link is organization i's sign-up link.
func (f *fixture) link(i int) string {
	return f.srv.links.Signup(f.camp.ID, f.orgs[i].ID)
}

// client is a browser-like client: cookies kept, redirects followed.
type client struct {
	t    testing.TB
	http *http.Client
	// last is the last page fetched.
	last    string
	lastURL string
	status  int
	header  http.Header
	setup   func(*http.Request)
}

func (f *fixture) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: f.t, http: &http.Client{Jar: jar}}
}

func (c *client) do(req *http.Request) string {
	c.t.Helper()
	if c.setup != nil {
		c.setup(req)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	c.last, c.status, c.header, c.lastURL = string(b), resp.StatusCode, resp.Header, resp.Request.URL.String()
	return c.last
}

func (c *client) get(u string) string {
	c.t.Helper()
	req, _ := http.NewRequest("GET", u, nil)
	return c.do(req)
}

// post submits form values to u with the form token of the last page.
func (c *client) post(u string, v url.Values) string {
	c.t.Helper()
	if v.Get("csrf") == "" {
		v.Set("csrf", c.csrf())
	}
	req, _ := http.NewRequest("POST", u, strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (c *client) csrf() string {
	m := csrfField.FindStringSubmatch(c.last)
	if m == nil {
		return ""
	}
	return m[1]
}

// signUp opens link and submits the form.
func (c *client) signUp(link, name, phone, role string) string {
	c.t.Helper()
	c.get(link)
	return c.post(link, url.Values{"name": {name}, "phone": {phone}, "role": {role}})
}

func mustContain(t testing.TB, page string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(page, w) {
			t.Errorf("page lacks %q:\n%s", w, excerpt(page))
		}
	}
}

func mustNotContain(t testing.TB, page string, bad ...string) {
	t.Helper()
	for _, b := range bad {
		if strings.Contains(page, b) {
			t.Errorf("page contains %q:\n%s", b, excerpt(page))
		}
	}
}

// excerpt is the page's main part, for failure messages.
func excerpt(page string) string {
	if i := strings.Index(page, "<main>"); i >= 0 {
		page = page[i:]
	}
	if len(page) > 3000 {
		page = page[:3000]
	}
	return page
}

func (f *fixture) roster() []models.RegView {
	f.t.Helper()
	regs, err := f.store.Roster(context.Background(), f.camp.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	return regs
}

// activity adds what the console's charts draw besides sign-ups: a chat
// sign-up in organization 0 with two service records, and two pledges of
// masks, one delivered.
func (f *fixture) activity() {
	f.t.Helper()
	ctx := context.Background()
	today := f.store.Now().In(f.cfg.Location).Format("2006-01-02")
	must := func(_ any, err error) {
		f.t.Helper()
		if err != nil {
			f.t.Fatal(err)
		}
	}
	must(f.store.SignUp(ctx, models.SignUpRequest{CampaignID: f.camp.ID, RoleCode: "reserve", Name: "王五",
		Phone: "13700137000", GroupName: "营养学会志愿群", Sender: "王五"}))
	must(f.store.AddService(ctx, models.ServiceRequest{GroupName: "营养学会志愿群", Sender: "王五", Day: today, Hours: 4, People: 200, Activity: "核酸检测"}))
	must(f.store.AddService(ctx, models.ServiceRequest{GroupName: "营养学会志愿群", Sender: "王五", Day: today, Hours: 2.5, Activity: "秩序维护"}))
	p, err := f.store.AddPledge(ctx, models.PledgeRequest{CampaignID: f.camp.ID, GroupName: "餐饮商会群", Sender: "赵六", Item: "N95口罩", Quantity: 20000, Unit: "个"})
	must(p, err)
	must(f.store.AddPledge(ctx, models.PledgeRequest{CampaignID: f.camp.ID, GroupName: "营养学会志愿群", Sender: "钱七", Item: "N95口罩", Quantity: 5000, Unit: "个"}))
	must(f.store.MarkDelivered(ctx, p.ID, models.PledgeOwner{Admin: "民政局值班员"}))
}
