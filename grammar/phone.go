package grammar

// Phone numbers: reading them out of a message, and masking them in any text
// that may reach a chat or a log.

import (
	"regexp"
	"strings"
)

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

// phoneLike matches a mobile number as people type it: full-width or ASCII
// digits, with spaces or dashes between them.
var phoneLike = regexp.MustCompile(`[1１][3-9３-９](?:[ \-－]?[0-9０-９]){9}`)

// MaskPhones hides every mobile number in free text (names, stored
// messages, refused 接龙 lines), however it was typed, as 138****8000.
func MaskPhones(s string) string {
	return phoneLike.ReplaceAllStringFunc(s, func(p string) string {
		var digits []rune
		for _, r := range p {
			if r >= '０' && r <= '９' {
				r = r - '０' + '0'
			}
			if r >= '0' && r <= '9' {
				digits = append(digits, r)
			}
		}
		return MaskPhone(string(digits))
	})
}

// HasPhone reports whether s contains a mobile number in any typed form.
func HasPhone(s string) bool { return phoneLike.MatchString(s) }

func isASCIIDigit(b byte) bool { return b >= '0' && b <= '9' }

// scanDigitRun reads the digit run starting at s[i] (a digit, or '+' before a
// digit): digits with single spaces or dashes between them. It returns the
// end of the run and its digits.
func scanDigitRun(s string, i int) (int, string) {
	var d []byte
	if s[i] == '+' {
		i++
	}
	for i < len(s) {
		if isASCIIDigit(s[i]) {
			d = append(d, s[i])
			i++
			continue
		}
		if (s[i] == ' ' || s[i] == '-') && i+1 < len(s) && isASCIIDigit(s[i+1]) && len(d) > 0 {
			i++
			continue
		}
		break
	}
	return i, string(d)
}

// extractPhones replaces every digit run in s by a space and returns the runs'
// digits.
func extractPhones(s string) (string, []string) {
	var b strings.Builder
	var runs []string
	for i := 0; i < len(s); {
		if isASCIIDigit(s[i]) || (s[i] == '+' && i+1 < len(s) && isASCIIDigit(s[i+1])) {
			end, d := scanDigitRun(s, i)
			runs = append(runs, d)
			b.WriteByte(' ')
			i = end
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String(), runs
}

// mobileOf returns the mobile number in a digit run, less a 86 / 0086
// country prefix.
func mobileOf(d string) (string, bool) {
	switch {
	case IsMobile(d):
		return d, true
	case strings.HasPrefix(d, "86") && IsMobile(d[2:]):
		return d[2:], true
	case strings.HasPrefix(d, "0086") && IsMobile(d[4:]):
		return d[4:], true
	}
	return "", false
}
