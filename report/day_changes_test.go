package report

import (
	"context"
	"strings"
	"testing"
	"time"

	"mobilize/models"
)

// TestRoleAndGroupMovesAreNotGivenUp: issue 15 finding 5. On one day 张三
// switches from 先锋 to 储备, 李四 signs up and cancels, 王五 signs up and
// moves to another group with 改到本群. Only 李四 gave a confirmed place
// up; the switch is not a new person, the group move not a new place.
func TestRoleAndGroupMovesAreNotGivenUp(t *testing.T) {
	s, c, setNow := fixture(t)
	ctx := context.Background()
	sign := signer(t, s, c)
	sign("pioneer", "张三", "13800000001", "营养群")
	setNow(time.Date(2026, 11, 23, 10, 0, 0, 0, shanghai))
	sign("reserve", "张三", "13800000001", "营养群")
	sign("pioneer", "李四", "13800000002", "救援群")
	must[models.CancelResult](t)(s.CancelAsMember(ctx, c.ID, models.Who{GroupName: "救援群", Sender: "李四"}))
	sign("reserve", "王五", "13800000003", "营养群")
	must[models.MoveResult](t)(s.MoveHere(ctx, c.ID, models.Who{GroupName: "救援群", Sender: "王五"}))

	tl := must[Tally](t)(Compute(ctx, s, c.ID, "2026-11-23", shanghai))
	pio, res := tl.Roles[0], tl.Roles[1]
	if pio.LeftConfirmed != 1 || res.LeftConfirmed != 0 {
		t.Errorf("given up: 先锋 %d, 储备 %d; want 1 (李四), 0", pio.LeftConfirmed, res.LeftConfirmed)
	}
	if pio.NewConfirmed != 1 || res.NewConfirmed != 2 || tl.Switched != 1 || tl.NewConfirmed != 2 {
		t.Errorf("new: 先锋 %d, 储备 %d, switched %d, people %d; want 1, 2, 1, 2",
			pio.NewConfirmed, res.NewConfirmed, tl.Switched, tl.NewConfirmed)
	}
	text := tl.Text()
	for _, want := range []string{"确认 2 人（今日 +2）", "今日放弃确认名额 1 人", "· 储备志愿者 2/10（今日 +2）"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	for _, o := range tl.Orgs {
		// 营养学会: 张三 (no new person), 王五 came and went; 救援队:
		// 李四 came and went, 王五 moved in (no new place).
		if o.Confirmed != 1 || o.NewConfirmed != 1 {
			t.Errorf("%s: %d confirmed (%d new), want 1 (1 new)", o.Name, o.Confirmed, o.NewConfirmed)
		}
	}
}

// TestCancelOfTwoPlacesGivesUpOne: 李四 holds 储备 and waits to switch to
// 先锋, 张三 holds 先锋 and waits to switch to 储备; 李四 cancels. 张三
// takes 储备 (a switch, no new person), and 李四's own waiting switch must
// not be promoted into 张三's old place on the way out: one place given
// up, nobody new. (Found by TestViewsAgreeOverRandomHistories.)
func TestCancelOfTwoPlacesGivesUpOne(t *testing.T) {
	s, _, setNow := fixture(t)
	ctx := context.Background()
	c := must[models.Campaign](t)(s.CreateCampaign(ctx, models.NewCampaign{Title: "小", Roles: []models.Role{
		{Code: "pioneer", Name: "志愿先锋", Quota: 2}, {Code: "reserve", Name: "储备志愿者", Quota: 1}}}))
	sign := signer(t, s, c)
	sign("pioneer", "张三", "13800000001", "营养群")
	sign("pioneer", "王五", "13800000003", "营养群") // 先锋 full: 2 places
	sign("reserve", "李四", "13800000002", "营养群")
	setNow(time.Date(2026, 11, 23, 10, 0, 0, 0, shanghai))
	sign("pioneer", "李四", "13800000002", "营养群") // waits, keeps 储备
	sign("reserve", "张三", "13800000001", "营养群") // waits, keeps 先锋
	must[models.CancelResult](t)(s.CancelAsMember(ctx, c.ID, models.Who{GroupName: "营养群", Sender: "李四"}))
	tl := must[Tally](t)(Compute(ctx, s, c.ID, "2026-11-23", shanghai))
	if left := tl.Roles[0].LeftConfirmed + tl.Roles[1].LeftConfirmed; left != 1 || tl.NewConfirmed != 0 {
		t.Errorf("%d given up, %d new; want 1, 0:\n%s", left, tl.NewConfirmed, tl.Text())
	}
}
