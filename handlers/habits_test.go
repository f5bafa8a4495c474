package handlers

import (
	"context"
	"testing"
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
