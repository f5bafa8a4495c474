package pii

import (
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// typedForms writes a mobile number the ways members type it.
var typedForms = []func(rng *rand.Rand, p string) string{
	func(_ *rand.Rand, p string) string { return p },
	func(_ *rand.Rand, p string) string { return p[:3] + " " + p[3:7] + " " + p[7:] },
	func(_ *rand.Rand, p string) string { return p[:3] + "-" + p[3:7] + "-" + p[7:] },
	func(_ *rand.Rand, p string) string { return p[:3] + "." + p[3:7] + "." + p[7:] },
	func(_ *rand.Rand, p string) string { return strings.Join(strings.Split(p, ""), " ") }, // one digit at a time
	func(_ *rand.Rand, p string) string { return fullWidth(p) },
	func(_ *rand.Rand, p string) string {
		return fullWidth(p[:3]) + "　" + fullWidth(p[3:7]) + "－" + p[7:]
	},
	func(_ *rand.Rand, p string) string { return "+86" + p },
	func(_ *rand.Rand, p string) string { return "+86 " + p[:3] + " " + p[3:7] + " " + p[7:] },
	func(_ *rand.Rand, p string) string { return "0086" + p },
	func(_ *rand.Rand, p string) string { return "(+86)" + p },
	func(_ *rand.Rand, p string) string { return "（+86）" + p[:3] + "-" + p[3:] },
	func(_ *rand.Rand, p string) string { return "86-" + p },
	func(_ *rand.Rand, p string) string { return hanDigitsOf(p) },
	func(_ *rand.Rand, p string) string { return inScript(p, financialDigits) },
	func(_ *rand.Rand, p string) string { return inScript(p, circledDigits) },
	func(_ *rand.Rand, p string) string { return inScript(p, boldDigits) },
	func(_ *rand.Rand, p string) string {
		return inScript(p[:3], circledDigits) + " " + inScript(p[3:], financialDigits)
	},
	func(rng *rand.Rand, p string) string { // separators of every Unicode class
		var b strings.Builder
		for i, d := range p {
			if i > 0 && rng.IntN(2) == 0 {
				b.WriteRune(classSeparators[rng.IntN(len(classSeparators))])
			}
			b.WriteRune(d)
		}
		return b.String()
	},
	func(rng *rand.Rand, p string) string { // random separators between random digits
		seps := []string{"", "", " ", "-", ".", "  ", " - ", "·", "，", "\u3000", "\u00a0"}
		var b strings.Builder
		for i, d := range p {
			if i > 0 {
				b.WriteString(seps[rng.IntN(len(seps))])
			}
			if rng.IntN(3) == 0 {
				d = d - '0' + '０'
			}
			b.WriteRune(d)
		}
		return b.String()
	},
}

// classSeparators are the runes of the separator classes (Pd, Po, Zs, Cf,
// So), read from the Unicode tables, less those read as digits.
var classSeparators = func() []rune {
	var out []rune
	for _, t := range []*unicode.RangeTable{unicode.Pd, unicode.Po, unicode.Zs, unicode.Cf, unicode.So} {
		eachRune(t, func(r rune) {
			if _, digit := chainValue(r); !digit && r != '*' {
				out = append(out, r)
			}
		})
	}
	return out
}()

func fullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r - '0' + '０'
		}
		return r
	}, s)
}

func hanDigitsOf(s string) string {
	han := []rune("〇一二三四五六七八九")
	return strings.Map(func(r rune) rune { return han[r-'0'] }, s)
}

// Digit scripts members paste from other apps, zero first.
var (
	financialDigits = []rune("零壹贰叁肆伍陆柒捌玖")
	circledDigits   = []rune("⓪①②③④⑤⑥⑦⑧⑨")
	boldDigits      = []rune("𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗")
)

// inScript writes the ASCII digits of s in another script.
func inScript(s string, script []rune) string {
	return strings.Map(func(r rune) rune { return script[r-'0'] }, s)
}

// randomMobile is a random mainland mobile number.
func randomMobile(rng *rand.Rand) string {
	b := []byte{'1', byte('3' + rng.IntN(7))}
	for len(b) < 11 {
		b = append(b, byte('0'+rng.IntN(10)))
	}
	return string(b)
}

// around is the text a phone is typed in: names, roles, words, short
// numbers, punctuation, emoji, separators.
var around = []string{
	"张三", "李娜", "报名", "先锋", "储备", "谢谢", "党员", "有车", "男", "队员07", "3号楼", "4小时",
	"Tom", "ok", "N95", "2个", "12", "5", "0", "1", " ", "  ", "，", "、", "：", ":", "-", ".", "(", ")",
	"👍", "[强]", "\n", "#接龙", "1. ", "电话", "手机号", "第3", "2026-11-30", "价值3万元", "一", "三",
}

// recoverMobiles finds what a reader could make of s by dropping every
// separator and reading every digit: the mobile numbers in its digit runs.
// It is written apart from the masking code, from the description of the
// typed forms, so the test does not just repeat the implementation.
func recoverMobiles(s string) []string {
	var found []string
	var run []byte
	check := func() {
		for j := 0; j+11 <= len(run); j++ {
			if IsMobile(string(run[j : j+11])) {
				found = append(found, string(run[j:j+11]))
			}
		}
		run = run[:0]
	}
	han := "〇一二三四五六七八九"
	other := func(r rune) (byte, bool) {
		for _, script := range [][]rune{financialDigits, circledDigits, boldDigits} {
			for v, d := range script {
				if d == r {
					return byte('0' + v), true
				}
			}
		}
		return 0, r == '幺'
	}
	rs := []rune(s)
	for i, r := range rs {
		if d, ok := other(r); ok {
			if d == 0 {
				d = '1' // 幺
			}
			run = append(run, d)
			continue
		}
		switch {
		case r >= '0' && r <= '9':
			run = append(run, byte(r))
		case r >= '０' && r <= '９':
			run = append(run, byte('0'+r-'０'))
		case strings.ContainsRune(han, r):
			run = append(run, byte('0'+strings.Index(han, string(r))/3))
		case r == '零' || r == '洞' || r == 'O' || r == 'o':
			run = append(run, '0')
		case r == '\n':
			check() // a line break ends a number
		case r == '*' && starRun(rs, i) >= 4:
			check() // a mask ends a number
		case r == 'ー' || !unicode.IsLetter(r) && !unicode.IsNumber(r) &&
			unicode.In(r, unicode.P, unicode.S, unicode.Z, unicode.C, unicode.M):
			// a separator: dropped
		default:
			check()
		}
	}
	check()
	return found
}

// starRun is the length of the run of * around rs[i].
func starRun(rs []rune, i int) int {
	a, b := i, i
	for a > 0 && rs[a-1] == '*' {
		a--
	}
	for b+1 < len(rs) && rs[b+1] == '*' {
		b++
	}
	return b - a + 1
}

// TestMaskPhonesProperty embeds generated phones, in every typed form, in
// random text, and holds MaskPhones to its promise: afterwards no mobile
// number can be recovered by dropping separators, the text around is kept,
// and masking again changes nothing. The seed is fixed, so a failure repeats.
func TestMaskPhonesProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		var phones []string
		for n := 1 + rng.IntN(6); n > 0; n-- {
			if rng.IntN(3) == 0 {
				p := randomMobile(rng)
				phones = append(phones, p)
				b.WriteString(typedForms[rng.IntN(len(typedForms))](rng, p))
			} else {
				b.WriteString(around[rng.IntN(len(around))])
			}
		}
		in := b.String()
		out := MaskPhones(in)
		if got := recoverMobiles(out); len(got) > 0 {
			t.Fatalf("MaskPhones(%q) = %q: %v can still be read", in, out, got)
		}
		if HasPhone(out) {
			t.Fatalf("HasPhone(MaskPhones(%q)) is true: %q", in, out)
		}
		if again := MaskPhones(out); again != out {
			t.Fatalf("MaskPhones is not idempotent on %q: %q then %q", in, out, again)
		}
		if len(phones) > 0 && !strings.Contains(out, "****") {
			t.Fatalf("MaskPhones(%q) = %q: phones %v not masked", in, out, phones)
		}
		if len(recoverMobiles(in)) == 0 && out != in {
			t.Fatalf("MaskPhones(%q) = %q changed a text without a phone", in, out)
		}
		if strings.Count(out, "\n") != strings.Count(in, "\n") {
			t.Fatalf("MaskPhones(%q) = %q lost a line", in, out)
		}
		if a, b := keptText(in), keptText(strings.ReplaceAll(out, "*", "")); a != b {
			t.Fatalf("MaskPhones(%q) = %q lost text: %q became %q", in, out, a, b)
		}
	}
}

// keptText is what masking must leave alone: s less its digits (in any
// script) and the separators that may stand between them.
func keptText(s string) string {
	return strings.Map(func(r rune) rune {
		if _, ok := DigitValue(r); ok || IsPhoneSeparator(r) {
			return -1
		}
		return r
	}, s)
}

// A phone is never read across a line break, and masking never eats one:
// a 接龙 line's list number is not a phone's last digit.
func TestMaskPhonesKeepsLines(t *testing.T) {
	in := "#接龙\n1. 周三 先锋 1 3 9 0 0 0 0 0 4 1\n2. 周四 先锋 13900000414"
	want := "#接龙\n1. 周三 先锋 1 3 9 0 0 0 0 0 4 1\n2. 周四 先锋 139****0414"
	if got := MaskPhones(in); got != want {
		t.Errorf("MaskPhones(%q) = %q, want %q", in, got, want)
	}
}

func TestMaskPhones(t *testing.T) {
	cases := map[string]string{
		"报名先锋 张三 138 0013 8000":     "报名先锋 张三 138****8000",
		"2. 李四 先锋 139-0013-9002 谢谢": "2. 李四 先锋 139****9002 谢谢",
		"+86 138 0013 8004":         "+86 138****8004",
		"张三１３８００１３８０００":             "张三138****8000",
		"编号 12345 不是手机":             "编号 12345 不是手机",
		"1 3 8 0 0 1 3 8 0 0 0":     "138****8000",
		"138.0013.8000":             "138****8000",
		"(+86)13800138000":          "(+86)138****8000",
		"0086-138-0013-8000":        "0086-138****8000",
		"捐赠 张三13800138000 口罩 2个":    "捐赠 张三138****8000 口罩 2个",
		"队员07 13900000001":          "队员07 139****0001",
		"幺三八零零幺三八零零零":               "138****8000",
		"服务 3.5小时 200人次":            "服务 3.5小时 200人次",
		"2026-11-30 20:00":          "2026-11-30 20:00",
		"捐赠 先锋 周十 壹叁玖零零零零零肆贰伍 口罩1个": "捐赠 先锋 周十 139****0425 口罩1个",
		"①③⑨⓪⓪⓪⓪⓪④②⑤":               "139****0425",
		"𝟏𝟑𝟗𝟎𝟎𝟎𝟎𝟎𝟒𝟐𝟓":               "139****0425",
		"❶❸❾⓿⓿⓿⓿⓿❹❷❺":               "139****0425",
		"139 0000\n0425":            "139 0000\n0425",
	}
	for in, want := range cases {
		if got := MaskPhones(in); got != want {
			t.Errorf("MaskPhones(%q) = %q, want %q", in, got, want)
		}
		if HasPhone(MaskPhones(in)) {
			t.Errorf("%q still has a phone after masking", in)
		}
	}
}

// A number whose visible last digits start another number with the digits
// after it is masked again.
func TestMaskPhonesTailStartsAnother(t *testing.T) {
	in := "13900130013 800138000"
	out := MaskPhones(in)
	if got := recoverMobiles(out); len(got) > 0 {
		t.Errorf("MaskPhones(%q) = %q leaves %v", in, out, got)
	}
}

// oldPhoneLike is the masking before this pass (spaces or dashes between
// ASCII or full-width digits only): the baseline the benchmark compares to.
var oldPhoneLike = regexp.MustCompile(`[1１][3-9３-９](?:[ \-－]?[0-9０-９]){9}`)

// BenchmarkMaskPhones measures one masking pass over what the outbox sends:
// short replies already masked, a sign-up echo, and a long 接龙 reply,
// against the old regular expression in the same run.
func BenchmarkMaskPhones(b *testing.B) {
	var chain strings.Builder
	chain.WriteString("接龙登记：新增 30 人，其中候补 4 人。\n未登记：")
	for i := 0; i < 60; i++ {
		chain.WriteString("\n" + strconv.Itoa(i+1) + ". 张三 — 手机号有误")
	}
	msgs := []string{
		"✅ 张三（138****8000）报名成功：志愿先锋，剩余名额 39。",
		"报名 先锋 张三 138 0013 8000",
		chain.String(),
	}
	b.Run("regexp-baseline", func(b *testing.B) {
		for b.Loop() {
			for _, m := range msgs {
				oldPhoneLike.ReplaceAllString(m, "****")
			}
		}
	})
	b.Run("MaskPhones", func(b *testing.B) {
		for b.Loop() {
			for _, m := range msgs {
				MaskPhones(m)
			}
		}
	})
}

// FuzzMaskPhones holds MaskPhones to its promise on any text: no mobile
// number can be read back from its output, and masking twice changes
// nothing more.
func FuzzMaskPhones(f *testing.F) {
	for _, s := range []string{
		"报名 先锋 张三 138 0013 8000", "1 3 8 0 0 1 3 8 0 0 0", "(+86)138-0013-8000", "张三13800138000先锋",
		"１３８００１３８０００", "幺三八零零幺三八零零零", "13900130013 800138000", "0.16666666666666666小时",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := MaskPhones(s)
		if got := recoverMobiles(out); len(got) > 0 {
			t.Fatalf("MaskPhones(%q) = %q: %v can still be read", s, out, got)
		}
		if again := MaskPhones(out); again != out {
			t.Fatalf("MaskPhones(%q) = %q, then %q", s, out, again)
		}
	})
}
