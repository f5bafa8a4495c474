package grammar

import (
	"strings"
	"testing"
)

func TestFormPhone(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"13800138000", "13800138000", true},
		{" 138 0013 8000 ", "13800138000", true},
		{"138-0013-8000", "13800138000", true},
		{"１３８００１３８０００", "13800138000", true},
		{"+86 13800138000", "13800138000", true},
		{"008613800138000", "13800138000", true},
		{"1380013800", "", false},
		{"12800138000", "", false},
		{"13800138000 13900139000", "", false},
		{"tel 13800138000", "", false},
		{"", "", false},
	} {
		got, ok := FormPhone(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("FormPhone(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestFormName(t *testing.T) {
	v := &Vocabulary{Roles: map[string]string{"先锋": "pioneer"}}
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"张三", "张三", true},
		{" 欧阳娜娜 ", "欧阳娜娜", true},
		{"阿卜杜•热合曼", "阿卜杜·热合曼", true},
		{"Anna Li", "Anna Li", true},
		{"先锋", "先锋", false},
		{"张", "张", false},
		{"张三13800138000", "", false},
		{"报名了吗", "报名了吗", false},
		{"张三\n李四", "", false},
		{"张\x1b[31m三", "张[31m三", false},
		{"张\x1b三", "张三", true},
		{"一三八零零·一三八零零零", "", false},
		{"幺三八洞洞幺三八洞洞洞", "", false},
		{"", "", false},
	} {
		got, ok := FormName(c.in, v)
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("FormName(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestFormRemark(t *testing.T) {
	for in, want := range map[string]string{
		"":                      "",
		" 党员，有车 ":               "党员 有车",
		"周末可服务\n晚上也行":           "周末可服务 晚上也行",
		"备用电话 13900139000":      "备用电话 139****9000",
		strings.Repeat("长", 50): strings.Repeat("长", 40),
	} {
		if got := FormRemark(in); got != want {
			t.Errorf("FormRemark(%q) = %q, want %q", in, got, want)
		}
	}
}
