package handlers

import (
	"strings"
	"testing"
)

// Every 报名 that carries a role and a name gets an answer: a phone typed in
// another digit script is read, two phones or junk where the phone should
// be get the phone hint, never silence.
func TestSignUpNeverSilent(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 40, 145)
	for in, want := range map[string]string{
		"报名 先锋 周九 13900000440 谢谢 13900000441": "只能填一个手机号",
		"报名 先锋 周九 abc":                        "手机号有误",
		"报名 先锋 周九 一三九":                        "手机号有误",
	} {
		contains(t, h.reply(g1, "周九", in), want)
	}
	contains(t, h.reply(g1, "周九", "报名 先锋 周九 幺三九零零零零零四三二"), "报名成功", "139****0432")
	contains(t, h.reply(g1, "吴十", "报名 先锋 吴十 𝟏𝟑𝟗𝟎𝟎𝟎𝟎𝟎𝟒𝟐𝟓"), "报名成功", "139****0425")
	got := h.reply(g1, "群主", "#接龙\n1. 周珊 先锋 一三九〇〇〇〇〇四二三\n2. 周思 先锋 13900000414 13900000415")
	contains(t, got, "新增 1 人", "2. 周思", "手机号多于一个")
	if strings.Contains(got, "姓名有误") {
		t.Errorf("a Chinese-numeral phone read as a bad name: %q", got)
	}
}

// With several campaigns open, 报名👉1 picks campaign 1, and 名额 lists the
// places of each.
func TestSeveralCampaignsDecoratedNumberAndQuota(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 40, 145)
	h.campaign("防汛", 10, 10)
	contains(t, h.reply(g1, "王四", "报名👉1 先锋 王四 13900000014"), "报名成功")
	got := h.reply(g1, "路人", "名额")
	contains(t, got, "1. “抗疫”", "2. “防汛”", "剩 39/40", "剩 10/10")
	if strings.Contains(got, "编号") {
		t.Errorf("名额 with several campaigns got a hint: %q", got)
	}
	contains(t, h.reply(g1, "路人", "名额 2"), "“防汛”")
}
