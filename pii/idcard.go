package pii

// 身份证 numbers: 18 characters (17 digits and a check digit that may be X)
// or the 15 digits of the first generation.

// IsIDCard reports whether d, ASCII digits with perhaps a final X, has the
// shape of a 身份证 number: a region code starting 1–8, a birth date that
// could be one, a sequence number and (in the 18-character form) a check
// character. The check digit itself is not verified: a number typed with
// one wrong digit is still somebody's, and must not be shown.
func IsIDCard(d string) bool {
	switch len(d) {
	case 18:
		return region(d[:6]) && allDigits(d[6:17]) && (isDigit(d[17]) || d[17] == 'X') &&
			(d[6:8] == "19" || d[6:8] == "20") && monthDay(d[10:14])
	case 15:
		return region(d[:6]) && allDigits(d[6:15]) && monthDay(d[8:12])
	}
	return false
}

// region reports a six-digit administrative code: provinces are 11–82.
func region(s string) bool {
	return s[0] >= '1' && s[0] <= '8' && allDigits(s)
}

// monthDay reports MMDD with a month 01–12 and a day 01–31.
func monthDay(s string) bool {
	if !allDigits(s) {
		return false
	}
	m := int(s[0]-'0')*10 + int(s[1]-'0')
	d := int(s[2]-'0')*10 + int(s[3]-'0')
	return m >= 1 && m <= 12 && d >= 1 && d <= 31
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
