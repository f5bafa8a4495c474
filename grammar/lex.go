package grammar

// Lexing of the record family (打卡, 捐赠): words glued back together, then
// cut into figures with their units and the text between them.

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// recUnit is a word that may follow a number.
type recUnit struct {
	word  string  // as typed; ASCII words match in any case
	canon string  // the unit stored on a pledge
	kind  recKind // recHours, recPeople, recExtra or recQty
	div   float64 // hours = number/div + add
	add   float64
}

func hoursUnit(word string, div, add float64) recUnit {
	return recUnit{word: word, kind: recHours, div: div, add: add}
}

// recServiceUnits are the units a 打卡 message knows. Durations and people may
// follow Chinese numerals; the other figures (recExtra) need Arabic digits,
// since 一次性, 三楼 and 一个人 are words, not figures.
var recServiceUnits = sortUnits(append([]recUnit{
	hoursUnit("个半小时", 1, 0.5), hoursUnit("个半钟头", 1, 0.5),
	hoursUnit("个小时", 1, 0), hoursUnit("个钟头", 1, 0),
	hoursUnit("小时半", 1, 0.5), hoursUnit("小时", 1, 0), hoursUnit("钟头", 1, 0),
	hoursUnit("hours", 1, 0), hoursUnit("hour", 1, 0), hoursUnit("hrs", 1, 0),
	hoursUnit("hr", 1, 0), hoursUnit("h", 1, 0),
	hoursUnit("分钟", 60, 0), hoursUnit("分", 60, 0),
	hoursUnit("minutes", 60, 0), hoursUnit("minute", 60, 0),
	hoursUnit("mins", 60, 0), hoursUnit("min", 60, 0),
	{word: "人次", kind: recPeople}, {word: "人", kind: recPeople},
	{word: "名", kind: recPeople}, {word: "位", kind: recPeople},
	{word: "余人次", kind: recPeople}, {word: "多人次", kind: recPeople},
	{word: "余人", kind: recPeople}, {word: "多人", kind: recPeople},
	{word: "余名", kind: recPeople}, {word: "多名", kind: recPeople},
}, unitsOf(recExtra,
	"平方米", "平米", "平方", "㎡", "立方米", "立方", "米", "公里", "千米", "km",
	"户", "家", "栋", "幢", "间", "处", "条", "张", "份", "个", "车", "辆", "趟",
	"吨", "公斤", "千克", "kg", "斤", "箱", "件", "袋", "包", "瓶", "桶", "盒",
	"套", "双", "次", "遍", "轮", "单", "元", "块", "支", "台", "批", "篇", "组",
	"项", "例", "管", "剂", "针")...))

// recPledgeUnits are the measure words of a pledge. 块钱 is stored as 元;
// 万元 needs no entry: 3万 is the number, 元 the unit.
var recPledgeUnits = sortUnits(append(unitsOf(recQty,
	"个", "只", "支", "枚", "副", "双", "件", "套", "台", "部", "辆", "卡车", "车",
	"吨", "公斤", "千克", "kg", "斤", "克", "箱", "瓶", "桶", "盒", "包", "袋",
	"份", "条", "张", "卷", "罐", "提", "捆", "板", "片", "顶", "床", "把", "块",
	"本", "册", "升", "毫升", "ml", "听", "筐", "批", "剂", "针", "元"),
	recUnit{word: "块钱", canon: "元", kind: recQty}))

// recMoneyUnits may follow the figure of a 价值 / 折合.
var recMoneyUnits = sortUnits([]recUnit{
	{word: "元", canon: "元"}, {word: "块钱", canon: "元"}, {word: "块", canon: "元"},
	{word: "人民币", canon: "元"},
})

func unitsOf(kind recKind, words ...string) []recUnit {
	us := make([]recUnit, len(words))
	for i, w := range words {
		us[i] = recUnit{word: w, canon: w, kind: kind}
	}
	return us
}

// sortUnits puts longer words first so the longest unit wins.
func sortUnits(us []recUnit) []recUnit {
	sort.SliceStable(us, func(i, j int) bool { return len(us[i].word) > len(us[j].word) })
	return us
}

// isBareNumber reports whether w is a number and nothing else (5, -3, 两万).
func isBareNumber(w string) bool {
	w = strings.TrimPrefix(w, "-")
	_, n := ParseNumeral(w)
	return n > 0 && n == len(w)
}

// recMerge glues words that belong together: a glue word and the word after
// it, a bare number and a unit (or a multiplier, or one of also) after it,
// and digit groups split by a thousands separator.
func recMerge(toks []string, units []recUnit, glue, also []string) []string {
	out := make([]string, 0, len(toks))
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		for i+1 < len(toks) && recJoins(t, toks[i+1], units, glue, also) {
			t += toks[i+1]
			i++
		}
		out = append(out, t)
	}
	return out
}

func recJoins(a, b string, units []recUnit, glue, also []string) bool {
	if slices.Contains(glue, a) {
		return true
	}
	if !isBareNumber(a) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(b)
	if _, ok := numeralSmall[r]; ok {
		return true
	}
	if _, ok := numeralLarge[r]; ok {
		return true
	}
	if _, n := matchUnit(b, units); n > 0 {
		return true
	}
	for _, w := range also {
		if strings.HasPrefix(b, w) {
			return true
		}
	}
	// 20 000: a group of three digits after digits.
	return arabicEnd(a, 0) == len(a) && arabicEnd(b, 0) == 3
}

// recLex cuts words into elements and text. match is tried where an element
// may start; boundary tells it the position is the start of a word or right
// after another element.
func recLex(toks []string, match func(s string, boundary bool) (recLexeme, int)) []recLexeme {
	var out []recLexeme
	for _, tok := range toks {
		text, boundary, prev := 0, true, rune(0)
		for i := 0; i < len(tok); {
			if boundary || (recStartAllowed(prev) && !perUnit(tok[text:i])) {
				l, n := matchPhone(tok[i:])
				if n == 0 {
					l, n = match(tok[i:], boundary)
				}
				if n > 0 {
					if text < i {
						out = append(out, recLexeme{kind: recText, text: tok[text:i]})
					}
					if l.kind != recPlace {
						l.text = tok[i : i+n]
					}
					out = append(out, l)
					i += n
					text, boundary = i, true
					continue
				}
			}
			r, sz := utf8.DecodeRuneInString(tok[i:])
			prev, boundary = r, false
			i += sz
		}
		if text < len(tok) {
			out = append(out, recLexeme{kind: recText, text: tok[text:]})
		}
	}
	return out
}

// perUnit reports whether text ends in 每, 每 and one rune, or 单价: the
// figure after it describes a unit (矿泉水 100箱(每箱24瓶), 单价5元), it is no
// quantity of its own.
func perUnit(text string) bool {
	if strings.HasSuffix(text, "每") || strings.HasSuffix(text, "单价") {
		return true
	}
	_, sz := utf8.DecodeLastRuneInString(text)
	return sz > 0 && strings.HasSuffix(text[:len(text)-sz], "每")
}

// matchPhone finds an 11-digit mobile number at the start of s. It is no
// figure, and it is dropped rather than kept in an item or activity that the
// bot may echo: phone numbers appear in chat only masked.
func matchPhone(s string) (recLexeme, int) {
	if len(s) >= 11 && IsMobile(s[:11]) && (len(s) == 11 || !isArabic(s[11]) && s[11] != '.') {
		return recLexeme{kind: recPhone}, 11
	}
	return recLexeme{}, 0
}

// recStartAllowed reports whether an element may start after rune prev: not
// inside a number (12, 一万) nor inside an ASCII word (N95, KN95).
func recStartAllowed(prev rune) bool {
	if prev == '.' || isNumeralRune(prev) {
		return false
	}
	return !(prev < utf8.RuneSelf && (unicode.IsLetter(prev) || unicode.IsDigit(prev)))
}

// matchUnit finds the longest unit at the start of s. An ASCII unit matches
// in any case and not when a letter follows (4h, but not 4home).
func matchUnit(s string, units []recUnit) (recUnit, int) {
	for _, u := range units {
		w := u.word
		if len(s) < len(w) {
			continue
		}
		if w[0] < utf8.RuneSelf {
			if strings.EqualFold(s[:len(w)], w) && (len(s) == len(w) || !isASCIILetter(s[len(w)])) {
				return u, len(w)
			}
			continue
		}
		if strings.HasPrefix(s, w) {
			return u, len(w)
		}
	}
	return recUnit{}, 0
}

func isASCIILetter(b byte) bool { return b|0x20 >= 'a' && b|0x20 <= 'z' }

// matchFigure reads an optionally negative number and the unit after it.
// With unitless, a number that ends the word is a recQty without a unit when
// it is Arabic or makes the whole rest of the word (两万, but not 统一).
func matchFigure(s string, boundary bool, units []recUnit, unitless bool) (recLexeme, int) {
	j, neg := 0, false
	if strings.HasPrefix(s, "-") {
		j, neg = 1, true
	}
	x, n := ParseNumeral(s[j:])
	if n == 0 {
		return recLexeme{}, 0
	}
	arabic := isArabic(s[j])
	end := j + n
	// 5千克 is 5 kilograms, not 5000 grams.
	if r, sz := utf8.DecodeLastRuneInString(s[j:end]); r == '千' || r == '仟' {
		if next, _ := utf8.DecodeRuneInString(s[end:]); next == '克' || next == '米' || next == '瓦' {
			if y, m := ParseNumeral(s[j : end-sz]); m == end-sz-j {
				x, end = y, end-sz
			}
		}
	}
	u, un := matchUnit(s[end:], units)
	if un == 0 {
		if unitless && end == len(s) && (arabic || boundary) {
			return recLexeme{kind: recQty, num: x, neg: neg}, end
		}
		return recLexeme{}, 0
	}
	if u.kind == recExtra && !arabic {
		return recLexeme{}, 0
	}
	l := recLexeme{kind: u.kind, num: x, neg: neg, unit: u.canon}
	if u.kind == recHours {
		l.num = x/u.div + u.add
	}
	return l, end + un
}
