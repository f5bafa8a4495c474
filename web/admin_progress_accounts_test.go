package web

import (
	"context"
	"strings"
	"testing"

	"mobilize/broadcast"
	"mobilize/models"
)

// accountsFixture is a fixture with two accounts, 值班号1 and 值班号2, each
// serving the groups served names.
func accountsFixture(t testing.TB, served map[string][]string) *fixture {
	t.Helper()
	f := newFixtureOpts(t, 2, models.WithAccounts([]string{"值班号1", "值班号2"}))
	for account, groups := range served {
		if err := f.store.NoteServed(context.Background(), account, groups); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// queueTo queues the campaign to the groups targets name and returns how
// many were queued.
func (f *fixture) queueTo(targets ...string) int {
	f.t.Helper()
	ctx := context.Background()
	b := broadcast.New(f.store, f.cfg)
	plan, err := b.Plan(ctx, broadcast.Draft{CampaignID: f.camp.ID, Targets: targets, By: "test"})
	if err != nil {
		f.t.Fatal(err)
	}
	res, err := b.QueueCampaign(ctx, plan, nil)
	if err != nil {
		f.t.Fatal(err)
	}
	return res.Queued
}

// With two accounts the 进度 page names, for each group, the account that
// sends it the campaign: a queued group its rows' account — even after
// staff gave the group another owner, as the rows stay where they were
// queued — and a group not sent to its owner. Every group's account is
// the one `broadcast status` reads.
func TestConsoleProgressNamesTheAccountPerGroup(t *testing.T) {
	// Both accounts are in 营养学会志愿群, only 值班号2 in 餐饮商会群.
	f := accountsFixture(t, map[string][]string{"值班号1": {"营养学会志愿群"}, "值班号2": {"营养学会志愿群", "餐饮商会群"}})
	ctx := context.Background()
	queuedBy, err := f.store.GroupOwner(ctx, "营养学会志愿群")
	if err != nil || queuedBy == "" {
		t.Fatalf("owner %q %v", queuedBy, err)
	}
	if n := f.queueTo("org:广安市营养学会"); n != 1 {
		t.Fatalf("queued %d groups", n)
	}
	other := map[string]string{"值班号1": "值班号2", "值班号2": "值班号1"}[queuedBy]
	if _, _, err := f.store.AssignOwner(ctx, "营养学会志愿群", other, "test"); err != nil {
		t.Fatal(err)
	}

	c := f.client()
	f.login(c)
	page := c.get(f.ts.URL + "/admin/c/1")
	mustContain(t, page, "营养学会志愿群（"+queuedBy+"）", "餐饮商会群（值班号2）")
	mustNotContain(t, page, "营养学会志愿群（"+other+"）")

	st, err := broadcast.New(f.store, f.cfg).Status(ctx, f.camp.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Groups) != 1 || st.Groups[0].Account != queuedBy {
		t.Fatalf("broadcast status names %+v, want %s (the rows' account)", st.Groups, queuedBy)
	}
	for group, account := range st.Senders() {
		mustContain(t, page, group+"（"+account+"）")
	}
}

// With the one implicit account the page names no account: a small
// bureau's 进度 reads as before.
func TestConsoleProgressWithOneAccountNamesNone(t *testing.T) {
	f := newFixture(t, 3)
	if err := f.store.NoteServed(context.Background(), "默认", []string{"营养学会志愿群", "餐饮商会群"}); err != nil {
		t.Fatal(err)
	}
	f.queueTo("all")
	c := f.client()
	f.login(c)
	page := c.get(f.ts.URL + "/admin/c/1")
	mustContain(t, page, "营养学会志愿群")
	mustNotContain(t, page, "默认", "无账号")
	if strings.Contains(page, "营养学会志愿群（") {
		t.Fatalf("a group names an account with one account:\n%s", excerpt(page))
	}
}
