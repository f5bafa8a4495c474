package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"mobilize/models"
)

// TestPersonalPageChangesRoleAndOrganization: issue 15. The owner's page
// moves the registration to another role — the confirmed place it frees
// goes to the first in line, who is told — and to another organization;
// the old link follows to the registration's real state, and both changes
// are audited. A form without its token changes nothing.
func TestPersonalPageChangesRoleAndOrganization(t *testing.T) {
	f := newFixture(t, 1)
	owner := f.client()
	owner.signUp(f.link(0), "张三", "13800138000", "pioneer")
	page, _, _ := strings.Cut(owner.lastURL, "?")
	f.client().signUp(f.link(1), "李四", "13900139000", "pioneer") // waits for 先锋
	mustContain(t, owner.get(page), "更改岗位或组织", `id="change-role"`, "广安市餐饮商会")

	stranger := f.client()
	stranger.post(page+"/change", url.Values{"role": {"reserve"}, "csrf": {"forged"}})
	if stranger.status != http.StatusForbidden {
		t.Errorf("a forged form: %d", stranger.status)
	}
	owner.get(page)
	got := owner.post(page+"/change", url.Values{"role": {"reserve"}, "org": {fmt.Sprint(f.orgs[0].ID)}})
	mustContain(t, got, "已更改", "已确认：储备志愿者")
	now, _, _ := strings.Cut(owner.lastURL, "?")
	if now == page {
		t.Error("the page did not move to the new registration")
	}
	mustContain(t, owner.get(page), "已确认：储备志愿者") // the old link follows
	regs := f.roster()
	for _, r := range regs {
		if r.Volunteer.Name == "李四" && (r.Status != models.StatusConfirmed || r.Role.Code != "pioneer") {
			t.Errorf("李四 not promoted: %s %s", r.Role.Code, r.Status)
		}
	}

	got = owner.post(now+"/change", url.Values{"role": {"reserve"}, "org": {fmt.Sprint(f.orgs[1].ID)}})
	mustContain(t, got, "已更改", "广安市餐饮商会")
	for _, r := range f.roster() {
		if r.Volunteer.Name == "张三" && r.Status != models.StatusCancelled && r.Group.Name != "餐饮商会群" {
			t.Errorf("张三 still in %s", r.Group.Name)
		}
	}
	for _, action := range []string{models.AuditOwnChange, models.AuditRegroup} {
		if trail, _ := f.store.AuditTrail(context.Background(), action); len(trail) == 0 {
			t.Errorf("no %s audit record", action)
		}
	}
	got = owner.post(now+"/change", url.Values{"role": {"reserve"}, "org": {fmt.Sprint(f.orgs[1].ID)}})
	if !strings.Contains(got, "没有更改") {
		t.Errorf("the same choice again: %s", excerpt(got))
	}
}
