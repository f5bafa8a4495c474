package report

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mobilize/models"
)

var shanghai = time.FixedZone("CST", 8*3600)

// fixture: two organizations, sign-ups over two days, service records and
// pledges whose totals are computed by hand in the test.
func fixture(t *testing.T) (*models.Store, models.Campaign, func(time.Time)) {
	t.Helper()
	s, err := models.Open(filepath.Join(t.TempDir(), "r.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, shanghai)
	s.Now = func() time.Time { return now }
	setNow := func(t time.Time) { now = t }
	ctx := context.Background()
	c, err := s.CreateCampaign(ctx, models.NewCampaign{Title: "抗疫", Roles: []models.Role{
		{Code: "pioneer", Name: "志愿先锋", Quota: 2}, {Code: "reserve", Name: "储备志愿者", Quota: 10}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.ImportOrgs(ctx, []models.OrgRow{{Name: "营养学会", Group: "营养群"}, {Name: "救援队", Group: "救援群"}}); err != nil {
		t.Fatal(err)
	}
	return s, c, setNow
}

// signer returns a sign-up of one person, sent by that person, in c.
func signer(t *testing.T, s *models.Store, c models.Campaign) func(role, name, phone, group string) {
	return func(role, name, phone, group string) {
		t.Helper()
		must[models.SignUpResult](t)(s.SignUp(context.Background(), models.SignUpRequest{CampaignID: c.ID, RoleCode: role,
			Name: name, Phone: phone, GroupName: group, Sender: name}))
	}
}

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func TestTallyAgainstHandComputedFixture(t *testing.T) {
	s, c, setNow := fixture(t)
	ctx := context.Background()
	sign := signer(t, s, c)
	service := func(group, sender, day string, h float64, people int, act string) {
		must[models.ServiceResult](t)(s.AddService(ctx, models.ServiceRequest{GroupName: group, Sender: sender,
			Day: day, Hours: h, People: people, Activity: act}))
	}
	pledge := func(group, item, unit string, qty, value float64) models.Pledge {
		return must[models.Pledge](t)(s.AddPledge(ctx, models.PledgeRequest{CampaignID: c.ID, GroupName: group,
			Sender: "会长", Item: item, Unit: unit, Quantity: qty, Value: value}))
	}
	sendTo(t, s, c, "营养群", "救援群")
	// Day 1 (22nd).
	sign("pioneer", "张三", "13800000001", "营养群")
	sign("reserve", "李四", "13800000002", "救援群")
	service("营养群", "张三", "2026-11-22", 4, 200, "核酸检测")
	p := pledge("营养群", "N95口罩", "个", 20000, 0)
	pledge("救援群", "现金", "元", 5000, 0)
	// Day 2 (23rd).
	setNow(time.Date(2026, 11, 23, 9, 0, 0, 0, shanghai))
	sign("pioneer", "王五", "13800000003", "救援群")
	sign("pioneer", "赵六", "13800000004", "救援群") // waitlisted
	service("营养群", "张三", "2026-11-23", 3.5, 0, "消杀")
	service("救援群", "李四", "2026-11-23", 2, 50, "核酸检测")
	pledge("营养群", "N95口罩", "个", 10000, 0)
	pledge("救援群", "防护服", "套", 50, 30000)
	pledge("救援群", "现金", "元", 2000, 0)
	must[models.Pledge](t)(s.MarkDelivered(ctx, p.ID, models.PledgeOwner{Admin: "值班员"}))
	// Day 3 record must not count on the 23rd.
	setNow(time.Date(2026, 11, 24, 9, 0, 0, 0, shanghai))
	service("救援群", "李四", "2026-11-24", 8, 0, "消杀")
	pledge("救援群", "蔬菜", "吨", 2, 0)

	tl, err := Compute(ctx, s, c.ID, "2026-11-23", shanghai)
	if err != nil {
		t.Fatal(err)
	}
	pio, res := tl.Roles[0], tl.Roles[1]
	if pio.Confirmed != 2 || pio.Waitlisted != 1 || pio.NewConfirmed != 1 || pio.NewWaitlisted != 1 || res.Confirmed != 1 || res.NewConfirmed != 0 {
		t.Errorf("roles %+v %+v", pio, res)
	}
	if tl.Service.Total != (Figures{Hours: 9.5, People: 250, Records: 3}) || tl.Service.Day != (Figures{Hours: 5.5, People: 50, Records: 2}) {
		t.Errorf("service %+v", tl.Service)
	}
	wantItems := []ItemTotal{
		{Item: "N95口罩", Unit: "个", Day: 10000, Total: 30000, Delivered: 20000},
		{Item: "现金", Unit: "元", Day: 2000, Total: 7000},
		{Item: "防护服", Unit: "套", Day: 50, Total: 50},
	}
	if len(tl.Pledges) != len(wantItems) {
		t.Fatalf("pledges %+v", tl.Pledges)
	}
	for i, w := range wantItems {
		if tl.Pledges[i] != w {
			t.Errorf("pledge %d: got %+v want %+v", i, tl.Pledges[i], w)
		}
	}
	if tl.Money != (Money{CashDay: 2000, Cash: 7000, GoodsValue: 30000}) {
		t.Errorf("money %+v", tl.Money)
	}
	if len(tl.Orgs) != 2 || tl.Orgs[0].Name != "救援队" || tl.Orgs[0].Confirmed != 2 || tl.Orgs[0].Waitlisted != 1 ||
		tl.Orgs[0].Money.Cash != 7000 || tl.Orgs[1].Service.Total.Hours != 7.5 || tl.Orgs[0].ByRole[0] != (RoleCount{Confirmed: 1, Waitlisted: 1}) {
		t.Errorf("orgs %+v", tl.Orgs)
	}
	text := tl.Text()
	// Computed on the 24th: the 23rd is a past day, never 今日, and its
	// heading carries the year.
	if strings.Contains(text, "今日") || strings.Contains(tl.Markdown(), "今日") {
		t.Errorf("a past day's tally says 今日:\n%s", text)
	}
	for _, want := range []string{"【抗疫】2026年11月23日统计", "确认 3 人（当日 +1），候补 1 人（当日 +1）", "· 志愿先锋 2/2（当日 +1），候补 1",
		"当日 5.5 小时 / 50 人次；累计 9.5 小时 / 250 人次", "现金 7000 元", "N95口罩 30000 个", "防护服 50 套", "物资价值 30000 元",
		"组织：已响应 2/2，0 个尚无人报名", "最多：救援队 3、营养学会 1"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "1380000") {
		t.Errorf("phone number in the tally:\n%s", text)
	}
	md := tl.Markdown()
	for _, want := range []string{"| 志愿先锋 | 2 | 2 | 1 | 1 | 1 | 0 |", "| 救援队 | 2 | 1 | 2 | 2 | 7000 |"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
}
