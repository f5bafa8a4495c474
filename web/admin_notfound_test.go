package web

import (
	"net/http"
	"strconv"
	"testing"
)

// TestUnknownPagesAnswerInChinese: a path no route serves gets a Chinese
// page, the console's wording under /admin, never the mux's English
// "404 page not found".
func TestUnknownPagesAnswerInChinese(t *testing.T) {
	f := newFixture(t, 1)
	c := f.client()
	f.login(c)
	for path, want := range map[string]string{
		"/admin/nope":          "后台没有这个页面",
		"/admin/c/999":         "没有这个编号的倡议",
		"/admin/c/abc/roster":  "没有这个编号的倡议",
		"/nope":                "链接无效",
		"/admin/c/1/roster/x/": "后台没有这个页面",
	} {
		page := c.get(f.ts.URL + path)
		if c.status != http.StatusNotFound {
			t.Errorf("%s: status %d", path, c.status)
		}
		mustContain(t, page, want)
		mustNotContain(t, page, "page not found")
	}
}

// TestManualModeWarnsWithoutPublicURL: 人工转发 is for when the bot is
// down; with web.public_url unset its links open only on the server, and
// the page says so.
func TestManualModeWarnsWithoutPublicURL(t *testing.T) {
	f := newFixture(t, 1)
	c := f.client()
	f.login(c)
	manual := "/admin/c/" + strconv.FormatUint(uint64(f.camp.ID), 10) + "/manual"
	mustContain(t, c.get(f.ts.URL+manual), `id="no-public-url"`, "未设置 web.public_url")
	f.cfg.Web.PublicURL = "https://baoming.example.cn"
	f.start()
	c = f.client()
	f.login(c)
	mustNotContain(t, c.get(f.ts.URL+manual), `id="no-public-url"`)
}
