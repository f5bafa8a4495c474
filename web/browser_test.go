package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserSignupWaitlistCancel is a member's path on a phone: open the
// organization's link, fill and submit, see the answer; a second member
// past the quota sees a waitlist place; the first cancels from the
// personal page and the second's page shows the promotion.
func TestBrowserSignupWaitlistCancel(t *testing.T) {
	f := newFixture(t, 1)
	b := newBrowser(t, f.ts.URL)

	b.run(chromedp.Navigate(f.link(0)), chromedp.WaitVisible(chromedp.CSS(`#name`)))
	b.screenshot("signup-page")
	b.run(
		chromedp.SendKeys(chromedp.CSS(`#name`), "张三"),
		chromedp.SendKeys(chromedp.CSS(`#phone`), "1380013800"),
		chromedp.SendKeys(chromedp.CSS(`#remark`), "党员，周末可服务"),
		chromedp.Click(chromedp.CSS(`input[value=pioneer]`)),
		chromedp.Click(chromedp.CSS(`button.primary`)),
		chromedp.WaitVisible(chromedp.CSS(`#phone-err`)),
	)
	if got := b.text(`#phone-err`); !strings.Contains(got, "11 位手机号") {
		t.Errorf("phone error: %q", got)
	}
	b.screenshot("signup-bad-phone")
	b.run(
		chromedp.SetValue(chromedp.CSS(`#phone`), "13800138000"),
		chromedp.Click(chromedp.CSS(`button.primary`)),
		chromedp.WaitVisible(chromedp.CSS(`#status`)),
	)
	if got := b.text(`.note`); !strings.Contains(got, "报名成功") {
		t.Errorf("answer: %q", got)
	}
	if got := b.text(`#status`); got != "已确认：志愿先锋" {
		t.Errorf("status: %q", got)
	}
	b.screenshot("signup-confirmed")
	firstPage := withoutQuery(b.location())

	b.run(chromedp.Navigate(f.link(1)), chromedp.WaitVisible(chromedp.CSS(`#name`)),
		chromedp.SendKeys(chromedp.CSS(`#name`), "李四"),
		chromedp.SendKeys(chromedp.CSS(`#phone`), "139 0013 9000"),
		chromedp.Click(chromedp.CSS(`input[value=pioneer]`)),
		chromedp.Click(chromedp.CSS(`button.primary`)),
		chromedp.WaitVisible(chromedp.CSS(`#status`)),
	)
	if got := b.text(`#status`); got != "志愿先锋候补第 1 位，有人取消时按顺序递补。" {
		t.Errorf("waitlisted status: %q", got)
	}
	b.screenshot("signup-waitlisted")
	secondPage := withoutQuery(b.location())

	b.run(chromedp.Navigate(firstPage), chromedp.WaitVisible(chromedp.CSS(`#cancel`)),
		chromedp.Click(chromedp.CSS(`input[name=sure]`)),
		chromedp.Click(chromedp.CSS(`#cancel`)),
		chromedp.WaitNotPresent(chromedp.CSS(`#cancel`)),
	)
	if got := b.text(`#status`); got != "已取消志愿先锋报名。" {
		t.Errorf("after cancel: %q", got)
	}
	b.screenshot("cancelled")
	b.run(chromedp.Navigate(secondPage), chromedp.WaitVisible(chromedp.CSS(`#status`)))
	if got := b.text(`#status`); got != "已由候补递补为志愿先锋，请保持手机畅通。" {
		t.Errorf("promoted status: %q", got)
	}
	b.screenshot("promoted")
	b.assertOnlyOwnHost()
}

// withoutQuery is the personal link as the page shows it for bookmarking.
func withoutQuery(u string) string {
	if i := strings.IndexByte(u, '?'); i >= 0 {
		return u[:i]
	}
	return u
}
