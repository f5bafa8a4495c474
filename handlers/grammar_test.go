package handlers

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"mobilize/grammar"
	"mobilize/pii"
)

// What members really type, through the whole handler: each form registers
// (with its remark) or gets a precise hint.
func TestWhatMembersReallyType(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 40, 145)
	tests := []struct {
		sender, text string
		want         []string
	}{
		{"李娜", "李娜报名先锋 13900000001", []string{"李娜", "报名成功", "志愿先锋"}},
		{"小王", "王芳 报名 储备 13900000002", []string{"王芳", "报名成功", "储备志愿者"}},
		{"赵六", "【报名】先锋 赵六 13900000003", []string{"赵六", "报名成功"}},
		{"钱七", "[报名]储备 钱七 13900000004", []string{"钱七", "报名成功"}},
		{"孙八", "报名👉先锋 孙八 13900000005", []string{"孙八", "报名成功"}},
		{"周九", "报名 先锋 周九 13900000006 党员", []string{"周九", "报名成功"}},
		{"吴十", "报名 储备 吴十 13900000007 谢谢", []string{"吴十", "报名成功"}},
		{"郑一", "报名 储备 郑一 13900000008 有车", []string{"郑一", "报名成功"}},
		{"冯二", "报名 储备 冯二 13900000009 男", []string{"冯二", "报名成功"}},
		{"队员07", "报名 先锋 队员07 13900000010", []string{"姓名似乎有误", "报名 先锋 张三 手机号"}},
		{"陈三", "报名 先锋 陈三 07 13900000011", []string{"陈三", "139****0011", "报名成功"}},
	}
	for _, tt := range tests {
		contains(t, h.reply(g1, tt.sender, tt.text), tt.want...)
	}
	roster, err := h.store.Roster(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	remarks := map[string]string{}
	for _, r := range roster {
		remarks[r.Volunteer.Name] = r.Remark
	}
	for name, want := range map[string]string{"周九": "党员", "吴十": "谢谢", "郑一": "有车", "冯二": "男", "李娜": ""} {
		if got, ok := remarks[name]; !ok || got != want {
			t.Errorf("%s: remark %q (registered %v), want %q", name, got, ok, want)
		}
	}
	if _, ok := remarks["队员07"]; ok {
		t.Error("a sign-up with a name that is no name was stored")
	}
}

func TestServiceDatesAndTinyHours(t *testing.T) {
	h := newHarness(t) // today is 2026-11-23
	h.campaign("抗疫", 40, 145)
	h.reply(g1, "张三", "报名 先锋 张三 13800000001")
	contains(t, h.reply(g1, "张三", "打卡 2026-11-20 3小时 消杀"), "11月20日", "3 小时")
	contains(t, h.reply(g1, "张三", "打卡 2025-11-20 3小时 消杀"), "日期有误") // a year ago: not this year's 11-20
	contains(t, h.reply(g1, "张三", "打卡 2026-02-29 3小时 消杀"), "日期有误")
	contains(t, h.reply(g1, "张三", "打卡 0.0001小时 消杀"), "6 分钟到 24 小时")
	contains(t, h.reply(g1, "张三", "打卡 4小时 消杀"), "累计 7 小时")
}

// The grammar-side leaks: nothing a member types reaches a chat or the
// store as a full phone number.
func TestNoPhoneLeaksFromTypedText(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 40, 145)
	got := h.reply(g1, "会长", "捐赠 张三13800138000 口罩 2个")
	contains(t, got, "认捐：口罩 2个") // the name glued to the phone is no part of the item
	ps, err := h.store.Pledges(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || strings.ContainsAny(ps[0].Item, "0123456789") {
		t.Errorf("pledges %+v: the phone must not be stored in the item", ps)
	}
	// A refused 接龙 line with its digits typed one by one: masked, and cut short.
	got = h.reply(g1, "群主", "#接龙\n1. 张三 先锋 13800000002\n2. 好的好的 1 3 8 0 0 1 3 8 0 0 3 "+strings.Repeat("很长的一句话", 20))
	contains(t, got, "新增 1 人", "未登记")
	for _, l := range strings.Split(got, "\n") {
		if utf8.RuneCountInString(l) > 40 {
			t.Errorf("a refused line is echoed whole: %q", l)
		}
	}
	// A nickname used as the name is checked like a typed one.
	for _, nick := range []string{"李娜 1 3 8 0 0 1 3 8 0 0 4", "队员07", strings.Repeat("长", 40)} {
		contains(t, h.reply(g1, nick, "报名 先锋 13800000005"), "请写上您的姓名")
	}
	// A direction override is stripped as the message comes in: the name
	// is stored, and shown, as it reads.
	contains(t, h.reply(g1, "李娜\u202e", "报名 先锋 13800000005"), "李娜（138****0005）报名成功")
	contains(t, h.reply(g1, "🌸华小花🌸", "报名 先锋 13800000006"), "华小花（138****0006）报名成功")
	roster, err := h.store.Roster(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range roster {
		if pii.HasPhone(r.Volunteer.Name) || utf8.RuneCountInString(r.Volunteer.Name) > 20 || strings.ContainsRune(r.Volunteer.Name, '\u202e') {
			t.Errorf("volunteer name %q", r.Volunteer.Name)
		}
	}
}

func TestLongChainSaysWhatWasNotRead(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 400, 145)
	han := []rune("甲乙丙丁戊己庚辛壬癸")
	var b strings.Builder
	b.WriteString("#接龙 防疫志愿者")
	n := grammar.MaxChainEntries + 30
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "\n%d. 张%c%c%c 先锋 139%08d", 1000+i, han[i/100%10], han[i/10%10], han[i%10], i)
	}
	got := h.reply(g1, "群主", b.String())
	contains(t, got, fmt.Sprintf("新增 %d 人", grammar.MaxChainEntries),
		fmt.Sprintf("第 %d 行起的 30 行未读取", 1000+grammar.MaxChainEntries+1))
	if utf8.RuneCountInString(got) > maxReplyRunes {
		t.Errorf("reply of %d characters", utf8.RuneCountInString(got))
	}
}

func TestFitMessage(t *testing.T) {
	short := "接龙登记：新增 3 人。"
	if fitMessage(short) != short {
		t.Error("a short reply must not change")
	}
	var lines []string
	for i := 0; i < 500; i++ {
		lines = append(lines, fmt.Sprintf("%d. 张三 — 手机号有误", i+1))
	}
	got := fitMessage(strings.Join(lines, "\n"))
	if n := utf8.RuneCountInString(got); n > maxReplyRunes {
		t.Errorf("fitted reply has %d characters", n)
	}
	kept := strings.Count(got, "\n")
	contains(t, got, fmt.Sprintf("另有 %d 行未显示", 500-kept))
	one := fitMessage(strings.Repeat("长", 3*maxReplyRunes))
	if n := utf8.RuneCountInString(one); n > maxReplyRunes {
		t.Errorf("one long line fitted to %d characters", n)
	}
}
