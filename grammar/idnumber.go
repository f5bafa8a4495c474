package grammar

// ID numbers: people paste their 身份证号 into sign-ups. The grammar never
// reads a name or a phone out of one; it tells the member none is needed.
// What an ID number looks like is package pii's rule (pii.IsIDCard).

import (
	"strings"

	"mobilize/pii"
)

// hasIDNumber reports whether s holds a 身份证 number as a digit run of its
// own: 18 characters (17 digits and a digit or X) or the old 15 digits.
func hasIDNumber(s string) bool {
	for i := 0; i < len(s); {
		if !isASCIIDigit(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isASCIIDigit(s[j]) {
			j++
		}
		d := s[i:j]
		if j-i == 17 && j < len(s) && (s[j] == 'X' || s[j] == 'x') {
			d = s[i:j] + "X"
		}
		if pii.IsIDCard(strings.ToUpper(d)) {
			return true
		}
		i = j
	}
	return false
}
