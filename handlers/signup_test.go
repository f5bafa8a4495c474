package handlers

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"mobilize/chat"
	"mobilize/config"
)

const g1, g2 = "广安市营养学会志愿群", "邻水县蓝天应急救援队群"

func TestSignUpForms(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫志愿者招募", 40, 145)
	contains(t, h.reply(g1, "张三", "报名 先锋 张三 13800138000"), "张三", "138****8000", "志愿先锋", "剩余名额 39")
	contains(t, h.reply(g1, "李四", "#报名：储备志愿者，李四，13900139000"), "李四", "储备志愿者")
	contains(t, h.reply(g1, "王五微信", "报名先锋 王五 138 0013 8001"), "王五", "138****8001")
	contains(t, h.reply(g1, "赵六", "报名 储备 13800138002"), "赵六") // name from the sender
	contains(t, h.reply(g1, "钱七", "报名 先锋 钱七"), "请附上手机号")
	contains(t, h.reply(g1, "孙八", "报名 先锋 孙八 1380013800"), "手机号有误")
	contains(t, h.reply(g1, "张三", "报名 先锋 张三 13800138000"), "无需重复报名", "已确认")
	if out := h.say(g1, "路人", "大家辛苦了，今天报名的人好多啊"); len(out) != 0 {
		t.Errorf("chat must get no reply: %+v", out)
	}
	roster, _ := h.store.Roster(context.Background(), 1)
	if len(roster) != 4 {
		t.Errorf("roster has %d rows, want 4 (malformed sign-ups store nothing)", len(roster))
	}
}

func TestQuotaFillsIntoWaitlistAndPromotionIsAnnounced(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 2, 5)
	h.reply(g1, "陈一", "报名 先锋 陈一 13800000001")
	h.reply(g2, "林二", "报名 先锋 林二 13800000002")
	contains(t, h.reply(g2, "黄三", "报名 先锋 黄三 13800000003"), "候补第 1 位")
	contains(t, h.reply(g1, "吴四", "报名 先锋 吴四 13800000004"), "候补第 2 位")
	contains(t, h.reply(g1, "吴四", "我的报名"), "候补第 2 位")
	contains(t, h.reply(g1, "路人", "名额"), "志愿先锋 剩 0/2", "候补 2 人")

	out := h.say(g1, "陈一", "取消报名")
	if len(out) != 2 {
		t.Fatalf("want a reply in %s and a notice in %s, got %+v", g1, g2, out)
	}
	contains(t, out[0].text, "陈一", "已取消")
	if out[1].to.Name != g2 {
		t.Errorf("promotion notice went to %s", out[1].to.Name)
	}
	contains(t, out[1].text, "黄三", "递补为志愿先锋")
	contains(t, h.reply(g1, "吴四", "我的报名"), "候补第 1 位")
}

func TestCancelAndPromoteInSameGroupIsOneMessage(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 1, 5)
	h.reply(g1, "陈一", "报名 先锋 陈一 13800000001")
	h.reply(g1, "林二", "报名 先锋 林二 13800000002")
	text := h.reply(g1, "陈一", "取消报名 13800000001")
	contains(t, text, "已取消", "林二", "递补")
}

func TestRoleSwitchThroughChat(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 1, 5)
	h.reply(g1, "陈一", "报名 储备 陈一 13800000001")
	contains(t, h.reply(g1, "陈一", "报名 先锋 陈一 13800000001"), "由储备志愿者改为志愿先锋")
	h.reply(g1, "林二", "报名 储备 林二 13800000002")
	contains(t, h.reply(g1, "林二", "报名 先锋 林二 13800000002"), "候补第 1 位", "保留储备志愿者")
}

func TestDuplicateMessageIDHandledOnce(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 40, 145)
	if out := h.sayID("wx-1", g1, "陈一", "报名 先锋 陈一 13800000001"); len(out) != 1 {
		t.Fatalf("first delivery: %+v", out)
	}
	if out := h.sayID("wx-1", g1, "陈一", "报名 先锋 陈一 13800000001"); len(out) != 0 {
		t.Errorf("second delivery of the same id must be silent: %+v", out)
	}
}

func TestCampaignChoice(t *testing.T) {
	h := newHarness(t)
	contains(t, h.reply(g1, "陈一", "报名 先锋 陈一 13800000001"), "目前没有正在进行的报名")
	h.campaign("抗疫", 40, 145)
	h.campaign("防汛", 10, 10)
	contains(t, h.reply(g1, "陈一", "报名 先锋 陈一 13800000001"), "1. 抗疫", "2. 防汛", "报名 1 先锋")
	contains(t, h.reply(g1, "陈一", "报名 2 先锋 陈一 13800000001"), "报名成功")
	contains(t, h.reply(g1, "陈一", "报名 9 先锋 陈一 13800000001"), "没有编号为 9")
}

func TestChainMixedLines(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 2, 145)
	h.reply(g1, "陈一", "报名 先锋 陈一 13800000001")
	text := strings.Join([]string{
		"#接龙",
		"营养学会抗疫志愿者",
		"例 张三 先锋 13800000000",
		"1. 陈一 先锋 13800000001",
		"2. 林二 储备 13800000002",
		"3、黄三 先锋 13800000003",
		"4. 吴四 先锋 13800000004",
		"5. 郑五 储备",
		"6. 冯六 先锋 1380000",
	}, "\n")
	got := h.reply(g1, "群主", text)
	contains(t, got, "新增 3 人", "候补 1 人（吴四）", "已在名单 1 人", "请补上手机号后重新接龙：5. 郑五", "6. 冯六 — 手机号有误")
	// Sent again (a member re-posts the list with one more line): only the new line is added.
	got = h.reply(g1, "群主", text+"\n7. 褚七 储备 13800000007")
	contains(t, got, "新增 1 人", "已在名单 4 人")
}

func TestConcurrentChatSignUps(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 40, 145)
	done := make(chan error, 100)
	for i := 0; i < 100; i++ {
		go func(i int) {
			done <- h.router.Handle(context.Background(), msg(i))
		}(i)
	}
	for i := 0; i < 100; i++ {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	counts, _ := h.store.RoleCounts(context.Background(), 1)
	if counts[0].Confirmed != 40 || counts[0].Waitlisted != 60 {
		t.Errorf("counts %+v", counts[0])
	}
}

func msg(i int) chat.Message {
	han := []rune("甲乙丙丁戊己庚辛壬癸")
	return chat.Message{ID: fmt.Sprint("c", i), Group: g1, Sender: "张" + string(han[i/10%10]) + string(han[i%10]),
		Text: fmt.Sprintf("报名 先锋 志愿者 138%08d", i)}
}

func TestRateLimitDropsFloodSilently(t *testing.T) {
	h := newHarness(t)
	h.router = New(Deps{Store: h.store, Config: withRate(h.cfg, 3), Reply: h.rec, Now: h.store.Now})
	h.campaign("抗疫", 40, 145)
	var replies int
	for i := 0; i < 6; i++ {
		replies += len(h.say(g1, "刷屏者", "名额"))
	}
	if replies != 3 {
		t.Errorf("got %d replies to 6 commands in a minute, want 3", replies)
	}
	if len(h.say(g1, "别人", "名额")) != 1 {
		t.Error("another sender must not be limited")
	}
}

func withRate(cfg config.Config, n int) config.Config {
	cfg.Intake.RatePerMinute = n
	return cfg
}

// TestChatNeverTouchesTheDatabase: ordinary chat is dropped before any
// query, so with the store closed it still returns quietly, while a
// command reaches the (closed) database and fails.
func TestChatNeverTouchesTheDatabase(t *testing.T) {
	h := newHarness(t)
	h.store.Close()
	if err := h.router.Handle(context.Background(), chat.Message{ID: "c1", Group: g1, Sender: "路人", Text: "大家辛苦了，注意休息"}); err != nil {
		t.Errorf("chat touched the database: %v", err)
	}
	if err := h.router.Handle(context.Background(), chat.Message{ID: "c2", Group: g1, Sender: "路人", Text: "名额"}); err == nil {
		t.Error("a command on a closed store should fail: the test would not notice a query")
	}
}
