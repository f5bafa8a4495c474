package web

import (
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserPersonalPageChange: on a phone, the owner changes role and
// organization from the personal page; the page then shows the new state.
func TestBrowserPersonalPageChange(t *testing.T) {
	f := newFixture(t, 2)
	b := newBrowser(t, f.ts.URL)
	b.run(chromedp.Navigate(f.link(0)), chromedp.WaitVisible(chromedp.CSS(`#name`)),
		chromedp.SendKeys(chromedp.CSS(`#name`), "张三"),
		chromedp.SendKeys(chromedp.CSS(`#phone`), "13800138000"),
		chromedp.Click(chromedp.CSS(`input[value=pioneer]`)),
		chromedp.Click(chromedp.CSS(`button.primary`)),
		chromedp.WaitVisible(chromedp.CSS(`#change-form`)))
	b.screenshot("personal-change-form")
	b.run(chromedp.SetValue(chromedp.CSS(`#change-role`), "reserve"),
		chromedp.SetValue(chromedp.CSS(`#change-org`), strconv.FormatUint(uint64(f.orgs[1].ID), 10)),
		chromedp.Click(chromedp.CSS(`#change`)),
		chromedp.WaitVisible(chromedp.CSS(`.note`)))
	if got := b.text(`#status`); got != "已确认：储备志愿者" {
		t.Errorf("status after the change: %q", got)
	}
	if got := b.text(`main .muted`); got != "抗疫志愿者招募 · 广安市餐饮商会" {
		t.Errorf("organization after the change: %q", got)
	}
	b.screenshot("personal-changed")
}
