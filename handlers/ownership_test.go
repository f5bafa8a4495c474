package handlers

import (
	"strings"
	"testing"
)

// TestRepeatFromAnotherGroupChangesNothing: issue 15 findings 1 and 2. The
// same sign-up (or one for another role) from another group leaves the
// registration where it was first made, and the member is told where.
func TestRepeatFromAnotherGroupChangesNothing(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 1, 5)
	contains(t, h.reply(g1, "张三", "报名 先锋 张三 13800138000"), "报名成功")
	h.reply(g1, "李四", "报名 先锋 李四 13900139000") // waits for 先锋
	for _, line := range []string{"报名 先锋 张三 13800138000", "报名 储备 张三 13800138000"} {
		got := h.reply(g2, "张三", line)
		contains(t, got, "张*（138****8000）已在“", "138****8000", "已在“", "报名志愿先锋（已确认），本次未作改动", "改到本群")
		if strings.Contains(got, "13800138000") {
			t.Errorf("full phone in %q", got)
		}
	}
	contains(t, h.reply(g1, "张三", "我的报名"), "志愿先锋", "已确认")
	if got := h.reply(g2, "张三", "我的报名"); !strings.Contains(got, "没有找到") {
		t.Errorf("the other group sees a registration: %q", got)
	}
	contains(t, h.reply(g1, "李四", "我的报名"), "候补第 1 位") // nobody promoted
}

// TestOwnerMovesOwnRole: the same sender in the same group still moves
// their own registration to another role.
func TestOwnerMovesOwnRole(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 2, 5)
	h.reply(g1, "张三", "报名 先锋 张三 13800138000")
	contains(t, h.reply(g1, "张三", "报名 储备 张三 13800138000"), "报名成功")
	contains(t, h.reply(g1, "张三", "我的报名"), "储备")
}

// TestOnlyTheOwnerCancels: issue 15 finding 6. Another member of the group
// cannot cancel by phone; the owner can.
func TestOnlyTheOwnerCancels(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 2, 5)
	h.reply(g1, "张三", "报名 先锋 张三 13800138000")
	got := h.reply(g1, "路人", "取消报名 13800138000")
	contains(t, got, "张*（138****8000）的报名只能由本人或代报名人取消")
	contains(t, h.reply(g1, "张三", "我的报名"), "已确认")
	contains(t, h.reply(g1, "张三", "取消报名 13800138000"), "已取消")
}

// TestBlankSenderIsNobody: issue 16. Members WeChat gives an empty or
// blank name (U+3000, a zero-width space) never match each other's
// registrations; they get the name hint.
func TestBlankSenderIsNobody(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 2, 5)
	for _, blank := range []string{"", "\u3000", " \u200b"} {
		contains(t, h.reply(g1, blank, "报名 先锋 张三 13800138000"), "暂未识别到您的微信昵称")
		contains(t, h.reply(g1, blank, "我的报名"), "暂未识别到您的微信昵称")
		contains(t, h.reply(g1, blank, "取消报名"), "暂未识别到您的微信昵称")
	}
}
