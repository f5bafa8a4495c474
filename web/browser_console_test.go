package web

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"mobilize/report"
)

// TestBrowserStaffConsoleWithTheBotDown is the "done when", with
// no bot at all: a staffer logs in with a one-time link (mobilize
// admin-link), sees progress, takes a group's text and link from the
// manual mode; a member opens that link on a phone and signs up; the
// staffer sees the member's organization, role and place in the progress
// table and the charts, and downloads the workbook.
func TestBrowserStaffConsoleWithTheBotDown(t *testing.T) {
	f := newFixture(t, 2)
	f.client().signUp(f.link(0), "张三", "13800138000", "pioneer")
	f.activity()
	b := newBrowser(t, f.ts.URL)

	link, err := NewLoginLink(context.Background(), f.store, f.cfg.Web, "民政局值班员")
	if err != nil {
		t.Fatal(err)
	}
	b.run(chromedp.Navigate(f.ts.URL+link[strings.Index(link, "/admin/"):]), chromedp.WaitVisible(chromedp.CSS(`#login`)))
	b.screenshot("console-login")
	b.run(chromedp.Click(chromedp.CSS(`#login`)), chromedp.WaitVisible(chromedp.CSS(`a.row`)))
	b.screenshot("console-campaigns")
	b.run(chromedp.Click(chromedp.CSS(`a.row`)), chromedp.WaitVisible(chromedp.CSS(`#progress`)))
	if got := b.text(`#answered`); got != "倡议尚未由机器人发往任何组织；1 个组织有人报名" {
		t.Errorf("answered: %q", got)
	}
	b.screenshot("console-progress-before")

	b.run(chromedp.Click(chromedp.CSS(`.tabs a[href$="/manual"]`)), chromedp.WaitVisible(chromedp.CSS(`.manual img`)))
	b.screenshot("console-manual")
	cards, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll('.manual')].map(s => s.querySelector('h2').textContent + '|' + s.querySelector('p.link').textContent)`))
	if err != nil {
		t.Fatal(err)
	}
	var orgLink string
	for _, c := range cards {
		if name, l, _ := strings.Cut(c, "|"); name == "广安市餐饮商会" {
			orgLink = l
		}
	}
	if orgLink != f.link(1) {
		t.Fatalf("manual mode link %q, want %q", orgLink, f.link(1))
	}
	staffPage := b.location()

	b.run(chromedp.Navigate(orgLink), chromedp.WaitVisible(chromedp.CSS(`#name`)),
		chromedp.SendKeys(chromedp.CSS(`#name`), "李四"),
		chromedp.SendKeys(chromedp.CSS(`#phone`), "13900139000"),
		chromedp.Click(chromedp.CSS(`input[value=pioneer]`)),
		chromedp.Click(chromedp.CSS(`button.primary`)),
		chromedp.WaitVisible(chromedp.CSS(`#status`)))
	if got := b.text(`#status`); got != "已确认：志愿先锋" {
		t.Errorf("member's status: %q", got)
	}
	if got := b.text(`main .muted`); !strings.Contains(got, "广安市餐饮商会") {
		t.Errorf("member's organization: %q", got)
	}
	b.screenshot("member-signed-up")

	progress := strings.TrimSuffix(staffPage, "/manual")
	b.run(chromedp.Navigate(progress), chromedp.WaitVisible(chromedp.CSS(`#progress`)))
	if got := b.text(`#answered`); got != "倡议尚未由机器人发往任何组织；2 个组织有人报名" {
		t.Errorf("answered after the member: %q", got)
	}
	table := b.text(`#progress`)
	if !strings.Contains(table, "广安市餐饮商会") || !strings.Contains(table, "餐饮商会群") {
		t.Errorf("progress table:\n%s", table)
	}
	b.screenshot("console-progress-after")

	b.run(chromedp.Navigate(progress+"/charts"), chromedp.WaitVisible(chromedp.CSS(`svg.chart polyline`)))
	charts := b.text(`main`)
	if !strings.Contains(charts, "广安市餐饮商会") || !strings.Contains(charts, "1+0") || !strings.Contains(charts, "志愿先锋") {
		t.Errorf("charts text:\n%s", charts)
	}
	b.screenshot("console-charts")

	b.run(chromedp.Navigate(progress+"/roster"), chromedp.WaitVisible(chromedp.CSS(`#roster`)))
	if roster := b.text(`#roster`); !strings.Contains(roster, "139****9000") || strings.Contains(roster, "13900139000") {
		t.Errorf("roster not masked:\n%s", roster)
	}
	b.screenshot("console-roster")

	dir := t.TempDir()
	if _, err := chromedp.CallBrowser(b.ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: new(true)}); err != nil {
		t.Fatal(err)
	}
	progressEvents := chromedp.BrowserEvents(b.ctx, cdpbrowser.DownloadProgress)
	b.run(chromedp.Click(chromedp.CSS(`#export`)))
	var file string
	for ev, err := range progressEvents {
		if err != nil {
			t.Fatal(err)
		}
		if ev.State == cdpbrowser.DownloadProgressStateCompleted {
			file = ev.FilePath
			break
		}
		if ev.State == cdpbrowser.DownloadProgressStateCanceled {
			t.Fatal("download cancelled")
		}
	}
	if file == "" {
		entries, _ := os.ReadDir(dir)
		if len(entries) == 1 {
			file = filepath.Join(dir, entries[0].Name())
		}
	}
	if !report.IsWorkbook(file) {
		t.Errorf("downloaded %q is not a workbook", file)
	}
	// The audit log names the admin for the full roster view and the download.
	b.run(chromedp.Navigate(f.ts.URL+"/admin/audit"), chromedp.WaitVisible(chromedp.CSS(`#audit`)))
	audit := b.text(`#audit`)
	for _, want := range []string{"导出 Excel", "民政局值班员（后台）"} {
		if !strings.Contains(audit, want) {
			t.Errorf("audit page lacks %q: %q", want, audit)
		}
	}
	b.screenshot("console-audit")
	b.assertOnlyOwnHost()
}
