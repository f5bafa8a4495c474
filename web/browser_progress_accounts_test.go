package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserProgressAccountsOnPhone shows 进度 with two accounts on a
// phone: each group, the long-named one too, names its account inside the
// organization's card, and the page keeps the phone layout rules
// (browser.screenshot).
func TestBrowserProgressAccountsOnPhone(t *testing.T) {
	f := accountsFixture(t, map[string][]string{"值班号1": {"营养学会志愿群", "深圳市义工联合会福田区分会群"}, "值班号2": {"餐饮商会群"}})
	f.longOrgs()
	f.queueTo("all")
	br := newBrowser(t, f.ts.URL)
	f.loginBrowser(br)
	br.run(chromedp.Navigate(f.ts.URL+"/admin/c/1"), chromedp.WaitVisible(chromedp.CSS(`#progress`)))
	br.assertCards(`#progress`)
	table := br.text(`#progress`)
	for _, want := range []string{"营养学会志愿群（值班号1）", "餐饮商会群（值班号2）", "深圳市义工联合会福田区分会群（值班号1）"} {
		if !strings.Contains(table, want) {
			t.Errorf("progress lacks %q:\n%s", want, table)
		}
	}
	br.screenshot("phone-progress-accounts")
}
