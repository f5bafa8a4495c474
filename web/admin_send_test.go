package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"mobilize/models"
)

// sealOf is the preview's seal as the send page carries it.
var sealOf = regexp.MustCompile(`name="seen" value="([^"]*)"`)

func (f *fixture) queuedGroups(id uint) int {
	f.t.Helper()
	got, err := f.store.DeliveredGroupIDs(context.Background(), id)
	if err != nil {
		f.t.Fatal(err)
	}
	return len(got)
}

// TestConsoleSendsACampaignToMoreGroups: 发给更多群 previews the groups
// the campaign has not reached, queues them on confirm, and a second
// confirm sends nothing twice.
func TestConsoleSendsACampaignToMoreGroups(t *testing.T) {
	f := newFixture(t, 1)
	c := f.client()
	f.login(c)
	send := f.ts.URL + "/admin/c/" + strconv.FormatUint(uint64(f.camp.ID), 10) + "/send"
	page := c.get(send)
	mustContain(t, page, "发给更多群", `name="targets" value="all"`)
	mustNotContain(t, page, `name="body"`) // the campaign has its body

	page = c.post(send, url.Values{"csrf": {c.csrf()}, "targets": {"org:广安市营养学会"}, "action": {"preview"}})
	mustContain(t, page, "营养学会志愿群", `id="confirm"`, "各社会组织")
	mustNotContain(t, page, "餐饮商会群")
	if f.queuedGroups(f.camp.ID) != 0 {
		t.Fatal("a preview queued something")
	}
	seen := sealOf.FindStringSubmatch(page)[1]
	page = c.post(send, url.Values{"csrf": {c.csrf()}, "targets": {"org:广安市营养学会"}, "action": {"confirm"}, "seen": {seen}})
	if c.status != http.StatusOK || !strings.HasSuffix(c.lastURL, "/admin/c/1") || f.queuedGroups(f.camp.ID) != 1 {
		t.Fatalf("confirm: %d at %s, %d groups queued", c.status, c.lastURL, f.queuedGroups(f.camp.ID))
	}
	page = c.post(send, url.Values{"csrf": {c.csrf()}, "targets": {"org:广安市营养学会"}, "action": {"confirm"}, "seen": {seen}})
	mustContain(t, page, "都已发过本倡议")
	mustNotContain(t, page, `id="confirm"`)

	// A seal from another preview (the plan changed since) queues nothing.
	page = c.post(send, url.Values{"csrf": {c.csrf()}, "targets": {"all"}, "action": {"confirm"}, "seen": {seen}})
	mustContain(t, page, "预览之后内容有改动", "餐饮商会群", `id="confirm"`)
	if f.queuedGroups(f.camp.ID) != 1 {
		t.Errorf("a confirm of an unseen plan queued: %d groups", f.queuedGroups(f.camp.ID))
	}
}

// TestConsoleGivesABareCampaignItsBody: a campaign made by `campaign
// create` without a body can be sent from the console, which asks for the
// 正文 in Chinese and keeps it as the campaign's body.
func TestConsoleGivesABareCampaignItsBody(t *testing.T) {
	f := newFixture(t, 1)
	bare, err := f.store.CreateCampaign(context.Background(), models.NewCampaign{Title: "冬季送温暖", CreatedBy: "cli",
		Roles: []models.Role{{Code: "pioneer", Name: "志愿先锋", Quota: 3, PhoneRequired: true}}})
	if err != nil {
		t.Fatal(err)
	}
	c := f.client()
	f.login(c)
	send := f.ts.URL + "/admin/c/" + strconv.FormatUint(uint64(bare.ID), 10) + "/send"
	mustContain(t, c.get(send), `name="body"`, "还没有正文")
	page := c.post(send, url.Values{"csrf": {c.csrf()}, "targets": {"all"}, "action": {"preview"}})
	if c.status != http.StatusUnprocessableEntity {
		t.Errorf("blank body: status %d", c.status)
	}
	mustContain(t, page, "请先在“正文”一栏填写")
	body := "请各组织动员会员为困难老人送棉被。"
	page = c.post(send, url.Values{"csrf": {c.csrf()}, "targets": {"all"}, "body": {body}, "action": {"preview"}})
	mustContain(t, page, body, `id="confirm"`)
	seen := sealOf.FindStringSubmatch(page)[1]
	c.post(send, url.Values{"csrf": {c.csrf()}, "targets": {"all"}, "body": {body}, "action": {"confirm"}, "seen": {seen}})
	got, err := f.store.Campaign(context.Background(), bare.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Body != body || f.queuedGroups(bare.ID) != 2 {
		t.Errorf("bare campaign after confirm: body %q, %d groups queued", got.Body, f.queuedGroups(bare.ID))
	}
}
