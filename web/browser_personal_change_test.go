package web

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

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
		chromedp.Click(chromedp.CSS(`#change`)))
	// The page before the change has the same elements (a .note, a
	// #status): read #status until the page that follows the change shows
	// the new role, each try bounded, since a try during the navigation
	// fails.
	if got := textOnceNavigated(b, `#status`, "已确认：储备志愿者"); got != "已确认：储备志愿者" {
		t.Errorf("status after the change: %q", got)
	}
	if got := b.text(`main .muted`); got != "抗疫志愿者招募 · 广安市餐饮商会" {
		t.Errorf("organization after the change: %q", got)
	}
	b.screenshot("personal-changed")
}

// textOnceNavigated reads the text of sel until it is want, for up to 10
// seconds, each read bounded by a second; it returns the last text read.
func textOnceNavigated(b *browser, sel, want string) string {
	var got string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		ctx, cancel := context.WithTimeout(b.ctx, time.Second)
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		cancel()
		if err == nil {
			if got = strings.TrimSpace(s); got == want {
				break
			}
		}
	}
	return got
}
