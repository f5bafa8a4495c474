package report

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"mobilize/models"
)

// TestPastDayUnchangedByLaterCancellations computes the 22nd, then cancels
// and promotes on the 23rd: the 22nd's tally is the same as before, and the
// 23rd's shows the changes.
func TestPastDayUnchangedByLaterCancellations(t *testing.T) {
	s, c, setNow := fixture(t)
	ctx := context.Background()
	sign := signer(t, s, c)
	sign("pioneer", "张三", "13800000001", "营养群")
	sign("pioneer", "李四", "13800000002", "救援群")
	sign("pioneer", "王五", "13800000003", "救援群") // waitlisted
	sign("reserve", "赵六", "13800000004", "营养群")
	before := must[Tally](t)(Compute(ctx, s, c.ID, "2026-11-22", shanghai))
	setNow(time.Date(2026, 11, 23, 9, 0, 0, 0, shanghai))
	must[models.CancelResult](t)(s.CancelByAdmin(ctx, c.ID, models.Who{Phone: "13800000002", GroupName: "救援群"})) // promotes 王五
	must[models.CancelResult](t)(s.CancelByAdmin(ctx, c.ID, models.Who{Phone: "13800000004", GroupName: "营养群"}))
	after := must[Tally](t)(Compute(ctx, s, c.ID, "2026-11-22", shanghai))
	before.Generated, after.Generated = time.Time{}, time.Time{}
	if a, b := jsonOf(t, before), jsonOf(t, after); a != b {
		t.Errorf("the 22nd changed after the 23rd's cancellations:\nbefore %s\nafter  %s", a, b)
	}
	pio := before.Roles[0]
	if pio.Confirmed != 2 || pio.Waitlisted != 1 || before.Roles[1].Confirmed != 1 {
		t.Errorf("22nd: %+v", before.Roles)
	}
	day2 := must[Tally](t)(Compute(ctx, s, c.ID, "2026-11-23", shanghai))
	p2, r2 := day2.Roles[0], day2.Roles[1]
	if p2.Confirmed != 2 || p2.Waitlisted != 0 || p2.NewConfirmed != 1 || p2.LeftConfirmed != 1 || p2.Cancelled != 1 ||
		r2.Confirmed != 0 || r2.Cancelled != 1 || r2.LeftConfirmed != 1 {
		t.Errorf("23rd: %+v", day2.Roles)
	}
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestTextFitsAPhone: however many roles, organizations and pledged items
// a campaign has, the daily text is at most 25 lines, names the silent
// organizations' number, and ranks the top and bottom.
func TestTextFitsAPhone(t *testing.T) {
	s, _, _ := fixture(t)
	ctx := context.Background()
	var roles []models.Role
	for i := 0; i < 30; i++ {
		roles = append(roles, models.Role{Code: fmt.Sprintf("r%d", i), Name: fmt.Sprintf("岗位%d", i), Quota: 3})
	}
	c := must[models.Campaign](t)(s.CreateCampaign(ctx, models.NewCampaign{Title: "大型动员", Roles: roles}))
	var rows []models.OrgRow
	for i := 0; i < 40; i++ {
		rows = append(rows, models.OrgRow{Name: fmt.Sprintf("第%02d号名字很长很长的社会组织", i), Group: fmt.Sprintf("群%02d", i)})
	}
	if _, _, err := s.ImportOrgs(ctx, rows); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 40; i++ {
		sendTo(t, s, c, fmt.Sprintf("群%02d", i))
	}
	for i := 0; i < 60; i++ {
		must[models.SignUpResult](t)(s.SignUp(ctx, models.SignUpRequest{CampaignID: c.ID, RoleCode: fmt.Sprintf("r%d", i%30),
			Name: fmt.Sprintf("人%d", i), Phone: fmt.Sprintf("139%08d", i), GroupName: fmt.Sprintf("群%02d", i%25), Sender: "s"}))
		must[models.Pledge](t)(s.AddPledge(ctx, models.PledgeRequest{CampaignID: c.ID, GroupName: fmt.Sprintf("群%02d", i%25),
			Item: fmt.Sprintf("物资%d", i), Unit: "箱", Quantity: 1}))
	}
	tl := must[Tally](t)(Compute(ctx, s, c.ID, "2026-11-22", shanghai))
	text := tl.Text()
	lines := strings.Split(text, "\n")
	if len(lines) > 25 {
		t.Errorf("%d lines:\n%s", len(lines), text)
	}
	// Sent to the 40 imported, 25 of which signed people up.
	if tl.Silent != 15 || !strings.Contains(text, "已响应 25/40，15 个尚无人报名") || !strings.Contains(text, "最多：") ||
		!strings.Contains(text, "最少：") || !strings.Contains(text, "另有 20 个岗位") || !strings.Contains(text, "等 60 项") {
		t.Errorf("silent %d, text:\n%s", tl.Silent, text)
	}
	for _, l := range lines {
		if n := len([]rune(l)); n > 60 {
			t.Errorf("line of %d characters: %s", n, l)
		}
	}
}

// TestDailyCoversOpenCampaigns: the daily tally job's call gives one tally
// per open campaign, newest first, the same as Compute for each.
func TestDailyCoversOpenCampaigns(t *testing.T) {
	s, c, _ := fixture(t)
	ctx := context.Background()
	closed := must[models.Campaign](t)(s.CreateCampaign(ctx, models.NewCampaign{Title: "旧倡议", Roles: []models.Role{{Code: "p", Name: "先锋", Quota: 1}}}))
	if err := s.CloseCampaign(ctx, closed.ID, "test"); err != nil {
		t.Fatal(err)
	}
	newer := must[models.Campaign](t)(s.CreateCampaign(ctx, models.NewCampaign{Title: "新倡议", Roles: []models.Role{{Code: "p", Name: "先锋", Quota: 1}}}))
	must[models.SignUpResult](t)(s.SignUp(ctx, models.SignUpRequest{CampaignID: c.ID, RoleCode: "pioneer", Name: "张三",
		Phone: "13800000001", GroupName: "营养群", Sender: "张三"}))
	got := must[[]Tally](t)(Daily(ctx, s, "2026-11-22", shanghai))
	if len(got) != 2 || got[0].CampaignID != newer.ID || got[1].CampaignID != c.ID {
		t.Fatalf("daily: %+v", got)
	}
	want := must[Tally](t)(Compute(ctx, s, c.ID, "2026-11-22", shanghai))
	if got[1].Text() != want.Text() || got[1].Roles[0].Confirmed != 1 {
		t.Errorf("daily tally differs from Compute:\n%s\n%s", got[1].Text(), want.Text())
	}
}
