package grammar

// House numbers: 3-1502, 5号楼, 2单元301 typed around a name in a sign-up
// or a 接龙 line say where the member lives. They are a remark, never a
// phone typed wrong nor part of the name.

import (
	"strings"
	"unicode/utf8"
)

// houseUnits are the words after digits that make them an address.
var houseUnits = []string{"号楼", "单元", "号院", "栋", "幢", "楼", "室", "号", "层"}

// cutHouseNumbers takes the house numbers out of s and returns s without
// them and the numbers as typed, space-separated.
func cutHouseNumbers(s string) (string, string) {
	var out strings.Builder
	var found []string
	for i := 0; i < len(s); {
		if isASCIIDigit(s[i]) && (i == 0 || !isASCIIDigit(s[i-1]) && s[i-1] != '-' && s[i-1] != '+') {
			if n := houseEnd(s[i:]); n > 0 {
				found = append(found, s[i:i+n])
				out.WriteByte(' ')
				i += n
				continue
			}
		}
		out.WriteByte(s[i])
		i++
	}
	return out.String(), strings.Join(found, " ")
}

// houseEnd returns the length of the house number at the start of s, or 0:
// digit groups joined by '-' (3-1502, 5-2-301) with fewer than seven
// digits in all, or digits and a house unit (5号楼, 3栋2单元), repeated.
func houseEnd(s string) int {
	i, digits, groups := 0, 0, 0
	for {
		j := i
		for j < len(s) && isASCIIDigit(s[j]) {
			j++
		}
		if j == i {
			break
		}
		digits += j - i
		groups++
		i = j
		if u := unitAt(s[i:]); u > 0 {
			i += u
			groups++ // a unit makes it an address even alone
		} else if i+1 < len(s) && s[i] == '-' && isASCIIDigit(s[i+1]) {
			i++
			continue
		} else {
			break
		}
		if i < len(s) && isASCIIDigit(s[i]) {
			continue
		}
		break
	}
	if groups < 2 || digits >= 7 {
		return 0
	}
	if r, _ := utf8.DecodeRuneInString(s[i:]); i < len(s) && (isASCIIDigit(s[i]) || r == '.') {
		return 0
	}
	return i
}

// unitAt returns the length of the house unit at the start of s, or 0.
func unitAt(s string) int {
	for _, u := range houseUnits {
		if strings.HasPrefix(s, u) {
			return len(u)
		}
	}
	return 0
}
