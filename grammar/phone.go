package grammar

import "regexp"

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
