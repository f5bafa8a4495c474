package report

import (
	"context"
	"strings"
	"testing"
	"time"

	"mobilize/models"
)

// sendTo queues campaign c for the named groups, as a broadcast does: the
// organizations it was sent to (models.Answer).
func sendTo(t *testing.T, s *models.Store, c models.Campaign, groups ...string) {
	t.Helper()
	ctx := context.Background()
	for _, name := range groups {
		g, err := s.EnsureGroup(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		msg := models.OutboxMessage{Target: name, IsGroup: true, Kind: models.KindBroadcast, Text: c.Title}
		if _, _, err := s.QueueDelivery(ctx, models.DeliveryRequest{CampaignID: c.ID, GroupID: g.ID, GroupName: name,
			By: "test", Messages: []models.OutboxMessage{msg}}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestAnsweredAmongTheSentAndApart: issue 15 finding 4. Organizations
// are counted as answered among those the campaign was sent to; one that
// answered without being sent to is counted apart, and one sent to later
// than the day does not count for it.
func TestAnsweredAmongTheSentAndApart(t *testing.T) {
	s, c, setNow := fixture(t)
	ctx := context.Background()
	sendTo(t, s, c, "营养群")
	for i, group := range []string{"营养群", "慈善群"} {
		must[models.SignUpResult](t)(s.SignUp(ctx, models.SignUpRequest{CampaignID: c.ID, RoleCode: "reserve",
			Name: "张三丰", Phone: []string{"13800000001", "13800000002"}[i], GroupName: group, Sender: "某"}))
	}
	setNow(time.Date(2026, 11, 23, 10, 0, 0, 0, shanghai))
	sendTo(t, s, c, "救援群")
	day1 := must[Tally](t)(Compute(ctx, s, c.ID, "2026-11-22", shanghai))
	if day1.Sent != 1 || day1.Answered != 1 || day1.UnsentAnswered != 1 || day1.Silent != 0 {
		t.Errorf("22nd: sent %d answered %d unsent %d silent %d", day1.Sent, day1.Answered, day1.UnsentAnswered, day1.Silent)
	}
	day2 := must[Tally](t)(Compute(ctx, s, c.ID, "2026-11-23", shanghai))
	text := day2.Text()
	if !strings.Contains(text, "组织：已响应 1/2，1 个尚无人报名；另有 1 个未发送的组织有人报名") ||
		day2.SilentNames[0] != "救援队" || !strings.Contains(day2.Markdown(), "已响应 1/2") {
		t.Errorf("23rd:\n%s\n%+v", text, day2.SilentNames)
	}
	now := must[models.Answer](t)(s.Answer(ctx, c.ID))
	if now.Sent() != day2.Sent || now.Answered() != day2.Answered || len(now.Unsent()) != day2.UnsentAnswered {
		t.Errorf("the store's answer %d/%d+%d, the tally's %d/%d+%d", now.Answered(), now.Sent(), len(now.Unsent()),
			day2.Answered, day2.Sent, day2.UnsentAnswered)
	}
}
