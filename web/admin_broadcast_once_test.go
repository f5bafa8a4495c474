package web

import (
	"context"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"mobilize/models"
)

// previewForm opens the broadcast form on base, previews a broadcast to
// all groups and returns the posted values with action=confirm, as the
// preview page's 确认发送 button submits them.
func previewForm(t *testing.T, c *client, base string) url.Values {
	t.Helper()
	page := c.get(base + "/admin/broadcast")
	m := draftField.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no draft key in the form")
	}
	form := url.Values{"title": {"冬季送温暖"}, "body": {"请各组织报名参加冬季送温暖活动。"},
		"targets": {"all"}, "draft": {m[1]}, "action": {"preview"}}
	page = c.post(base+"/admin/broadcast", form)
	mustContain(t, page, "确认发送")
	form.Set("action", "confirm")
	form.Set("csrf", c.csrf())
	return form
}

// secondProcess is another web server on its own connection to the same
// database file, as `mobilize web` beside `mobilize run` would be.
func (f *fixture) secondProcess() *httptest.Server {
	f.t.Helper()
	store, err := models.Open(f.dbPath, nil)
	if err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(func() { store.Close() })
	srv, err := New(context.Background(), Deps{Store: store, Config: f.cfg,
		Announce: func(context.Context, []models.Registration) error { return nil }})
	if err != nil {
		f.t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	f.t.Cleanup(ts.Close)
	return ts
}

// TestConsoleBroadcastConfirmOnceAcrossProcessesAndRestarts: one preview
// confirmed at the same moment through two processes on one database (two
// tabs, a double tap), then again after a restart (a replayed POST),
// creates one campaign and queues each group once. Confirmed drafts used
// to live in each process's memory, so each process queued its own copy.
func TestConsoleBroadcastConfirmOnceAcrossProcessesAndRestarts(t *testing.T) {
	f := newFixture(t, 3)
	ctx := context.Background()
	other := f.secondProcess()
	c1, c2 := f.client(), f.client()
	f.login(c1)
	f.login(c2)
	form := previewForm(t, c1, f.ts.URL)
	form2 := url.Values{}
	for k, v := range form {
		form2[k] = v
	}
	c2.get(other.URL + "/admin/broadcast")
	form2.Set("csrf", c2.csrf())

	var wg sync.WaitGroup
	wg.Go(func() { c1.post(f.ts.URL+"/admin/broadcast", form) })
	wg.Go(func() { c2.post(other.URL+"/admin/broadcast", form2) })
	wg.Wait()
	for _, c := range []*client{c1, c2} {
		if c.status != 200 || !strings.HasSuffix(c.lastURL, "/admin/c/2") {
			t.Fatalf("confirm: %d at %s\n%s", c.status, c.lastURL, excerpt(c.last))
		}
	}
	queued := f.pending(ctx)
	if queued == 0 {
		t.Fatal("confirm queued nothing")
	}
	f.start() // the web process restarts; the same POST comes again
	c1.post(f.ts.URL+"/admin/broadcast", form)
	if c1.status != 200 || !strings.HasSuffix(c1.lastURL, "/admin/c/2") {
		t.Fatalf("replay after restart: %d at %s", c1.status, c1.lastURL)
	}
	if n := f.pending(ctx); n != queued {
		t.Errorf("outbox rows after the replays: %d, want %d", n, queued)
	}
	camps, _ := f.store.Campaigns(ctx, false)
	if len(camps) != 2 {
		t.Fatalf("campaigns: %d, want 2 (the fixture's and this one)", len(camps))
	}
	parts, err := f.store.DeliveryParts(ctx, camps[0].ID)
	if err != nil || len(parts) != queued {
		t.Fatalf("delivery parts %d, %v; outbox rows %d", len(parts), err, queued)
	}
	// Audited as the console's, each group once: the two confirms at the
	// same moment may share the groups between them; the replay queued
	// nothing.
	trail, err := f.store.AuditTrail(ctx, "broadcast.queue")
	groups := 0
	for _, a := range trail {
		m := queuedGroups.FindStringSubmatch(a.Detail)
		if a.Actor != "web:民政局值班员" || m == nil {
			t.Fatalf("audit %+v", a)
		}
		n, _ := strconv.Atoi(m[1])
		groups += n
	}
	if err != nil || groups != 2 {
		t.Fatalf("audit %+v, %v: %d groups, want 2", trail, err, groups)
	}
}

var queuedGroups = regexp.MustCompile(`^倡议 2「冬季送温暖」：(\d+) 个群排队，\d+ 个已发过跳过；目标 all$`)

// TestConsoleBroadcastConfirmQueuesWhatWasPreviewed: a confirm with no
// preview, or with the body edited after the preview, queues nothing and
// shows a fresh preview saying why; confirming that fresh preview queues
// the edited body.
func TestConsoleBroadcastConfirmQueuesWhatWasPreviewed(t *testing.T) {
	f := newFixture(t, 3)
	ctx := context.Background()
	c := f.client()
	f.login(c)
	c.get(f.ts.URL + "/admin/broadcast")
	page := c.post(f.ts.URL+"/admin/broadcast", url.Values{"title": {"冬季送温暖"}, "body": {"正文"},
		"targets": {"all"}, "draft": {"never-previewed"}, "action": {"confirm"}})
	mustContain(t, page, "请先核对下面的预览", "确认发送")
	if n := f.pending(ctx); n != 0 {
		t.Fatalf("a confirm without preview queued %d", n)
	}

	form := previewForm(t, c, f.ts.URL)
	form.Set("body", "改过的正文：请各组织报名。")
	page = c.post(f.ts.URL+"/admin/broadcast", form)
	mustContain(t, page, "预览之后内容有改动", "改过的正文")
	if n := f.pending(ctx); n != 0 {
		t.Fatalf("an edited confirm queued %d", n)
	}
	form.Set("csrf", c.csrf())
	c.post(f.ts.URL+"/admin/broadcast", form)
	if !strings.HasSuffix(c.lastURL, "/admin/c/2") {
		t.Fatalf("confirm of the new preview: %d at %s\n%s", c.status, c.lastURL, excerpt(c.last))
	}
	rows, err := f.store.OutboxRows(ctx, models.OutboxPending)
	if err != nil || len(rows) == 0 || !strings.Contains(rows[0].Text, "改过的正文") {
		t.Fatalf("queued %+v, %v", rows, err)
	}
}

// TestConsoleBroadcastReplayAfterCloseQueuesNothing: the confirm POST
// replayed after the campaign was closed (关闭) opens its progress page;
// nothing is queued again and no second campaign is created.
func TestConsoleBroadcastReplayAfterCloseQueuesNothing(t *testing.T) {
	f := newFixture(t, 3)
	ctx := context.Background()
	c := f.client()
	f.login(c)
	form := previewForm(t, c, f.ts.URL)
	c.post(f.ts.URL+"/admin/broadcast", form)
	if err := f.store.CloseCampaign(ctx, 2, "admin:民政局值班员"); err != nil {
		t.Fatal(err)
	}
	c.post(f.ts.URL+"/admin/broadcast", form)
	if c.status != 200 || !strings.HasSuffix(c.lastURL, "/admin/c/2") {
		t.Fatalf("replay after close: %d at %s\n%s", c.status, c.lastURL, excerpt(c.last))
	}
	if n := f.pending(ctx); n != 0 {
		t.Errorf("%d rows pending after the close and the replay", n)
	}
	if camps, _ := f.store.Campaigns(ctx, false); len(camps) != 2 {
		t.Errorf("campaigns: %d, want 2", len(camps))
	}
}

// TestConsoleBroadcastTakesALongBody: a 倡议书 of 6,000 Chinese characters
// (54 KB once encoded, more than the other forms may post) is previewed in
// parts; one past the configured maximum is answered in Chinese next to
// the form, which keeps it; a post past even the byte limit says the body
// is too long, not that the page expired.
func TestConsoleBroadcastTakesALongBody(t *testing.T) {
	f := newFixture(t, 3)
	c := f.client()
	f.login(c)
	c.get(f.ts.URL + "/admin/broadcast")
	long := strings.Repeat(strings.Repeat("倡", 99)+"。\n\n", 60)
	page := c.post(f.ts.URL+"/admin/broadcast", url.Values{"title": {"冬季送温暖"}, "body": {long},
		"targets": {"all"}, "action": {"preview"}})
	mustContain(t, page, "确认发送", "（1/4）")
	over := strings.Repeat("倡", f.cfg.Broadcast.MaxBodyChars+1)
	page = c.post(f.ts.URL+"/admin/broadcast", url.Values{"title": {"冬季送温暖"}, "body": {over},
		"targets": {"all"}, "action": {"preview"}})
	mustContain(t, page, "正文过长", over)
	page = c.post(f.ts.URL+"/admin/broadcast", url.Values{"title": {"冬季送温暖"}, "body": {over + over},
		"targets": {"all"}, "action": {"preview"}})
	if c.status != 413 || !strings.Contains(page, "正文最多") || strings.Contains(page, "页面已过期") {
		t.Fatalf("an oversized post: %d\n%s", c.status, excerpt(page))
	}
}
