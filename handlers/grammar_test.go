package handlers

import (
	"context"
	"testing"
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
