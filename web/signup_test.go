package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"mobilize/models"
)

func TestSignupConfirmsThenWaitlists(t *testing.T) {
	f := newFixture(t, 1)
	c := f.client()
	page := c.get(f.link(0))
	mustContain(t, page, "抗疫志愿者招募", "广安市营养学会", "志愿先锋", "剩余 1 / 1", "个人信息说明",
		"&lt;script&gt;alert(1)&lt;/script&gt;")
	mustNotContain(t, page, "<script>")

	page = c.post(f.link(0), url.Values{"name": {"张三"}, "phone": {"138 0013 8000"}, "role": {"pioneer"}, "remark": {"党员，有车"}})
	if c.status != http.StatusOK || !strings.Contains(c.lastURL, "/r/") {
		t.Fatalf("status %d at %s", c.status, c.lastURL)
	}
	mustContain(t, page, "报名成功", "张三（138****8000）", "已确认：志愿先锋", c.lastURL[:strings.Index(c.lastURL, "?")])
	mustNotContain(t, page, "13800138000")

	page = f.client().signUp(f.link(1), "李四", "13900139000", "pioneer")
	mustContain(t, page, "名额已满，已列入候补", "志愿先锋候补第 1 位", "广安市餐饮商会")

	regs := f.roster()
	if len(regs) != 2 || regs[0].Status != models.StatusConfirmed || regs[1].Status != models.StatusWaitlisted {
		t.Fatalf("roster %+v", regs)
	}
	if regs[0].Remark != "党员 有车" {
		t.Errorf("remark %q", regs[0].Remark)
	}
	if regs[0].Group.Name != "营养学会志愿群" || regs[1].Group.Organization.Name != "广安市餐饮商会" {
		t.Errorf("sign-ups filed under %q and %q", regs[0].Group.Name, regs[1].Group.Organization.Name)
	}
	if got := f.client().get(f.link(0)); !strings.Contains(got, "已满，可报候补，候补 1 人") {
		t.Errorf("places after filling:\n%s", excerpt(got))
	}
}

// TestSamePhoneTwiceChangesNothing: knowing a name and a phone must not
// move, cancel or reveal a registration (issue 15, finding 3): a second
// submission, with the same or another role, is told the phone is taken,
// masked, gets no personal link, and the registration stays as it was.
func TestSamePhoneTwiceChangesNothing(t *testing.T) {
	f := newFixture(t, 1)
	f.client().signUp(f.link(0), "张三", "13800138000", "pioneer")
	for _, role := range []string{"pioneer", "reserve"} {
		c := f.client()
		page := c.signUp(f.link(0), "张三", "13800138000", role)
		mustContain(t, page, "该手机号已报名：张*（138****8000）志愿先锋（已确认）", "个人页面链接")
		if strings.Contains(page, "13800138000\"<") || strings.Contains(page, "取消报名</button>") || c.status != http.StatusConflict {
			t.Errorf("role %s: status %d, page offers the registration:\n%s", role, c.status, excerpt(page))
		}
	}
	regs := f.roster()
	if len(regs) != 1 || regs[0].Role.Code != "pioneer" || regs[0].Status != models.StatusConfirmed {
		t.Fatalf("registrations changed: %+v", regs)
	}
	page := f.client().signUp(f.link(0), "王五", "13800138000", "pioneer")
	mustContain(t, page, "该手机号已用另一个姓名报名")
	if c := f.roster()[0]; c.Volunteer.Name != "张三" {
		t.Errorf("owner renamed to %q", c.Volunteer.Name)
	}
}

func TestFieldErrorsAreShownNextToTheFieldAndNothingIsStored(t *testing.T) {
	f := newFixture(t, 3)
	for _, tc := range []struct {
		name, phone, role string
		want              string
	}{
		{"张", "13800138000", "pioneer", "请填写真实姓名"},
		{"先锋", "13800138000", "pioneer", "请填写真实姓名"},
		{"张三", "1380013800", "pioneer", "请填写 11 位手机号"},
		{"张三", "12345678901", "pioneer", "请填写 11 位手机号"},
		{"张三", "13800138000", "", "请选择岗位"},
		{"张三", "13800138000", "captain", "请选择岗位"},
		{"一三八零零·一三八零零零", "13800138000", "pioneer", "姓名一栏不能填手机号"},
	} {
		c := f.client()
		page := c.signUp(f.link(0), tc.name, tc.phone, tc.role)
		if c.status != http.StatusUnprocessableEntity {
			t.Errorf("%+v: status %d", tc, c.status)
		}
		mustContain(t, page, tc.want, "请按提示修改后再提交", `value="`+tc.name+`"`)
	}
	if n := len(f.roster()); n != 0 {
		t.Errorf("%d registrations stored from bad forms", n)
	}
	// Full-width digits and a +86 prefix read as the chat reads them.
	page := f.client().signUp(f.link(0), "Ｌｉ Ｍｉｎｇ", "+86 １３８-００１３-８０００", "reserve")
	mustContain(t, page, "Li Ming（138****8000）", "已确认：储备志愿者")
}

func TestForgedLinksAreRefused(t *testing.T) {
	f := newFixture(t, 3)
	good := f.link(0)
	tok := good[strings.LastIndex(good, "/")+1:]
	flip := []byte(tok)
	flip[0] ^= 1
	other := f.srv.links.token(kindSignup, uint64(f.camp.ID), uint64(f.orgs[1].ID))
	personal := f.srv.links.token(kindPersonal, 1)
	for _, bad := range []string{string(flip), tok[:len(tok)-2], other[:4] + tok[4:], personal, "x", "..%2f"} {
		c := f.client()
		c.get(f.ts.URL + "/s/" + bad)
		if c.status != http.StatusNotFound || !strings.Contains(c.last, "链接无效") {
			t.Errorf("token %q: status %d", bad, c.status)
		}
	}
	c := f.client()
	c.get(f.ts.URL + "/r/" + tok)
	if c.status != http.StatusNotFound {
		t.Errorf("sign-up token as personal: %d", c.status)
	}
}

func TestFormTokenCrossOriginAndHoneypot(t *testing.T) {
	f := newFixture(t, 3)
	c := f.client()
	c.get(f.link(0))
	c.post(f.link(0), url.Values{"csrf": {"forged"}, "name": {"张三"}, "phone": {"13800138000"}, "role": {"pioneer"}})
	if c.status != http.StatusForbidden || !strings.Contains(c.last, "页面已过期") {
		t.Errorf("forged form token: %d", c.status)
	}
	// The refused form keeps what was typed and carries a fresh token.
	c.post(f.link(0), url.Values{"name": {"张三"}, "phone": {"13800138000"}, "role": {"pioneer"}})
	if c.status != http.StatusOK {
		t.Errorf("resubmitted: %d\n%s", c.status, excerpt(c.last))
	}

	x := f.client()
	x.get(f.link(0))
	x.setup = func(r *http.Request) { r.Header.Set("Sec-Fetch-Site", "cross-site") }
	x.post(f.link(0), url.Values{"name": {"李四"}, "phone": {"13900139000"}, "role": {"pioneer"}})
	if x.status != http.StatusForbidden {
		t.Errorf("cross-site post: %d", x.status)
	}

	h := f.client()
	h.get(f.link(0))
	h.post(f.link(0), url.Values{"name": {"王五"}, "phone": {"13700137000"}, "role": {"pioneer"}, "website": {"http://spam"}})
	if h.status != http.StatusBadRequest {
		t.Errorf("honeypot: %d", h.status)
	}
	if n := len(f.roster()); n != 1 {
		t.Errorf("%d registrations, want only the genuine one", n)
	}
}

func TestRequestSizeIsLimited(t *testing.T) {
	f := newFixture(t, 3)
	c := f.client()
	c.get(f.link(0))
	c.post(f.link(0), url.Values{"name": {"张三"}, "phone": {"13800138000"}, "role": {"pioneer"},
		"pad": {strings.Repeat("x", 64<<10)}})
	if c.status != http.StatusBadRequest {
		t.Errorf("oversized form: %d", c.status)
	}
	if n := len(f.roster()); n != 0 {
		t.Errorf("%d stored", n)
	}
}

func TestCancelFromThePersonalLinkPromotesAndAnnounces(t *testing.T) {
	f := newFixture(t, 1)
	first := f.client()
	first.signUp(f.link(0), "张三", "13800138000", "pioneer")
	firstPage := first.lastURL[:strings.Index(first.lastURL, "?")]
	second := f.client()
	second.signUp(f.link(1), "李四", "13900139000", "pioneer")
	secondPage := second.lastURL[:strings.Index(second.lastURL, "?")]

	first.get(firstPage)
	page := first.post(firstPage+"/cancel", url.Values{"sure": {"on"}})
	mustContain(t, page, "已取消报名", "已取消志愿先锋报名")
	mustNotContain(t, page, `id="cancel"`)

	mustContain(t, second.get(secondPage), "已由候补递补为志愿先锋")
	rows, err := f.store.OutboxRows(context.Background(), models.OutboxPending)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Target != "餐饮商会群" || !rows[0].IsGroup ||
		!strings.Contains(rows[0].Text, "李四（139****9000）已由候补递补为志愿先锋") {
		t.Fatalf("outbox %+v", rows)
	}
	// Cancelling again changes nothing and says it is cancelled.
	first.get(firstPage)
	if strings.Contains(first.last, `id="cancel"`) {
		t.Error("a cancelled registration still offers to cancel")
	}
}

func TestRateLimitPerClient(t *testing.T) {
	f := newFixture(t, 3)
	f.cfg.Web.RatePerMinute = 2
	f.cfg.Web.TrustedProxies = []string{"127.0.0.1"}
	f.start()
	n := 0
	post := func(ip string) int {
		c := f.client()
		c.get(f.link(0))
		c.setup = func(r *http.Request) { r.Header.Set("X-Forwarded-For", ip) }
		n++ // a new person each time: a repeated phone is refused (409)
		c.post(f.link(0), url.Values{"name": {"张三"}, "phone": {fmt.Sprintf("1380013800%d", n)}, "role": {"pioneer"}})
		return c.status
	}
	for i, want := range []int{200, 200, 429} {
		if got := post("203.0.113.7"); got != want {
			t.Errorf("post %d from one client: %d, want %d", i+1, got, want)
		}
	}
	if got := post("203.0.113.8"); got != 200 {
		t.Errorf("another client behind the proxy: %d", got)
	}
}

func TestSignupLinksAreCachedBriefly(t *testing.T) {
	f := newFixture(t, 3)
	now := time.Now()
	f.srv.targets.now = func() time.Time { return now }
	ctx := context.Background()
	first, err := f.srv.targets.get(ctx, f.store, f.camp.ID, f.orgs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.store.CloseCampaign(ctx, f.camp.ID, "test"); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.srv.targets.get(ctx, f.store, f.camp.ID, f.orgs[0].ID); got.Campaign.Status != first.Campaign.Status {
		t.Error("a fresh entry was not reused")
	}
	// The sign-up itself refuses a closed campaign whatever the page saw.
	c := f.client()
	c.signUp(f.link(0), "张三", "13800138000", "pioneer")
	if c.status != http.StatusGone || len(f.roster()) != 0 {
		t.Errorf("sign-up into a closed campaign: %d, %d stored", c.status, len(f.roster()))
	}
	now = now.Add(targetTTL)
	if got, _ := f.srv.targets.get(ctx, f.store, f.camp.ID, f.orgs[0].ID); got.Campaign.Status != models.CampaignClosed {
		t.Error("a stale entry was reused")
	}
}
