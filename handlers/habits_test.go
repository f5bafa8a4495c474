package handlers

import (
	"context"
	"strings"
	"testing"

	"mobilize/models"
)

// Members write the way they talk (issue 17): through the whole handler,
// each habit registers, cancels, answers or stays quiet as a member expects.
func TestSpokenHabits(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 40, 145)
	contains(t, h.reply(g1, "风轻云淡", "社长，我报名！储备 周凯 13900000001"), "周凯", "报名成功")
	contains(t, h.reply(g1, "小李", "岗位：先锋\n姓名：李娜\n手机：13900000002"), "李娜", "报名成功")
	contains(t, h.reply(g1, "小赵", "先锋 赵敏 13900000003"), "赵敏", "报名成功")
	contains(t, h.reply(g1, "钱多多", "报名 先锋 钱多多 110101199003077777"), "无需填写身份证号")
	contains(t, h.reply(g1, "快乐每一天", "报名 先锋 13900000009"), "请写上您的姓名")
	contains(t, h.reply(g1, "小孙", "书记报名先锋 13900000008"), "请写上您的姓名")
	contains(t, h.reply(g1, "风轻云淡", "我报成功了没"), "周凯", "已确认")
	contains(t, h.reply(g1, "路人甲", "还能报吗"), "名额")
	contains(t, h.reply(g1, "路人甲", "要退出怎么弄"), "取消报名")
	if out := h.say(g1, "路人甲", "周六家里有事，来不了了"); len(out) != 0 {
		t.Errorf("a soft cancel from someone not registered was answered: %+v", out)
	}
	contains(t, h.reply(g1, "小赵", "周六家里有事，来不了了"), "取消报名")
	contains(t, h.reply(g1, "风轻云淡", "取消报名哈，谢谢大家"), "周凯", "已取消")
	for _, chat := range []string{"今天天气怎么样", "马上来", "@张三 报名先锋", "联系人：李老师 13900000005"} {
		if out := h.say(g1, "路人甲", chat); len(out) != 0 {
			t.Errorf("%q was answered: %+v", chat, out)
		}
	}
	roster, err := h.store.Roster(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range roster {
		switch r.Volunteer.Name {
		case "李娜", "赵敏", "周凯":
		default:
			t.Errorf("stored under a name that is none: %q", r.Volunteer.Name)
		}
	}
}

// 接龙 as groups fill them (issue 17, habit 5).
func TestChainAsGroupsFillThem(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 1, 145)
	// The role in the title applies to lines without one; a house number
	// is a remark; the waitlisted are named.
	got := h.reply(g1, "群主", "#接龙 志愿先锋报名\n1. 周凯 3-1502 13900000001\n2. 李娜 5号楼 13900000002")
	contains(t, got, "新增 2 人", "候补 1 人（李娜）")
	// What the English client writes.
	contains(t, h.reply(g1, "群主", "#Group Note 储备志愿者\n1. 赵敏 13900000003"), "新增 1 人")
	// Names without phones: one reply naming who must add one.
	contains(t, h.reply(g1, "群主", "#接龙 储备志愿者报名\n1. 孙立\n2. 钱进"), "请补上手机号后重新接龙：1. 孙立、2. 钱进")
	contains(t, h.reply(g1, "群主", "#接龙 周六志愿者报名\n1. 孙立\n2. 钱进"), "1. 孙立 — 未写岗位")
	// An ID number in a line: named, masked, not registered.
	got = h.reply(g1, "群主", "#接龙 储备志愿者报名\n1. 吴刚 110101199003077777")
	contains(t, got, "无需填写身份证号", "新增 0 人")
	if strings.Contains(got, "110101199003077777") {
		t.Errorf("an ID number was echoed: %q", got)
	}
	// A donation list is not a sign-up list.
	if out := h.say(g1, "群主", "#接龙 爱心捐款\n1. 刘姐 300元\n2. 王哥 200元\n3. 陈阿姨 2箱牛奶"); len(out) != 0 {
		t.Errorf("a donation list was answered: %+v", out)
	}
	roster, err := h.store.Roster(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	remarks := map[string]string{}
	for _, r := range roster {
		remarks[r.Volunteer.Name] = r.Remark
	}
	if remarks["周凯"] != "3 1502" || remarks["李娜"] != "5号楼" {
		t.Errorf("house numbers not kept as remarks: %v", remarks)
	}
}

// Service and pledges told in a sentence (issue 17, habit 6): recorded for
// a registered member with how to undo it, quiet for anyone else; 撤销认捐
// takes a pledge back.
func TestRecordsInASentence(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 40, 145)
	if out := h.say(g1, "周凯", "上午在东关核酸点帮了3个半小时忙"); len(out) != 0 {
		t.Errorf("a service sentence from someone not registered was answered: %+v", out)
	}
	h.reply(g1, "周凯", "报名 先锋 周凯 13900000001")
	contains(t, h.reply(g1, "周凯", "上午在东关核酸点帮了3个半小时忙"), "3.5 小时", "核酸检测", "撤销打卡")
	contains(t, h.reply(g1, "周凯", "打卡 昨天 7:30-12:30 消杀"), "5 小时")
	got := h.reply(g1, "刘芳", "我们商会捐了消毒液200桶，明天一早送过去")
	contains(t, got, "消毒液", "200桶", "撤销认捐 1")
	contains(t, h.reply(g1, "别人", "撤销认捐 1"), "没有找到第 1 号认捐")
	contains(t, h.reply(g1, "刘芳", "撤销认捐 1"), "已撤销第 1 号认捐")
	contains(t, h.reply(g1, "刘芳", "撤销认捐 1"), "没有找到第 1 号认捐")
	contains(t, h.reply(g1, "刘芳", "撤销认捐"), "撤销认捐 3")
	for _, chat := range []string{"我帮了他一个忙", "我们捐了很多", "我提供2包湿纸巾和2卷垃圾袋。"} {
		if out := h.say(g1, "路人甲", chat); len(out) != 0 {
			t.Errorf("%q was answered: %+v", chat, out)
		}
	}
}

// A member stored under a wrong name (before names needed a surname) fixes
// it with 报名 … 正确姓名 同一手机号, and is told so.
func TestRenameOwnInChat(t *testing.T) {
	h := newHarness(t)
	camp := h.campaign("抗疫", 40, 145)
	if _, err := h.store.SignUp(context.Background(), models.SignUpRequest{CampaignID: camp.ID, RoleCode: "pioneer",
		Name: "风轻云淡", Phone: "13900000001", GroupName: g1, Sender: "风轻云淡"}); err != nil {
		t.Fatal(err)
	}
	contains(t, h.reply(g1, "李娜", "报名 先锋 李娜 13900000001"), "该手机号已用另一个姓名报名")
	contains(t, h.reply(g1, "风轻云淡", "报名 先锋 周凯 13900000001"), "已将姓名由“风轻云淡”更正为“周凯”", "周凯")
}
