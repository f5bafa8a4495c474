package pii

import (
	"testing"
	"unicode"
)

func TestPrintable(t *testing.T) {
	cases := map[string]string{
		"幸福\x1b[2J\x1b]0;pwned\x07小区群": "幸福[2J]0;pwned小区群",
		"张三\u202e四李":                   "张三四李",
		"周三\t先锋\r\n李四":                 "周三 先锋\n李四",
		"\u009b31m红字":                  "31m红字",
		"家👨‍👩‍👧":                       "家👨‍👩‍👧", // the zero width joiner of an emoji stays
		"删\x7f除":                       "删除",
		"普通的名字":                        "普通的名字",
	}
	for in, want := range cases {
		if got := Printable(in); got != want {
			t.Errorf("Printable(%q) = %q, want %q", in, got, want)
		}
	}
	for r := rune(0); r <= 0x10FFFF; r++ {
		if out := Printable("a" + string(r) + "b"); r != '\n' && unicode.IsControl(r) && out != "ab" && out != "a b" {
			t.Fatalf("Printable keeps control U+%04X: %q", r, out)
		}
	}
}
