package broadcast

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"mobilize/models"
)

// TestQueueIsAudited: a broadcast queued writes one audit row naming who
// asked (its door), the campaign and how many groups; a repeat that
// queues nothing writes none; a queue cut short by the campaign closing
// records what it did queue.
func TestQueueIsAudited(t *testing.T) {
	b, s := fixture(t)
	ctx := context.Background()
	plan, err := b.Plan(ctx, Draft{Title: "冬季送温暖", Body: "正文", Targets: []string{"kind:学会", "kind:商会"}, By: "web:值班员"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := b.Queue(ctx, plan, nil)
	if err != nil {
		t.Fatal(err)
	}
	again, err := b.Plan(ctx, Draft{CampaignID: res.Campaign.ID, Targets: []string{"all"}, By: "admin:王局"})
	if err != nil {
		t.Fatal(err)
	}
	// The third group is queued and the campaign closes before the
	// broadcaster reaches the fourth (the unbound group, named by hand).
	again.Groups = append(again.Groups, models.TargetGroup{GroupID: 999, Group: "不存在的群"})
	closing := func() {
		if err := s.CloseCampaign(ctx, res.Campaign.ID, "cli"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := b.QueueCampaign(ctx, again, closing); err == nil {
		t.Fatal("queueing into a closed campaign succeeded")
	}
	if _, err := b.QueueCampaign(ctx, again, nil); err == nil {
		t.Fatal("queueing a closed campaign again succeeded")
	}
	trail, err := s.AuditTrail(ctx, AuditQueue)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		fmt.Sprintf("web:值班员 倡议 %d「冬季送温暖」：2 个群排队，0 个已发过跳过；目标 kind:学会 kind:商会", res.Campaign.ID),
		fmt.Sprintf("admin:王局 倡议 %d「冬季送温暖」：1 个群排队，", res.Campaign.ID),
	}
	var got []string
	for _, a := range trail {
		got = append(got, a.Actor+" "+a.Detail)
	}
	if len(got) != len(want) {
		t.Fatalf("audit rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) || (i == 1) != strings.Contains(got[i], "中途停止：倡议") {
			t.Errorf("audit row %d:\n%s\nwant:\n%s", i, got[i], want[i])
		}
	}
}
