package pii

import (
	"strings"
	"testing"
)

// recoverIDs finds the ID numbers a reader could make of s by dropping
// everything but ASCII and full-width digits and X: 17 digits then a digit
// or X with a plausible birth date, or 15 digits. Written apart from the
// chain code, so the test does not repeat it.
func recoverIDs(s string) []string {
	var run strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', r == 'X' || r == 'x':
			run.WriteRune(r)
		case r >= '０' && r <= '９':
			run.WriteRune('0' + r - '０')
		case r == '\n' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r >= 0x4E00 && r <= 0x9FFF:
			run.WriteString("|")
		}
	}
	var found []string
	for _, part := range strings.Split(strings.ToUpper(run.String()), "|") {
		for j := 0; j+15 <= len(part); j++ {
			for _, n := range []int{18, 15} {
				if j+n <= len(part) && IsIDCard(part[j:j+n]) {
					found = append(found, part[j:j+n])
				}
			}
		}
	}
	return found
}

func TestMaskIDCards(t *testing.T) {
	cases := map[string]string{
		"身份证 110105199003071234":            "身份证 110***********1234",
		"身份证11010519900307123X":             "身份证110***********123X",
		"身份证 11010519900307123x 谢谢":         "身份证 110***********123X 谢谢",
		"110105 1990 0307 123X":             "110***********123X",
		"旧证 110105900307123":                "旧证 110********7123",
		"一一〇一〇五一九九〇〇三〇七一二三四":                "110***********1234",
		"订单 2026120500201234 不是证件":          "订单 2026120500201234 不是证件",
		"编号 990105200003071234":             "编号 990105200003071234",
		"张三 13800138000 110105199003071234": "张三 138****8000 110***********1234",
	}
	for in, want := range cases {
		if got := Mask(in); got != want {
			t.Errorf("Mask(%q) = %q, want %q", in, got, want)
		}
		if Has(Mask(in)) {
			t.Errorf("Has(Mask(%q)) is true", in)
		}
	}
	if !Has("110105200003071234") || HasPhone("110105200003071234") {
		t.Error("Has must see an ID number, HasPhone must not")
	}
}

func TestIsIDCard(t *testing.T) {
	for d, want := range map[string]bool{
		"110105199003071234": true, "11010519900307123X": true, "110105900307123": true,
		"110105199013071234": false, // month 13
		"110105199003001234": false, // day 00
		"010105199003071234": false, // region 0
		"1101051990030712X4": false, // X not last
		"11010518900307123X": false, // year 18xx
		"1101051990030712":   false,
	} {
		if got := IsIDCard(d); got != want {
			t.Errorf("IsIDCard(%q) = %v, want %v", d, got, want)
		}
	}
}

func TestMaskID(t *testing.T) {
	if got := MaskID("11010519900307123X"); got != "110***********123X" {
		t.Errorf("MaskID = %q", got)
	}
	if got := MaskID("12345"); got != "****" {
		t.Errorf("MaskID(short) = %q", got)
	}
}
