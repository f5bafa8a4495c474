package web

import (
	"net/http"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserLogoutAll: on a 390 px phone the console's header carries
// 退出所有设备 beside 退出登录 without crowding the page; tapping it
// ends the laptop's session too and shows how to log in again.
func TestBrowserLogoutAll(t *testing.T) {
	f := newFixture(t, 2)
	laptop := f.client()
	f.login(laptop)
	b := newBrowser(t, f.ts.URL)
	f.loginBrowser(b)
	if got := b.text(`#logout-all`); got != "退出所有设备" {
		t.Errorf("button: %q", got)
	}
	b.screenshot("phone-logout-all-button")
	b.run(chromedp.Click(chromedp.CSS(`#logout-all`)), chromedp.WaitNotPresent(chromedp.CSS(`#logout-all`)),
		chromedp.WaitVisible(chromedp.CSS(`section.card h1`)))
	if got := b.text(`section.card h1`); got != "已退出所有设备" {
		t.Errorf("after the tap: %q", got)
	}
	b.screenshot("phone-logged-out-all")
	if laptop.get(f.ts.URL + "/admin"); laptop.status != http.StatusUnauthorized {
		t.Errorf("the laptop is still in: %d", laptop.status)
	}
}
