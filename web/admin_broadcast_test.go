package web

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"mobilize/models"
)

var draftField = regexp.MustCompile(`name="draft" value="([^"]+)"`)

// TestConsoleBroadcastPreviewThenConfirmOnce: the preview lists both groups
// and one group's messages and queues nothing; confirm creates the campaign
// and queues each group once; the same confirm posted again queues
// nothing more; a bad target is answered in Chinese next to the form.
func TestConsoleBroadcastPreviewThenConfirmOnce(t *testing.T) {
	f := newFixture(t, 3)
	ctx := context.Background()
	c := f.client()
	f.login(c)
	page := c.get(f.ts.URL + "/admin/broadcast")
	mustContain(t, page, "发布倡议", `value="all"`)
	m := draftField.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no draft key in the form")
	}
	form := url.Values{"title": {"冬季送温暖"}, "body": {"请各组织报名参加冬季送温暖活动。"},
		"targets": {"all"}, "draft": {m[1]}, "action": {"preview"}}
	page = c.post(f.ts.URL+"/admin/broadcast", form)
	mustContain(t, page, "营养学会志愿群", "餐饮商会群", "【冬季送温暖】", "请各组织报名参加冬季送温暖活动。", "确认发送")
	if n := f.pending(ctx); n != 0 {
		t.Fatalf("preview queued %d messages", n)
	}
	camps, _ := f.store.Campaigns(ctx, false)
	if len(camps) != 1 {
		t.Fatalf("preview created a campaign: %d", len(camps))
	}

	form.Set("action", "confirm")
	form.Set("csrf", c.csrf())
	c.post(f.ts.URL+"/admin/broadcast", form)
	if c.status != 200 || !strings.HasSuffix(c.lastURL, "/admin/c/2") {
		t.Fatalf("confirm: %d at %s\n%s", c.status, c.lastURL, excerpt(c.last))
	}
	queued := f.pending(ctx)
	if queued == 0 {
		t.Fatal("confirm queued nothing")
	}
	c.post(f.ts.URL+"/admin/broadcast", form)
	if n := f.pending(ctx); n != queued {
		t.Errorf("a repeated confirm queued again: %d then %d", queued, n)
	}
	if camps, _ := f.store.Campaigns(ctx, false); len(camps) != 2 {
		t.Errorf("campaigns after two confirms: %d, want 2", len(camps))
	}

	c.get(f.ts.URL + "/admin/broadcast")
	page = c.post(f.ts.URL+"/admin/broadcast", url.Values{"title": {"标题"}, "body": {"正文"},
		"targets": {"区县:广安"}, "action": {"preview"}})
	mustContain(t, page, "无法识别的目标", "发布倡议")
	mustNotContain(t, page, "确认发送", "broadcast.Error")
	if n := f.pending(ctx); n != queued {
		t.Errorf("a bad target queued: %d", n)
	}
}

func (f *fixture) pending(ctx context.Context) int {
	f.t.Helper()
	rows, err := f.store.OutboxRows(ctx, models.OutboxPending)
	if err != nil {
		f.t.Fatal(err)
	}
	return len(rows)
}

// TestConsoleBroadcastFooterCarriesOrgLink: with web.public_url set, the
// previewed footer carries the first group's organization's own link; the
// other organization's link is not in it.
func TestConsoleBroadcastFooterCarriesOrgLink(t *testing.T) {
	f := newFixture(t, 3)
	f.cfg.Web.PublicURL = "https://m.example.org"
	f.start()
	c := f.client()
	f.login(c)
	c.get(f.ts.URL + "/admin/broadcast")
	page := c.post(f.ts.URL+"/admin/broadcast", url.Values{"title": {"冬季送温暖"}, "body": {"正文"},
		"targets": {"group:营养学会志愿群"}, "action": {"preview"}})
	own := f.srv.links.Signup(2, f.orgs[0].ID)
	other := f.srv.links.Signup(2, f.orgs[1].ID)
	mustContain(t, page, "报名链接", own)
	mustNotContain(t, page, other)
}
