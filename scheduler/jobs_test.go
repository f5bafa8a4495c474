package scheduler

import (
	"context"
	"strings"
	"testing"
	"time"

	"mobilize/models"
)

const (
	groupA, groupB, groupC = "营养学会群", "蓝天救援群", "慈善会群"
)

// TestTallyAgainstHandComputedFixture builds two days of a campaign and
// checks the message the job queues for the second evening, figure by
// figure, against numbers worked out by hand.
func TestTallyAgainstHandComputedFixture(t *testing.T) {
	cfg := testConfig(t)
	cfg.Tally.ToGroups = []string{"民政局指挥部群"}
	f := newFixture(t, cfg, at(29, 9, 0))
	ctx := context.Background()
	f.orgs(t, groupA, groupB, groupC) // C never answers; none was sent to by the bot
	c := f.campaign(t, "抗疫", 2, 0, 5, nil)
	f.signUp(t, c, groupA, "pioneer", 1) // 29th: confirmed
	f.signUp(t, c, groupA, "pioneer", 2) // 29th: confirmed, pioneers full
	f.clock.Set(at(30, 10, 0))
	f.signUp(t, c, groupA, "pioneer", 3) // 30th: waitlisted
	f.signUp(t, c, groupB, "reserve", 4) // 30th: confirmed
	if _, err := f.store.AddService(ctx, models.ServiceRequest{GroupName: groupA, Sender: memberName(1), Day: "2026-11-30",
		Hours: 4, People: 200, Activity: "核酸检测"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.AddPledge(ctx, models.PledgeRequest{CampaignID: c.ID, GroupName: groupB, Sender: memberName(4),
		Item: "N95口罩", Unit: "个", Quantity: 20000}); err != nil {
		t.Fatal(err)
	}
	f.clock.Set(at(30, 20, 0))
	out, err := f.sched.RunNow(ctx, "daily_tally", 0, false)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{
		"【抗疫】2026年11月30日统计",
		"报名：确认 3 人（今日 +1），候补 1 人（今日 +1）",
		"· 志愿先锋 2/2（今日 +0），候补 1",
		"· 储备志愿者 1/5（今日 +1）",
		"服务：今日 4 小时 / 200 人次；累计 4 小时 / 200 人次",
		"捐赠：N95口罩 20000 个",
		"组织：倡议尚未由机器人发往任何组织；2 个组织有人报名",
		"最多：营养学会群组织 3、蓝天救援群组织 1",
	}, "\n")
	rows := f.outbox(t)
	if out.Queued != 2 || len(rows) != 2 {
		t.Fatalf("queued %d, outbox %+v; want the admin and the bureau group", out.Queued, rows)
	}
	for i, to := range []models.OutboxMessage{{Target: "民政局值班员"}, {Target: "民政局指挥部群", IsGroup: true}} {
		if rows[i].Target != to.Target || rows[i].IsGroup != to.IsGroup || rows[i].Text != want {
			t.Errorf("message %d to %q (group %v):\n%s\nwant to %q:\n%s", i, rows[i].Target, rows[i].IsGroup, rows[i].Text, to.Target, want)
		}
	}
	if n := strings.Count(want, "\n") + 1; n > 25 {
		t.Errorf("%d lines: too long for a phone", n)
	}
}

// TestRemindersReachOnlyGroupsWithPlacesLeft: per-organization caps and
// full roles keep a group from being reminded; campaigns far from their
// deadline, past it, or full are not reminded of at all.
func TestRemindersReachOnlyGroupsWithPlacesLeft(t *testing.T) {
	cfg := testConfig(t)
	now := at(30, 9, 0)
	f := newFixture(t, cfg, now)
	ctx := context.Background()
	f.orgs(t, groupA, groupB, groupC)
	soon, far, past := at(30, 9, 0).Add(30*time.Hour), now.Add(72*time.Hour), now.Add(-time.Hour)
	// Pioneers: 5 places, at most 1 per organization. Reserves: 2 places.
	c := f.campaign(t, "抗疫", 5, 1, 2, &soon)
	f.signUp(t, c, groupA, "pioneer", 1) // A has used its one pioneer place
	f.signUp(t, c, groupB, "reserve", 2)
	f.signUp(t, c, groupB, "reserve", 3) // reserves full
	f.campaign(t, "远期倡议", 5, 0, 5, &far)
	f.campaign(t, "已截止倡议", 5, 0, 5, &past)
	full := f.campaign(t, "已满倡议", 1, 0, 1, &soon)
	f.signUp(t, full, groupC, "pioneer", 4)
	f.signUp(t, full, groupC, "reserve", 5)

	out, err := f.sched.RunNow(ctx, "deadline_reminder", 0, false)
	if err != nil {
		t.Fatal(err)
	}
	rows := f.outbox(t)
	got := map[string]string{}
	for _, r := range rows {
		if !r.IsGroup {
			t.Errorf("reminder to a private chat %q", r.Target)
		}
		got[r.Target] = r.Text
	}
	if out.Queued != 2 || len(got) != 2 || got[groupA] != "" {
		t.Fatalf("reminders went to %v; want %s and %s only", keys(got), groupB, groupC)
	}
	want := strings.Join([]string{
		"【抗疫】报名即将截止",
		"截止时间：12月1日 15:00（还有 1 天 6 小时）",
		"尚有名额：志愿先锋 1 个",
		"报名请在群里发：报名 志愿先锋 姓名 手机号",
	}, "\n")
	for _, g := range []string{groupB, groupC} {
		if got[g] != want {
			t.Errorf("reminder to %s:\n%s\nwant:\n%s", g, got[g], want)
		}
	}
	// The same slot run again queues nothing; the afternoon slot reminds again.
	if out, _ := f.sched.RunNow(ctx, "deadline_reminder", 0, false); out.Queued != 0 {
		t.Errorf("same slot again queued %d", out.Queued)
	}
	f.clock.Set(at(30, 15, 0))
	if out, _ := f.sched.RunNow(ctx, "deadline_reminder", c.ID, false); out.Queued != 2 {
		t.Errorf("afternoon slot queued %d, want 2", out.Queued)
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestDryRunQueuesAndRecordsNothing(t *testing.T) {
	cfg := testConfig(t)
	f := newFixture(t, cfg, at(30, 20, 0))
	c := f.campaign(t, "抗疫", 2, 0, 5, nil)
	f.orgs(t, groupA)
	f.signUp(t, c, groupA, "pioneer", 1)
	out, err := f.sched.RunNow(context.Background(), "daily_tally", c.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Messages) != 1 || out.Messages[0].To.Name != "民政局值班员" || !strings.Contains(out.Messages[0].Text, "志愿先锋 1/2") {
		t.Errorf("dry run would send %+v", out.Messages)
	}
	if rows := f.outbox(t); len(rows) != 0 {
		t.Errorf("dry run queued %+v", rows)
	}
	if runs, _ := f.store.JobRuns(context.Background(), "daily_tally", 5); len(runs) != 0 {
		t.Errorf("dry run recorded %+v", runs)
	}
	if _, err := f.sched.RunNow(context.Background(), "nightly", 0, true); err == nil {
		t.Error("an unknown job should be an error")
	}
}

func TestSummaryToGroups(t *testing.T) {
	cfg := testConfig(t)
	f := newFixture(t, cfg, at(30, 12, 0))
	f.orgs(t, groupA, groupB)
	deadline := at(30, 12, 0).Add(50 * time.Hour)
	c := f.campaign(t, "抗疫", 1, 0, 5, &deadline)
	f.signUp(t, c, groupA, "pioneer", 1)
	f.signUp(t, c, groupA, "pioneer", 2)
	out, err := f.sched.RunNow(context.Background(), "summary_to_groups", 0, false)
	if err != nil || out.Queued != 2 {
		t.Fatalf("queued %d, %v", out.Queued, err)
	}
	want := "【抗疫】报名进度\n志愿先锋 1/1（候补 1），储备志愿者 0/5\n截止：12月2日 14:00"
	for _, r := range f.outbox(t) {
		if r.Text != want || !r.IsGroup {
			t.Errorf("to %s: %q, want %q", r.Target, r.Text, want)
		}
	}
}
