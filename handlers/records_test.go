package handlers

import (
	"strings"
	"testing"

	"mobilize/chat"
)

func TestServiceRecords(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 40, 145)
	contains(t, h.reply(g1, "陈一", "打卡 4小时 核酸检测 服务200人次"), "请先报名")
	h.reply(g1, "陈一", "报名 先锋 陈一 13800000001")
	contains(t, h.reply(g1, "陈一", "打卡 4小时 核酸检测 服务200人次"), "核酸检测 4 小时", "200 人次", "当日 4 小时", "累计 4 小时")
	contains(t, h.reply(g1, "陈一", "打卡 昨天 3.5h 消杀"), "昨天", "累计 7.5 小时")
	contains(t, h.reply(g1, "陈一", "打卡 21小时 秩序维护"), "超过 24 小时")
	contains(t, h.reply(g1, "陈一", "撤销打卡"), "已撤销", "累计 4 小时")
	contains(t, h.reply(g1, "陈一", "打卡"), "请写明时长")
}

func TestPledgesAndDelivery(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 40, 145)
	contains(t, h.reply(g1, "会长", "捐赠 N95口罩 20000个"), "第 1 号", "N95口罩 20000个", "已送达 1")
	contains(t, h.reply(g2, "队长", "已送达 1"), "没有找到第 1 号")
	contains(t, h.reply(g1, "会长", "已送达 1"), "已登记送达")
	out := h.say("", "民政局值班员", "已送达 1")
	if len(out) != 0 {
		t.Errorf("a private chat without an admin remark gets no answer: %+v", out)
	}
}

func TestPledgeHints(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 40, 145)
	contains(t, h.reply(g1, "会长", "捐赠"), "请写明捐赠物品")
	contains(t, h.reply(g1, "会长", "捐赠 口罩"), "请写明数量")
	contains(t, h.reply(g1, "会长", "捐款 5000元"), "现金 5000元")
	contains(t, h.reply(g1, "会长", "认捐 蔬菜 2吨"), "蔬菜 2吨")
	if out := h.say(g1, "会长", "捐赠的物资到了吗？"); len(out) != 0 {
		t.Errorf("a question is not a command: %+v", out)
	}
}

func TestAdminMarksDeliveredInPrivate(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 40, 145)
	h.reply(g1, "会长", "捐赠 防护服50套 价值3万元")
	out := h.sayMsg(chat.Message{ID: "p1", Sender: "老王", Remark: "民政局值班员", Text: "已送达 1"})
	if len(out) != 1 || out[0].to.Name != "民政局值班员" || !strings.Contains(out[0].text, "已登记送达") {
		t.Errorf("admin delivery: %+v", out)
	}
	if out := h.sayMsg(chat.Message{ID: "p2", Sender: "民政局值班员", Text: "已送达 1"}); len(out) != 0 {
		t.Errorf("a nickname is not a remark: %+v", out)
	}
}
