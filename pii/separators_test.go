package pii

import (
	"strings"
	"testing"
	"unicode"
)

// The separators and digit spellings the privacy review found printed
// whole: each must be masked.
func TestMaskSeparatorsFromReview(t *testing.T) {
	seps := []string{"：", ":", ";", "。", "*", "|", "'", "\"", "=", "#", "\u2212", "‒", "―", "﹣", "ー",
		"\u00ad", "\u2060", "\u180e", "\u034f", "👍", "🙂", "❤️", "👍🏽", "\x1b", "\t", "1️⃣"[1:]}
	for _, sep := range seps {
		in := "备用138" + sep + "0013" + sep + "8000"
		out := Mask(in)
		if strings.Contains(strings.ReplaceAll(out, sep, ""), "13800138000") || !strings.Contains(out, "****") {
			t.Errorf("Mask(%q) = %q: phone readable", in, out)
		}
	}
	cases := map[string]string{
		"备用138*0013*8000":          "备用138****8000",
		"一三八零零·一三八零零零":             "138****8000",
		"幺三八洞洞幺三八洞洞洞":              "138****8000",
		"138OO138OOO":              "138****8000",
		"¹³⁸⁰⁰¹³⁸⁰⁰⁰":              "138****8000",
		"₁₃₉₀₀₁₃₉₀₀₂":              "139****9002",
		"电话 1 3 8 o o 1 3 8 o o o": "电话 138****8000",
		"1️⃣3️⃣8️⃣0️⃣0️⃣1️⃣3️⃣8️⃣0️⃣0️⃣0️⃣": "138****8000️⃣",
	}
	for in, want := range cases {
		if got := Mask(in); got != want {
			t.Errorf("Mask(%q) = %q, want %q", in, got, want)
		}
	}
}

// Every rune of the separator classes (dash and other punctuation, space,
// format characters) and every emoji-like symbol, read from the Unicode
// tables rather than a list, hides nothing when typed between the digits
// of a phone or an ID number.
func TestMaskEverySeparatorClass(t *testing.T) {
	tables := map[string]*unicode.RangeTable{
		"Pd": unicode.Pd, "Po": unicode.Po, "Zs": unicode.Zs, "Cf": unicode.Cf, "So": unicode.So, "Sk": unicode.Sk,
	}
	for name, table := range tables {
		n := 0
		eachRune(table, func(r rune) {
			if _, digit := chainValue(r); digit {
				return // ①, ❶…: a digit, not a separator
			}
			n++
			sep := string(r)
			for _, in := range []string{
				"张三138" + sep + "0013" + sep + "8000先锋",
				"1" + sep + "3" + sep + "8" + sep + "0" + sep + "0" + sep + "1" + sep + "3" + sep + "8" + sep + "0" + sep + "0" + sep + "0",
				"身份证110105" + sep + "19900307" + sep + "123X",
			} {
				out := Mask(in)
				if got := recoverMobiles(out); len(got) > 0 {
					t.Fatalf("%s U+%04X: Mask(%q) = %q leaves %v", name, r, in, out, got)
				}
				if got := recoverIDs(out); len(got) > 0 {
					t.Fatalf("%s U+%04X: Mask(%q) = %q leaves ID %v", name, r, in, out, got)
				}
			}
		})
		if n == 0 {
			t.Errorf("class %s: no rune tried", name)
		}
	}
}

// eachRune calls f for every rune of a Unicode table.
func eachRune(t *unicode.RangeTable, f func(rune)) {
	for _, r16 := range t.R16 {
		for r := rune(r16.Lo); r <= rune(r16.Hi); r += rune(r16.Stride) {
			f(r)
		}
	}
	for _, r32 := range t.R32 {
		for r := rune(r32.Lo); r <= rune(r32.Hi); r += rune(r32.Stride) {
			f(r)
		}
	}
}
