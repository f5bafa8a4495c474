package grammar

import (
	"strconv"
	"unicode/utf8"
)

// numeralDigits are the Chinese digits, everyday and formal (大写, used on money).
var numeralDigits = map[rune]float64{
	'零': 0, '〇': 0,
	'一': 1, '壹': 1,
	'二': 2, '贰': 2, '两': 2,
	'三': 3, '叁': 3,
	'四': 4, '肆': 4,
	'五': 5, '伍': 5,
	'六': 6, '陆': 6,
	'七': 7, '柒': 7,
	'八': 8, '捌': 8,
	'九': 9, '玖': 9,
}

// numeralSmall are the multipliers inside a 万 section; numeralLarge close a section.
var (
	numeralSmall = map[rune]int{'十': 1, '拾': 1, '百': 2, '佰': 2, '千': 3, '仟': 3}
	numeralLarge = map[rune]int{'万': 4, '萬': 4, '亿': 8, '億': 8}
)

// isNumeralRune reports whether r can be part of a numeral (an ASCII digit,
// a Chinese digit or a multiplier). The record grammar uses it to refuse a
// figure that would start in the middle of one.
func isNumeralRune(r rune) bool {
	if r >= '0' && r <= '9' {
		return true
	}
	_, d := numeralDigits[r]
	_, s := numeralSmall[r]
	_, l := numeralLarge[r]
	return d || s || l
}

func isArabic(b byte) bool { return b >= '0' && b <= '9' }

// arabicEnd returns the index of the first non-digit byte of s at or after i.
func arabicEnd(s string, i int) int {
	for i < len(s) && isArabic(s[i]) {
		i++
	}
	return i
}

// ParseNumeral reads the number at the start of s and returns its value and
// how many bytes of s it took; 0 bytes means s does not start with a number.
//
// It reads what members type: Arabic digits with an optional fraction
// (3.5), Chinese numerals (十二, 两万, 一千零五, 壹仟), both mixed with the
// multipliers 十 百 千 万 亿 (1.5万, 3千, 5千万, 1万2千), and the spoken
// elision of the last unit (一万二 = 12000, 三千五 = 3500). A number never
// starts with 百, 千, 万 or 亿 alone. Reading stops at the first rune that
// cannot continue the number, so "两万瓶" reads 20000 and leaves "瓶".
//
// Plain Arabic text (digits with at most one fraction) is read by
// strconv.ParseFloat, so a value formatted with
// strconv.FormatFloat(x, 'f', -1, 64) reads back exactly as x. A fraction
// followed by multipliers is read exactly too: 1.5万 is 1.5e4, not 1.5×10000
// rounded twice. Digits too many for a float64 give +Inf.
func ParseNumeral(s string) (float64, int) {
	if s == "" {
		return 0, 0
	}
	if isArabic(s[0]) {
		j := arabicEnd(s, 0)
		if j+1 < len(s) && s[j] == '.' && isArabic(s[j+1]) {
			return numeralDecimal(s, arabicEnd(s, j+1))
		}
	}
	return numeralInteger(s)
}

// numeralDecimal reads an Arabic number with a fraction, s[:k], and the
// multipliers that may follow it: one of 十百千, then 万 or 亿, then 亿.
func numeralDecimal(s string, k int) (float64, int) {
	exp, n := 0, k
	r, sz := utf8.DecodeRuneInString(s[n:])
	if e, ok := numeralSmall[r]; ok {
		exp += e
		n += sz
		r, sz = utf8.DecodeRuneInString(s[n:])
	}
	if e, ok := numeralLarge[r]; ok {
		exp += e
		n += sz
		if e == 4 {
			r, sz = utf8.DecodeRuneInString(s[n:])
			if e2, ok := numeralLarge[r]; ok && e2 == 8 {
				exp += 8
				n += sz
			}
		}
	}
	v, _ := strconv.ParseFloat(s[:k]+"e"+strconv.Itoa(exp), 64)
	return v, n
}

// numeralInteger reads a whole number written with Arabic integers, Chinese
// digits and multipliers, the way it is spoken: sections of up to 千 closed
// by 万 or 亿.
func numeralInteger(s string) (float64, int) {
	var (
		total, section float64
		pending        = -1.0 // the digit (or Arabic integer) not yet multiplied
		single         bool   // pending is one digit: it may be an elided unit
		secExp         int    // exponent of the last 十百千 in this section, 0 at its start
		lastExp        int    // exponent of the last multiplier of any kind
		largeExp       int    // exponent of the last 万 or 亿
		zero           bool   // a 零 came after the last multiplier
		started        bool
		end            int
	)
	for i := 0; i < len(s); {
		r, sz := utf8.DecodeRuneInString(s[i:])
		if isArabic(s[i]) {
			if pending >= 0 {
				break
			}
			j := arabicEnd(s, i)
			if j+1 < len(s) && s[j] == '.' && isArabic(s[j+1]) {
				break // a fraction after Chinese multipliers: leave it
			}
			pending, _ = strconv.ParseFloat(s[i:j], 64)
			single = j-i == 1
			i, end, started = j, j, true
			continue
		}
		if d, ok := numeralDigits[r]; ok {
			if pending >= 0 {
				break
			}
			i += sz
			if d == 0 && started {
				zero = true // 一千零五: the 五 is units, no elision
				continue
			}
			pending, single, end, started = d, true, i, true
			continue
		}
		if e, ok := numeralSmall[r]; ok {
			if pending < 0 {
				if e != 1 {
					break // 百, 千 need a digit before them
				}
				pending = 1 // 十二, 一百一十, 零十
			}
			if secExp != 0 && e >= secExp {
				break
			}
			section += pending * tenPow(e)
			pending, secExp, lastExp, zero = -1, e, e, false
			i += sz
			end, started = i, true
			continue
		}
		if e, ok := numeralLarge[r]; ok {
			if pending < 0 && section == 0 && (e != 8 || largeExp != 4) {
				break // 万 alone, 亿万; but 三万亿 is 3e12
			}
			if e == 4 && largeExp == 4 {
				break // 万万
			}
			sec := section
			if pending >= 0 {
				sec += pending
			}
			if e == 8 {
				total = (total + sec) * 1e8
			} else {
				total += sec * 1e4
			}
			section, pending, secExp, lastExp, largeExp, zero = 0, -1, 0, e, e, false
			i += sz
			end = i
			continue
		}
		break
	}
	if !started {
		return 0, 0
	}
	v := total + section
	if pending >= 0 {
		if single && !zero && lastExp >= 2 {
			v += pending * tenPow(lastExp-1) // 一万二 = 12000, 三千五 = 3500
		} else {
			v += pending
		}
	}
	return v, end
}

func tenPow(e int) float64 {
	v := 1.0
	for ; e > 0; e-- {
		v *= 10
	}
	return v
}

// formatFigure is the canonical text of a figure: the shortest plain decimal
// that ParseNumeral reads back as exactly x.
func formatFigure(x float64) string {
	return strconv.FormatFloat(x, 'f', -1, 64)
}
