package web

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"mobilize/models"
)

// loginBrowser opens a fresh one-time login link in b and presses the
// button, as a staffer does from the link the bot sends.
func (f *fixture) loginBrowser(b *browser) {
	f.t.Helper()
	link, err := NewLoginLink(context.Background(), f.store, f.cfg.Web, "民政局值班员")
	if err != nil {
		f.t.Fatal(err)
	}
	b.run(chromedp.Navigate(f.ts.URL+link[strings.Index(link, "/admin/"):]), chromedp.WaitVisible(chromedp.CSS(`#login`)),
		chromedp.Click(chromedp.CSS(`#login`)), chromedp.WaitVisible(chromedp.CSS(`#new-broadcast`)))
}

// longOrgs adds an organization with a long name and a sign-up with a
// remark: the content that squeezed the roster's columns to one character.
func (f *fixture) longOrgs() {
	f.t.Helper()
	ctx := context.Background()
	if _, _, err := f.store.ImportOrgs(ctx, []models.OrgRow{
		{Name: "深圳市义工联合会福田区分会社区服务队", Kind: "社团", Group: "深圳市义工联合会福田区分会群"}}); err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.store.SignUp(ctx, models.SignUpRequest{CampaignID: f.camp.ID, RoleCode: "reserve", Name: "欧阳娜娜",
		Phone: "13600136000", Remark: "周末全天可服务，会开车，可带两名家属一起参加", GroupName: "深圳市义工联合会福田区分会群",
		Sender: "欧阳娜娜"}); err != nil {
		f.t.Fatal(err)
	}
}

// TestBrowserConsolePhoneLayout walks every console page on a 390×844
// phone: each screenshot asserts no sideways scrolling and no table cell
// under two characters (browser.screenshot); the roster and audit log are
// one card per row (so is 进度, each role cell labelled), full phones are tel: links, the header says 管理后台,
// 发布倡议 answers a blank form with the server's Chinese errors and puts
// 确认发送 below the preview, 人工转发 warns that links are local-only
// without web.public_url, and unknown console pages are a Chinese 404.
func TestBrowserConsolePhoneLayout(t *testing.T) {
	f := newFixture(t, 2)
	f.client().signUp(f.link(0), "张三", "13800138000", "pioneer")
	f.activity()
	f.longOrgs()
	b := newBrowser(t, f.ts.URL)
	f.loginBrowser(b)
	if got := b.text(`header.bar span`); got != "管理后台" {
		t.Errorf("console header: %q", got)
	}
	b.screenshot("phone-campaigns")
	c := f.ts.URL + "/admin/c/" + strconv.FormatUint(uint64(f.camp.ID), 10)

	b.run(chromedp.Navigate(c), chromedp.WaitVisible(chromedp.CSS(`#progress`)))
	b.assertCards(`#progress`)
	labels, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#progress tbody tr:first-child td[data-label]')].map(td => td.dataset.label + '：' + td.innerText)`))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(labels, " | "); got != "送达：未送达 | 首次响应："+b.text(`#progress tbody tr:first-child td:nth-child(3)`)+" | 志愿先锋（确认/候补）：1 / 0 | 储备志愿者（确认/候补）：1 / 0" {
		t.Errorf("progress card labels: %q", got)
	}
	b.screenshot("phone-progress")

	b.run(chromedp.Navigate(c+"/roster"), chromedp.WaitVisible(chromedp.CSS(`#roster`)))
	b.assertCards(`#roster`)
	roster := b.text(`#roster`)
	for _, want := range []string{"欧阳娜娜", "136****6000", "储备志愿者", "周末全天可服务"} {
		if !strings.Contains(roster, want) {
			t.Errorf("roster card lacks %q: %q", want, roster)
		}
	}
	b.screenshot("phone-roster")
	b.run(chromedp.Navigate(c+"/roster?full=1"), chromedp.WaitVisible(chromedp.CSS(`#roster a[href^="tel:"]`)))
	tel, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#roster a[href^="tel:"]')].map(a => a.getAttribute('href'))`))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(tel, " ") != "tel:13800138000 tel:13700137000 tel:13600136000" {
		t.Errorf("tel links: %v", tel)
	}
	b.screenshot("phone-roster-full")

	b.run(chromedp.Navigate(c+"/manual"), chromedp.WaitVisible(chromedp.CSS(`.manual img`)))
	if got := b.text(`#no-public-url`); !strings.Contains(got, "web.public_url") || !strings.Contains(got, "打不开") {
		t.Errorf("manual page warning: %q", got)
	}
	b.screenshot("phone-manual")

	b.run(chromedp.Navigate(c+"/charts"), chromedp.WaitVisible(chromedp.CSS(`svg.chart`)))
	b.screenshot("phone-charts")

	b.run(chromedp.Navigate(c+"/send"), chromedp.WaitVisible(chromedp.CSS(`#send-form`)),
		chromedp.Click(chromedp.CSS(`#preview`)), chromedp.WaitVisible(chromedp.CSS(`#confirm`)))
	b.assertBelow(`#confirm`, `#messages`)
	b.screenshot("phone-send-preview")

	b.run(chromedp.Navigate(f.ts.URL+"/admin/audit"), chromedp.WaitVisible(chromedp.CSS(`#audit`)))
	b.assertCards(`#audit`)
	b.screenshot("phone-audit")

	b.run(chromedp.Navigate(f.ts.URL+"/admin/broadcast"), chromedp.WaitVisible(chromedp.CSS(`#broadcast`)),
		chromedp.Click(chromedp.CSS(`#preview`)), chromedp.WaitVisible(chromedp.CSS(`#error`)))
	if got := b.text(`#error`); !hasHan(got) {
		t.Errorf("blank broadcast form: %q, want the server's Chinese error", got)
	}
	b.screenshot("phone-broadcast-blank")
	b.run(chromedp.SendKeys(chromedp.CSS(`input[name=title]`), "冬季送温暖志愿服务"),
		chromedp.SendKeys(chromedp.CSS(`textarea[name=body]`), "各社会组织：\n请动员会员参加冬季送温暖活动，为社区困难老人送去棉被和米面油。服务时间为本周六上午九点至十二点，地点在各街道社区服务中心。"),
		chromedp.Click(chromedp.CSS(`#preview`)), chromedp.WaitVisible(chromedp.CSS(`#confirm`)))
	b.assertBelow(`#confirm`, `#messages`)
	b.assertBelow(`#confirm`, `#groups`)
	width, err := chromedp.Run(b.ctx, chromedp.Evaluate[float64](`document.querySelector('textarea[name=body]').getBoundingClientRect().width`))
	if err != nil {
		t.Fatal(err)
	}
	if width < 300 {
		t.Errorf("正文 textarea is %.0f px wide on a 390 px phone", width)
	}
	b.screenshot("phone-broadcast-preview")

	for _, path := range []string{"/admin/nope", "/admin/c/999", "/admin/c/abc/roster"} {
		b.run(chromedp.Navigate(f.ts.URL + path))
		if got := b.text(`main h1`); got != "页面不存在" {
			t.Errorf("%s: heading %q", path, got)
		}
		if got := b.text(`header.bar span`); got != "管理后台" {
			t.Errorf("%s: header %q", path, got)
		}
	}
	b.screenshot("phone-404")
	b.assertOnlyOwnHost()
}

// assertCards fails unless the table sel is shown as cards: no header
// row visible, each row a block.
func (b *browser) assertCards(sel string) {
	b.t.Helper()
	got, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`(() => { const t = document.querySelector(`+jsString(sel)+`);
		return getComputedStyle(t.querySelector('thead')).display + ' ' + getComputedStyle(t.querySelector('tbody tr')).display; })()`))
	if err != nil {
		b.t.Fatal(err)
	}
	if got != "none block" {
		b.t.Errorf("%s is not cards at 390 px (thead, row display: %s)", sel, got)
	}
}

// hasHan reports whether s has a Chinese character.
func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}
