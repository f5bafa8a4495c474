package handlers

import (
	"context"
	"strings"
	"testing"

	"mobilize/models"
)

// Regression tests for defects found in review.

func TestChainedSwitchesDoNotEmptyARole(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 1, 1)
	h.reply(g1, "陈一", "报名 先锋 陈一 13800000001")
	h.reply(g1, "林二", "报名 储备 林二 13800000002")
	h.reply(g1, "林二", "报名 先锋 林二 13800000002") // waits for pioneer, keeps reserve
	h.reply(g1, "陈一", "报名 储备 陈一 13800000001") // waits for reserve, keeps pioneer
	h.reply(g1, "黄三", "报名 储备 黄三 13800000003") // waits for reserve
	text := h.reply(g1, "陈一", "取消报名")
	if strings.Contains(text, "陈一（138****0001）已由候补递补") {
		t.Errorf("the person cancelling must not be announced as promoted: %q", text)
	}
	counts, _ := h.store.RoleCounts(context.Background(), 1)
	if counts[0].Confirmed != 1 || counts[1].Confirmed != 1 || counts[1].Waitlisted != 0 {
		t.Errorf("after the chain: pioneer %+v reserve %+v (黄三 should hold reserve)", counts[0], counts[1])
	}
}

func TestChainRepostLeavesCancelledAndSwitchedAlone(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 40, 145)
	list := "#接龙\n1. 张三 先锋 13800000001\n2. 李四 储备 13800000002"
	h.reply(g1, "群主", list)
	h.reply(g1, "群主", "取消报名 13800000001")
	h.reply(g1, "群主", "报名 先锋 李四 13800000002") // whoever signed 李四 up moves him
	got := h.reply(g1, "王五", list+"\n3. 王五 储备 13800000003")
	contains(t, got, "新增 1 人", "已在名单 2 人")
	mine := h.reply(g1, "李四", "查询 13800000002")
	if !strings.Contains(mine, "志愿先锋") || strings.Contains(mine, "储备") {
		t.Errorf("a repost must not move 李四 back: %q", mine)
	}
	if strings.Contains(h.reply(g1, "张三", "查询 13800000001"), "已确认") {
		t.Error("a repost must not bring back someone who cancelled")
	}
}

// TestSomeoneElsesChainStaysTheirs: a sign-up by another sender for a
// person on a 接龙 changes nothing (issue 15): only the poster may move or
// cancel the people they listed.
func TestSomeoneElsesChainStaysTheirs(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 40, 145)
	h.reply(g1, "群主", "#接龙\n1. 张三 先锋 13800000001")
	contains(t, h.reply(g1, "张三", "报名 储备 张三 13800000001"), "已由他人在本群报名志愿先锋（已确认），本次未作改动")
	contains(t, h.reply(g1, "张三", "取消报名 13800000001"), "只能由本人或代报名人取消")
	contains(t, h.reply(g1, "群主", "取消报名 13800000001"), "已取消志愿先锋报名")
}

func TestPhoneOfAnotherNameIsRefused(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 40, 145)
	h.reply(g1, "张三", "报名 先锋 张三 13800000001")
	contains(t, h.reply(g1, "李四", "报名 先锋 李四 13800000001"), "另一个姓名")
	contains(t, h.reply(g1, "张三", "我的报名"), "张三")
}

func TestPhoneLookupsStayInTheirGroup(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 40, 145)
	h.reply(g1, "张三", "报名 先锋 张三 13800000001")
	contains(t, h.reply(g2, "路人", "查询 13800000001"), "没有找到")
	contains(t, h.reply(g2, "路人", "取消报名 13800000001"), "没有找到")
	contains(t, h.reply(g1, "张三", "查询 13800000001"), "已确认")
}

func TestTalkAboutSigningUpIsNotASignUp(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 40, 145)
	for _, msg := range []string{"报名先锋的请私聊我", "报名储备的人请看群公告", "#接龙\n1. 明天早上8点集合\n2. 带好口罩"} {
		if out := h.say(g1, "群主", msg); len(out) != 0 {
			t.Errorf("%q got a reply: %+v", msg, out)
		}
	}
}

func TestSpacedPhonesAreMaskedEverywhere(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 40, 145)
	h.say(g1, "群主", "#接龙\n1. 先锋 138 0013 8001\n2. 李四 先锋 139-0013-9002 谢谢") // harness fails on any phone in a reply
	h.say(g1, "张三13800138000", "报名 储备 13800138000")
	roster, _ := h.store.Roster(context.Background(), 1)
	for _, r := range roster {
		if strings.Contains(r.Volunteer.Name, "13800138000") {
			t.Errorf("a phone in a nickname became part of a name: %q", r.Volunteer.Name)
		}
	}
}

func TestDayFullReplySaysHowManyHours(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 40, 145)
	h.reply(g1, "张三", "报名 先锋 张三 13800000001")
	h.reply(g1, "张三", "打卡 20小时 消杀")
	contains(t, h.reply(g1, "张三", "打卡 5小时 消杀"), "已记 20 小时")
}

func TestImportAfterPledgeFromUnboundGroup(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 40, 145)
	h.reply("新群", "会长", "捐赠 口罩 100个")
	if _, _, err := h.store.ImportOrgs(context.Background(), []models.OrgRow{{Name: "广安市慈善会", Group: "新群"}}); err != nil {
		t.Fatalf("import after a pledge: %v", err)
	}
	ps, _ := h.store.Pledges(context.Background(), 1)
	if len(ps) != 1 || ps[0].Organization.Name != "广安市慈善会" {
		t.Errorf("the pledge should move with its group: %+v", ps)
	}
}

func TestServiceForTomorrowIsRefused(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 40, 145)
	h.reply(g1, "张三", "报名 先锋 张三 13800000001")
	contains(t, h.reply(g1, "张三", "打卡 明天 3小时 消杀"), "日期有误")
}
