package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"mobilize/broadcast"
	"mobilize/models"
)

// TestConsoleProgressShowsDeliveredPerOrganization queues the campaign to
// both groups and sends only the first group's messages: that organization
// shows its delivery time, the other "未送达", and both stay listed as not
// answered yet.
func TestConsoleProgressShowsDeliveredPerOrganization(t *testing.T) {
	f := newFixture(t, 3)
	ctx := context.Background()
	sent := time.Date(2026, 11, 30, 1, 30, 0, 0, time.UTC)
	f.store.Now = func() time.Time { return sent }
	b := broadcast.New(f.store, f.cfg)
	plan, err := b.Plan(ctx, broadcast.Draft{CampaignID: f.camp.ID, Targets: []string{"all"}, By: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if res, err := b.QueueCampaign(ctx, plan, nil); err != nil || res.Queued != 2 {
		t.Fatalf("queue: %+v %v", res, err)
	}
	rows, err := f.store.OutboxRows(ctx, models.OutboxPending)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		if row.Target != "营养学会志愿群" {
			continue
		}
		if _, err := f.store.ClaimOutbox(ctx, row.ID); err != nil {
			t.Fatal(err)
		}
		if err := f.store.FinishOutbox(ctx, row.ID, models.OutboxOutcome{Status: models.OutboxSent}); err != nil {
			t.Fatal(err)
		}
	}
	c := f.client()
	f.login(c)
	page := c.get(f.ts.URL + "/admin/c/1")
	want := sent.In(f.cfg.Location).Format("01-02 15:04")
	mustContain(t, page, "送达", want, "未送达", "已响应 0 / 2 个收到倡议的组织，未响应 2 个")
	i, j := strings.Index(page, "广安市营养学会"), strings.Index(page, "广安市餐饮商会")
	if i < 0 || j < 0 {
		t.Fatal("an organization is missing from the progress table")
	}
	first, second := page[i:j], page[j:]
	if i > j {
		first, second = page[i:], page[j:i]
	}
	mustContain(t, first, want)
	mustNotContain(t, first, "未送达")
	mustContain(t, second, "未送达", "未响应")
}
