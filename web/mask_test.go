package web

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"mobilize/models"
)

// A group and an organization named with a phone (李四13900139000的群,
// bound before it was imported or typed so by staff) and a remark that
// spells one out are masked on the public sign-up page, the personal page,
// the masked roster, the progress page and the manual page.
func TestPagesMaskNamesOfGroupsAndOrganizations(t *testing.T) {
	f := newFixture(t, 3)
	ctx := context.Background()
	if _, _, err := f.store.ImportOrgs(ctx, []models.OrgRow{{Name: "李四13900139000的学会", Group: "李四13900139000的群"}}); err != nil {
		t.Fatal(err)
	}
	orgs, err := f.store.ListOrgs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var link string
	for _, o := range orgs {
		if o.Name == "李四13900139000的学会" {
			link = f.srv.links.Signup(f.camp.ID, o.ID)
		}
	}
	leaks := []string{"13900139000", "13800138000", "138*0013*8000"}
	c := f.client()
	page := c.get(link)
	mustContain(t, page, "李四139****9000的学会")
	mustNotContain(t, page, leaks...)
	page = c.post(link, url.Values{"name": {"张三"}, "phone": {"13700137000"}, "role": {"pioneer"}, "remark": {"备用138*0013*8000"}})
	mustContain(t, page, "李四139****9000的学会", "137****7000")
	mustNotContain(t, page, leaks...)

	for _, reg := range f.roster() { // what mobilize roster prints without --full
		if strings.Contains(reg.Remark, "138*0013*8000") {
			t.Errorf("remark stored whole: %q", reg.Remark)
		}
	}

	admin := f.client()
	f.login(admin)
	base := f.ts.URL + "/admin/c/1"
	for _, p := range []string{"", "/roster", "/manual"} {
		page = admin.get(base + p)
		mustContain(t, page, "李四139****9000")
		mustNotContain(t, page, leaks...)
	}
}
