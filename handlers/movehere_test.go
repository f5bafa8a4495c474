package handlers

import (
	"strings"
	"testing"
)

// TestMoveHereByItsOwner: issue 15. The sender who signed up in one group
// moves the registration to another with 改到本群, role and status kept;
// the reply says from where to where, masked; the old group no longer
// finds it.
func TestMoveHereByItsOwner(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 2, 5)
	h.reply(g1, "张三", "报名 先锋 张三 13800138000")
	contains(t, h.reply(g2, "张三", "报名 先锋 张三 13800138000"), "改到本群")
	got := h.reply(g2, "张三", "改到本群")
	contains(t, got, "张*（138****8000）的志愿先锋报名已从“"+g1+"”改到“"+g2+"”", "已确认")
	contains(t, h.reply(g2, "张三", "我的报名"), "志愿先锋", "已确认")
	if got := h.reply(g1, "张三", "我的报名"); !strings.Contains(got, "没有找到") {
		t.Errorf("the old group still finds it: %q", got)
	}
	contains(t, h.reply(g2, "张三", "改到本群"), "已在本群")
}

// TestMoveHereByAnyoneElse: a stranger typing the phone is told, masked,
// whose registration it is, where, and how its owner moves it.
func TestMoveHereByAnyoneElse(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 2, 5)
	h.reply(g1, "张三", "报名 先锋 张三 13800138000")
	got := h.reply(g2, "路人", "改到本群 13800138000")
	contains(t, got, "张*（138****8000）的报名在“"+g1+"”", "只能由原报名人", "改到本群")
	contains(t, h.reply(g2, "路人", "改到本群"), "没有找到")
	contains(t, h.reply(g2, "路人", "改到本群 1380013800"), "手机号有误")
	contains(t, h.reply(g1, "张三", "我的报名"), "已确认")
}
