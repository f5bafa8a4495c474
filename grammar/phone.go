package grammar

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
