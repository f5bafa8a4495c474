package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

// TestConsoleAuditPageShowsBroadcasts: the console's audit page, linked
// from the campaign list, shows a broadcast queued from the console with
// its door and counts, newest first, escaped; it is for staff only and
// filters by action.
func TestConsoleAuditPageShowsBroadcasts(t *testing.T) {
	f := newFixture(t, 3)
	ctx := context.Background()
	anon := f.client()
	anon.get(f.ts.URL + "/admin/audit")
	if anon.status != http.StatusUnauthorized {
		t.Fatalf("audit page without a session: %d", anon.status)
	}
	c := f.client()
	f.login(c)
	mustContain(t, c.get(f.ts.URL+"/admin"), `href="/admin/audit"`)
	form := previewForm(t, c, f.ts.URL)
	c.post(f.ts.URL+"/admin/broadcast", form)
	if err := f.store.Audit(ctx, "cli", "export", "<b>campaign #1</b>"); err != nil {
		t.Fatal(err)
	}
	page := c.get(f.ts.URL + "/admin/audit")
	mustContain(t, page, "审计日志", "民政局值班员（后台）", `<td data-label="操作者">命令行</td>`, `<td class="who">发布倡议</td>`, "倡议 2「冬季送温暖」：2 个群排队，0 个已发过跳过；目标 all",
		"&lt;b&gt;campaign #1&lt;/b&gt;", `<td class="who">登录后台</td>`)
	if strings.Index(page, `<td class="who">导出 Excel</td>`) > strings.Index(page, `<td class="who">发布倡议</td>`) {
		t.Errorf("audit page not newest first:\n%s", excerpt(page))
	}
	page = c.get(f.ts.URL + "/admin/audit?action=broadcast.queue")
	mustContain(t, page, `<td class="who">发布倡议</td>`)
	mustNotContain(t, page, `<td class="who">登录后台</td>`, "&lt;b&gt;")
}
