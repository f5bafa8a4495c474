package web

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"mobilize/report"
)

// login opens a one-time link in c and presses the button.
func (f *fixture) login(c *client) {
	f.t.Helper()
	link, err := NewLoginLink(context.Background(), f.store, f.cfg.Web, "民政局值班员")
	if err != nil {
		f.t.Fatal(err)
	}
	link = f.ts.URL + link[strings.Index(link, "/admin/"):]
	c.get(link)
	c.post(link, url.Values{})
	if c.status != http.StatusOK || !strings.HasSuffix(c.lastURL, "/admin") {
		f.t.Fatalf("login: %d at %s\n%s", c.status, c.lastURL, excerpt(c.last))
	}
}

func TestConsoleLoginIsOneTimeAndSessionsEnd(t *testing.T) {
	f := newFixture(t, 3)
	now := time.Date(2026, 11, 30, 9, 0, 0, 0, f.cfg.Location)
	f.store.Now = func() time.Time { return now }
	c := f.client()
	c.get(f.ts.URL + "/admin")
	if c.status != http.StatusUnauthorized || !strings.Contains(c.last, "登录") {
		t.Fatalf("no session: %d", c.status)
	}

	link, _ := NewLoginLink(context.Background(), f.store, f.cfg.Web, "民政局值班员")
	link = f.ts.URL + link[strings.Index(link, "/admin/"):]
	c.get(link)
	c.get(link) // a link preview fetching it twice spends nothing
	mustContain(t, c.last, "进入管理后台")
	req, _ := http.NewRequest("POST", link, strings.NewReader(url.Values{"csrf": {c.csrf()}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := (&http.Client{Jar: c.http.Jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var session *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == adminCookie {
			session = ck
		}
	}
	if resp.StatusCode != http.StatusSeeOther || session == nil || !session.HttpOnly ||
		session.SameSite != http.SameSiteStrictMode || session.Path != "/admin" || session.Secure {
		t.Fatalf("login answer %d, cookie %+v", resp.StatusCode, session)
	}
	mustContain(t, c.get(f.ts.URL+"/admin"), "抗疫志愿者招募", "志愿先锋：确认 0 / 3，候补 0", "退出登录")

	other := f.client()
	other.get(link)
	other.post(link, url.Values{})
	if other.status != http.StatusGone {
		t.Errorf("second use of a login link: %d", other.status)
	}

	now = now.Add(f.cfg.Web.SessionTTL.D() + time.Minute)
	if c.get(f.ts.URL + "/admin"); c.status != http.StatusUnauthorized {
		t.Errorf("expired session: %d", c.status)
	}
	late, _ := NewLoginLink(context.Background(), f.store, f.cfg.Web, "民政局值班员")
	now = now.Add(LoginTTL + time.Second)
	l := f.client()
	late = f.ts.URL + late[strings.Index(late, "/admin/"):]
	l.get(late)
	if l.post(late, url.Values{}); l.status != http.StatusGone {
		t.Errorf("expired login link: %d", l.status)
	}
}

func TestConsoleLogoutEndsTheSession(t *testing.T) {
	f := newFixture(t, 3)
	c := f.client()
	f.login(c)
	c.post(f.ts.URL+"/admin/logout", url.Values{})
	mustContain(t, c.last, "已退出登录")
	if c.get(f.ts.URL + "/admin"); c.status != http.StatusUnauthorized {
		t.Errorf("after logout: %d", c.status)
	}
}

func TestConsoleCookieIsSecureBehindHTTPS(t *testing.T) {
	f := newFixture(t, 3)
	f.cfg.Web.TrustedProxies = []string{"127.0.0.1"}
	f.start()
	c := f.client()
	c.setup = func(r *http.Request) { r.Header.Set("X-Forwarded-Proto", "https") }
	link, _ := NewLoginLink(context.Background(), f.store, f.cfg.Web, "民政局值班员")
	link = f.ts.URL + link[strings.Index(link, "/admin/"):]
	c.get(link)
	if !strings.Contains(strings.Join(c.header.Values("Set-Cookie"), "\n"), "Secure") {
		t.Errorf("form cookie without Secure behind https: %q", c.header.Values("Set-Cookie"))
	}
}

func TestConsoleProgressRosterAuditAndWorkbook(t *testing.T) {
	f := newFixture(t, 1)
	f.client().signUp(f.link(0), "张三", "13800138000", "pioneer")
	f.client().signUp(f.link(0), "李四", "13900139000", "pioneer")
	c := f.client()
	f.login(c)
	base := f.ts.URL + "/admin/c/1"

	page := c.get(base)
	mustContain(t, page, "倡议尚未由机器人发往任何组织；1 个组织有人报名", "志愿先锋：确认 1 / 1，候补 1", "1 / 1", "未响应", "营养学会志愿群")

	page = c.get(base + "/roster")
	mustContain(t, page, "138****8000", "候补第 1 位", "显示完整手机号")
	mustNotContain(t, page, "13800138000")
	if trail, _ := f.store.AuditTrail(context.Background(), "roster.full"); len(trail) != 0 {
		t.Errorf("a masked roster was audited: %+v", trail)
	}
	page = c.get(base + "/roster?full=1")
	mustContain(t, page, "13800138000", "13900139000", "审计")
	trail, _ := f.store.AuditTrail(context.Background(), "roster.full")
	if len(trail) != 1 || trail[0].Actor != "web:民政局值班员" {
		t.Errorf("full roster audit: %+v", trail)
	}

	spoolDir := t.TempDir()
	t.Setenv("TMPDIR", spoolDir)
	c.get(base + "/export")
	if c.status != 200 || !strings.Contains(c.header.Get("Content-Disposition"), "mobilize-1-") {
		t.Fatalf("export: %d %q", c.status, c.header.Get("Content-Disposition"))
	}
	if n := c.header.Get("Content-Length"); n != strconv.Itoa(len(c.last)) {
		t.Errorf("Content-Length %q for %d bytes", n, len(c.last))
	}
	file := filepath.Join(t.TempDir(), "w.xlsx")
	os.WriteFile(file, []byte(c.last), 0o600)
	if !report.IsWorkbook(file) {
		t.Error("the download is not a workbook")
	}
	if left, _ := os.ReadDir(spoolDir); len(left) != 0 {
		t.Errorf("the download left files behind: %v", left)
	}
	if trail, _ := f.store.AuditTrail(context.Background(), "export"); len(trail) != 1 || trail[0].Actor != "web:民政局值班员" {
		t.Errorf("export audit: %+v", trail)
	}
}

func TestConsoleChartsAndManualMode(t *testing.T) {
	f := newFixture(t, 1)
	f.client().signUp(f.link(0), "张三", "13800138000", "pioneer")
	f.client().signUp(f.link(1), "李四", "13900139000", "pioneer")
	f.activity()
	c := f.client()
	f.login(c)
	page := c.get(f.ts.URL + "/admin/c/1/charts")
	mustContain(t, page, "<svg", "<polyline", "志愿先锋", "广安市营养学会", "2+0", "0+1",
		"核酸检测", ">4<", "秩序维护", ">2.5<", "N95口罩", "20000/25000个")
	page = c.get(f.ts.URL + "/admin/c/1/manual")
	mustContain(t, page, "【倡议】抗疫志愿者招募", f.link(0), f.link(1), `<img src="/admin/c/1/qr/`)
	c.get(f.ts.URL + "/admin/c/1/qr/" + strconv.FormatUint(uint64(f.orgs[0].ID), 10))
	if c.status != 200 || c.header.Get("Content-Type") != "image/png" {
		t.Errorf("QR image: %d %s", c.status, c.header.Get("Content-Type"))
	}
	anon := f.client()
	if anon.get(f.ts.URL + "/admin/c/1/qr/1"); anon.status != http.StatusUnauthorized {
		t.Errorf("QR without a session: %d", anon.status)
	}
}

func TestConsolePagesAreSmallAndSelfContained(t *testing.T) {
	f := newFixture(t, 1)
	f.client().signUp(f.link(0), "张三", "13800138000", "pioneer")
	f.activity()
	c := f.client()
	f.login(c)
	for _, p := range []string{"/admin", "/admin/c/1", "/admin/c/1/charts", "/admin/c/1/roster", "/admin/c/1/manual"} {
		page := c.get(f.ts.URL + p)
		if c.status != 200 || len(page) > 100<<10 {
			t.Errorf("%s: %d, %d bytes", p, c.status, len(page))
		}
		if m := outsideRef.FindString(page); m != "" {
			t.Errorf("%s refers to another host: %s", p, m)
		}
	}
}
