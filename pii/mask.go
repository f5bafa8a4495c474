// Package pii hides personal data (mobile numbers first) wherever text
// leaves the store: a chat, a log, a web page, a report. It is a leaf
// package so that every layer can mask without importing the grammar.
package pii

// Masking: no full mobile number leaves the store for a chat, a log or a
// report, however it was typed.

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaskPhone shows a phone number the only way it may appear in a chat or a
// log: the first three and last four digits, 138****8000. Anything that is
// not 11 ASCII digits is masked whole (so no slice can cut a character or
// leak more than seven digits).
func MaskPhone(s string) string {
	if s == "" {
		return ""
	}
	if len(s) != 11 {
		return "****"
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return "****"
		}
	}
	return s[:3] + "****" + s[7:]
}

// MaskPhones hides every mainland mobile number in free text as 138****8000,
// however it was typed: digits in any script (ASCII, full-width, any
// Unicode decimal digit such as 𝟏, 〇一二…, 幺 as read out on the phone,
// financial 壹贰叁…, circled ①⓪ and the like), with any separators on one
// line between them (spaces, one
// digit at a time, dashes, dots, brackets, +86 / 0086 / (+86) prefixes),
// glued to letters on either side. It is the one masking pass for every text
// that may reach a chat or a log (the outbox, logged and stored message
// text, echoed names and lines).
//
// The rule: digits joined only by separators (see IsPhoneSeparator) form a
// chain; every 11 consecutive digits of a chain that make a mobile number
// are replaced, from their first digit to their last, by the masked form. A
// chain longer than one number (an ID card number, digits typed before the
// phone) is masked wherever a number hides in it. The pass repeats until
// nothing changes, since the four digits a mask leaves visible could start
// a number with the digits after them. So no mobile number can be read back
// by dropping the separators, which the property test holds it to.
func MaskPhones(s string) string {
	for {
		t, changed := maskOnce(s)
		if !changed {
			return t
		}
		s = t
	}
}

// IsMobile reports whether s is an 11-digit mainland China mobile number
// (1, then 3–9, then nine digits).
func IsMobile(s string) bool {
	if len(s) != 11 || s[0] != '1' || s[1] < '3' || s[1] > '9' {
		return false
	}
	for i := 2; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// HasPhone reports whether s contains a mobile number in any typed form:
// whether MaskPhones would change it.
func HasPhone(s string) bool {
	_, changed := maskOnce(s)
	return changed
}

// chainDigit is one digit of a chain: where it is in the text and its value.
type chainDigit struct {
	start, end int
	value      byte
	arabic     bool // not a Chinese digit character
}

// maskOnce masks, left to right, the mobile numbers of every chain of s.
func maskOnce(s string) (string, bool) {
	return ReplacePhones(s, func(d, _ string) string { return MaskPhone(d) }, false, false)
}

// ReplacePhones replaces, left to right, the mobile numbers of every chain
// of s by what with makes of their digits (and of the text they were typed
// as, first digit to last); withPrefix also takes a country
// code (86, 0086) typed right before a number. whole only takes numbers that
// are not glued to other Arabic digits (nor to a decimal point after them):
// a reader of figures must not lose the fraction of 0.16666666666666666,
// while masking must hide any number however it hides.
func ReplacePhones(s string, with func(digits, typed string) string, withPrefix, whole bool) (string, bool) {
	if !mayHoldPhone(s) {
		return s, false
	}
	var (
		b       strings.Builder
		chain   []chainDigit
		written int
		changed bool
		digits  = make([]byte, 0, 32)
	)
	flush := func() {
		digits = digits[:0]
		for _, d := range chain {
			digits = append(digits, d.value)
		}
		glued := func(a, b int) bool { // chain digits a and b+1 typed as one figure
			gap := s[chain[a].end:chain[b].start]
			return (gap == "" || gap == ".") && chain[a].arabic && chain[b].arabic
		}
		for j := 0; j+11 <= len(chain); {
			if !IsMobile(string(digits[j:j+11])) ||
				(whole && ((j > 0 && glued(j-1, j)) || (j+11 < len(chain) && glued(j+10, j+11)))) {
				j++
				continue
			}
			from := chain[j].start
			if withPrefix {
				if p := string(digits[:j]); p == "86" || p == "0086" {
					from = chain[0].start
				}
				for _, plus := range []string{"+", "＋"} {
					if strings.HasSuffix(s[written:from], plus) {
						from -= len(plus)
					}
				}
			}
			b.WriteString(s[written:from])
			b.WriteString(with(string(digits[j:j+11]), s[chain[j].start:chain[j+10].end]))
			written = chain[j+10].end
			changed = true
			j += 11
		}
		chain = chain[:0]
	}
	for i, r := range s {
		if v, ok := DigitValue(r); ok {
			_, han := HanDigit(r)
			chain = append(chain, chainDigit{start: i, end: i + utf8.RuneLen(r), value: '0' + v, arabic: !han})
			continue
		}
		if !IsPhoneSeparator(r) {
			flush()
		}
	}
	flush()
	if !changed {
		return s, false
	}
	b.WriteString(s[written:])
	return b.String(), true
}

// mayHoldPhone is a cheap first look: a text with fewer than 11 runes that
// may be digits holds no phone number.
func mayHoldPhone(s string) bool {
	n := 0
	for _, r := range s {
		if _, ok := DigitValue(r); ok {
			if n++; n >= 11 {
				return true
			}
		}
	}
	return false
}

// HanDigit reads the Chinese characters read as digits when a number is
// dictated (幺 is 1 on the phone).
func HanDigit(r rune) (byte, bool) {
	switch r {
	case '〇', '零':
		return 0, true
	case '幺', '一', '壹':
		return 1, true
	case '二', '贰', '貳':
		return 2, true
	case '三', '叁', '參', '叄':
		return 3, true
	case '四', '肆':
		return 4, true
	case '五', '伍':
		return 5, true
	case '六', '陆', '陸':
		return 6, true
	case '七', '柒':
		return 7, true
	case '八', '捌':
		return 8, true
	case '九', '玖':
		return 9, true
	}
	return 0, false
}

// symbolDigit reads the digits drawn in a shape (circled ①, ⓪, ❶, ➀, ➊, ⓵,
// parenthesized ⑴, with a full stop ⒈): not decimal digits to Unicode, but
// read as digits by anyone looking at them.
func symbolDigit(r rune) (byte, bool) {
	switch {
	case r == '⓪' || r == '⓿' || r == '🄀':
		return 0, true
	case r >= '①' && r <= '⑨':
		return byte(r-'①') + 1, true
	case r >= '⑴' && r <= '⑼':
		return byte(r-'⑴') + 1, true
	case r >= '⒈' && r <= '⒐':
		return byte(r-'⒈') + 1, true
	case r >= '⓵' && r <= '⓽':
		return byte(r-'⓵') + 1, true
	case r >= '❶' && r <= '❾':
		return byte(r-'❶') + 1, true
	case r >= '➀' && r <= '➈':
		return byte(r-'➀') + 1, true
	case r >= '➊' && r <= '➒':
		return byte(r-'➊') + 1, true
	case r >= '🄁' && r <= '🄊': // digit with comma
		return byte(r - '🄁'), true
	}
	return 0, false
}

// DigitValue reads one digit in any script: ASCII, full-width, any other
// Unicode decimal digit, or a Chinese digit character.
func DigitValue(r rune) (byte, bool) {
	switch {
	case r >= '0' && r <= '9':
		return byte(r - '0'), true
	case r < utf8.RuneSelf:
		return 0, false
	case r >= '０' && r <= '９':
		return byte(r - '０'), true
	case r >= 0x4E00 && r <= 0x9FFF || r == '〇': // CJK ideographs: only the digits
		return HanDigit(r)
	}
	if d, ok := symbolDigit(r); ok {
		return d, true
	}
	if !unicode.Is(unicode.Nd, r) {
		return 0, false
	}
	// Decimal digits come in runs of ten from zero; some blocks hold several
	// runs back to back (mathematical digits), so count from the start of the
	// contiguous run.
	start := r
	for start > 0 && unicode.Is(unicode.Nd, start-1) && r-start < 60 {
		start--
	}
	return byte((r - start) % 10), true
}

// IsPhoneSeparator reports whether r may stand between the digits of a
// typed phone number: any space (one digit at a time, 138 0013 8000), dashes,
// dots, brackets and plus of a country code, slashes, commas. A line break
// is not one: digits on two lines are two figures (a 接龙 line's list
// number is not the last digit of the line before).
func IsPhoneSeparator(r rune) bool {
	if r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == '\u0085' || r == '\u2028' || r == '\u2029' {
		return false
	}
	if unicode.IsSpace(r) {
		return true
	}
	switch r {
	case '-', '－', '—', '–', '‐', '‑', '_', '.', '．', '·', '・', '•', '(', ')', '（', '）',
		'[', ']', '【', '】', '+', '＋', '/', '／', '\\', ',', '，', '、', '~', '～', '\u200b', '\u200c', '\u200d', '\ufeff':
		return true
	}
	return false
}
