package pii

// Digits and separators: what a reader takes for a digit, and what a reader
// skips between two digits.

import (
	"unicode"
	"unicode/utf8"
)

// DigitValue reads one digit in any script: ASCII, full-width, any other
// Unicode decimal digit, a digit drawn in a shape, a Chinese digit
// character, or the letter O typed for zero.
func DigitValue(r rune) (byte, bool) {
	switch {
	case r >= '0' && r <= '9':
		return byte(r - '0'), true
	case isLetterDigit(r):
		return 0, true
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

// isLetterDigit reports the letter O typed for a zero (138OO138OOO).
func isLetterDigit(r rune) bool {
	return r == 'O' || r == 'o' || r == 'Ｏ' || r == 'ｏ'
}

// HanDigit reads the Chinese characters read as digits when a number is
// dictated (幺 is 1 and 洞 is 0 on the phone).
func HanDigit(r rune) (byte, bool) {
	switch r {
	case '〇', '零', '洞':
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
// parenthesized ⑴, with a full stop ⒈, superscript ¹ and subscript ₁): not
// decimal digits to Unicode, but read as digits by anyone looking at them.
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
	case r == '⁰' || r >= '⁴' && r <= '⁹':
		return byte(r - '⁰'), true
	case r == '¹':
		return 1, true
	case r == '²' || r == '³':
		return byte(r-'²') + 2, true
	case r >= '₀' && r <= '₉':
		return byte(r - '₀'), true
	}
	return 0, false
}

// separatorClasses are the Unicode categories a reader skips between two
// digits: every punctuation mark (dashes, dots, colons, quotes, #, *,
// brackets), every symbol (+, =, |, −, emoji, their skin tones), every
// space, the invisible format characters (soft hyphen, word joiner, zero
// width joiner, U+180E), combining marks (U+034F, an emoji's variation
// selector, a keycap's enclosing mark) and control characters.
var separatorClasses = []*unicode.RangeTable{
	unicode.P, unicode.S, unicode.Zs, unicode.Cf, unicode.Mn, unicode.Me, unicode.Cc,
}

// IsPhoneSeparator reports whether r may stand between the digits of a
// typed number: anything in separatorClasses, and ー (a katakana length
// mark drawn as a dash). A line break is not one: digits on two lines are
// two figures (a 接龙 line's list number is not the last digit of the line
// before). Letters and Chinese characters end a number.
func IsPhoneSeparator(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', '\u0085', '\u2028', '\u2029':
		return false
	case 'ー', 'ｰ':
		return true
	}
	if r < utf8.RuneSelf {
		return asciiSeparator(r)
	}
	if unicode.IsLetter(r) || unicode.IsNumber(r) {
		return false
	}
	return unicode.In(r, separatorClasses...)
}

// asciiSeparator is IsPhoneSeparator for ASCII: anything but a letter or a
// digit (space, tab, punctuation, symbols, control characters).
func asciiSeparator(r rune) bool {
	return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
}
