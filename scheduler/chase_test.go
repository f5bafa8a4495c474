package scheduler

import (
	"context"
	"strings"
	"testing"
	"time"

	"mobilize/models"
)

// deliver queues the campaign's initiative for groups and, when sentAt
// is not zero, marks it sent then, as the sender would.
func (f *fixture) deliver(tb testing.TB, c models.Campaign, sentAt time.Time, groups ...string) {
	tb.Helper()
	ctx := context.Background()
	for _, name := range groups {
		g, err := f.store.EnsureGroup(ctx, name)
		if err != nil {
			tb.Fatal(err)
		}
		d, _, err := f.store.QueueDelivery(ctx, models.DeliveryRequest{CampaignID: c.ID, GroupID: g.ID, GroupName: name, By: "test",
			Messages: []models.OutboxMessage{{Target: name, IsGroup: true, Kind: models.KindBroadcast, Text: "倡议书"}}})
		if err != nil {
			tb.Fatal(err)
		}
		if sentAt.IsZero() {
			continue
		}
		parts, err := f.store.DeliveryParts(ctx, c.ID)
		if err != nil {
			tb.Fatal(err)
		}
		for _, p := range parts {
			if p.DeliveryID != d.ID {
				continue
			}
			was := f.clock.Now()
			f.clock.Set(sentAt)
			if _, err := f.store.ClaimOutbox(ctx, p.OutboxID); err != nil {
				tb.Fatal(err)
			}
			if err := f.store.FinishOutbox(ctx, p.OutboxID, models.OutboxOutcome{Status: models.OutboxSent}); err != nil {
				tb.Fatal(err)
			}
			f.clock.Set(was)
		}
	}
}

// chased runs chase_silent at now and returns what it newly queued, by
// target.
func (f *fixture) chased(tb testing.TB, now time.Time) map[string]string {
	tb.Helper()
	before := len(f.outbox(tb))
	f.clock.Set(now)
	if _, err := f.sched.RunNow(context.Background(), "chase_silent", 0, false); err != nil {
		tb.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range f.outbox(tb)[before:] {
		if r.Kind != models.KindBroadcast {
			got[r.Target] = r.Text
		}
	}
	return got
}

// TestChaseSilentNudgesAtMostMaxTimes: only groups the initiative reached
// more than chase.after ago, whose organization has no sign-up, are
// nudged; each at most chase.max times; the admins get the list.
func TestChaseSilentNudgesAtMostMaxTimes(t *testing.T) {
	cfg := testConfig(t)
	f := newFixture(t, cfg, at(28, 9, 0))
	const groupD, groupE = "商会群", "新群"
	f.orgs(t, groupA, groupB, groupC, groupD, groupE)
	deadline := at(28, 9, 0).Add(10 * 24 * time.Hour)
	c := f.campaign(t, "抗疫", 5, 0, 5, &deadline)
	f.deliver(t, c, at(28, 10, 0), groupA, groupB, groupC)
	f.deliver(t, c, time.Time{}, groupD)  // queued, never sent: not reached
	f.deliver(t, c, at(29, 0, 0), groupE) // reached ten hours before the first chase
	f.clock.Set(at(29, 9, 0))
	f.signUp(t, c, groupA, "reserve", 1) // A answered

	got := f.chased(t, at(29, 10, 0))
	wantNudge := "【抗疫】各位好！倡议已发到本群，目前本组织还没有人报名。\n如方便参与，请在群里发：报名 志愿先锋 姓名 手机号\n尚有名额：志愿先锋 5 个、储备志愿者 4 个\n感谢支持！\n截止时间：12月8日 09:00"
	if len(got) != 3 || got[groupB] != wantNudge || got[groupC] != wantNudge {
		t.Fatalf("first chase queued %v; want nudges to %s and %s and the admin's list:\n%q", got, groupB, groupC, got[groupB])
	}
	wantList := "【抗疫】今日提醒了 2 个尚未报名的群：\n· 慈善会群（慈善会群组织，第 1 次）\n· 蓝天救援群（蓝天救援群组织，第 1 次）"
	if got["民政局值班员"] != wantList {
		t.Errorf("admin's list:\n%s\nwant:\n%s", got["民政局值班员"], wantList)
	}
	if again := f.chased(t, at(29, 10, 0)); len(again) != 0 {
		t.Errorf("the same slot again queued %v", again)
	}
	got = f.chased(t, at(30, 10, 0))
	if len(got) != 4 || got[groupE] == "" || !strings.Contains(got["民政局值班员"], "蓝天救援群（蓝天救援群组织，第 2 次）") {
		t.Errorf("second chase queued %v", got)
	}
	got = f.chased(t, time.Date(2026, 12, 1, 10, 0, 0, 0, shanghai))
	if len(got) != 2 || got[groupE] == "" || got[groupB] != "" {
		t.Errorf("third chase: B and C had their %d nudges, E its second; queued %v", cfg.Chase.Max, got)
	}
}

// TestRemindersGoWhereTheInitiativeWent: once a campaign was broadcast to
// chosen groups, reminders and progress lines go to those groups only.
func TestRemindersGoWhereTheInitiativeWent(t *testing.T) {
	cfg := testConfig(t)
	f := newFixture(t, cfg, at(30, 9, 0))
	f.orgs(t, groupA, groupB, groupC)
	deadline := at(30, 9, 0).Add(24 * time.Hour)
	c := f.campaign(t, "抗疫", 5, 0, 5, &deadline)
	f.deliver(t, c, at(29, 9, 0), groupB)
	for _, job := range []string{"deadline_reminder", "summary_to_groups"} {
		out, err := f.sched.RunNow(context.Background(), job, 0, true)
		if err != nil || len(out.Messages) != 1 || out.Messages[0].To.Name != groupB {
			t.Errorf("%s would send %+v (%v); want %s only", job, out.Messages, err, groupB)
		}
	}
}

func TestChaseAdminListFitsAPhone(t *testing.T) {
	var list []nudged
	for i := range 23 {
		list = append(list, nudged{group: memberName(i) + "群", org: "组织", n: 1})
	}
	lines := strings.Split(chaseAdminText(models.Campaign{Title: "抗疫"}, list), "\n")
	if len(lines) != 22 || lines[0] != "【抗疫】今日提醒了 23 个尚未报名的群：" || lines[21] != "……另有 3 个群" {
		t.Errorf("%d lines: %q … %q", len(lines), lines[0], lines[len(lines)-1])
	}
}
