package grammar

// ID numbers: people paste their 身份证号 into sign-ups. The grammar never
// reads a name or a phone out of one; it tells the member none is needed.

// hasIDNumber reports whether s holds a mainland resident ID number: 18
// characters (17 digits and a digit or X) with a birth date in them, or the
// old 15-digit form.
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
		n := j - i
		if n == 17 && j < len(s) && (s[j] == 'X' || s[j] == 'x') {
			n = 18
		}
		if (n == 18 && birthDate(s[i+6:i+14])) || (j-i == 15 && birthDate("19"+s[i+6:i+12])) {
			return true
		}
		i = j
	}
	return false
}

// birthDate reports whether d (8 digits) reads as a date of birth
// (19xx or 20xx, month 01–12, day 01–31).
func birthDate(d string) bool {
	if len(d) != 8 || !(d[:2] == "19" || d[:2] == "20") {
		return false
	}
	m := (d[4]-'0')*10 + d[5] - '0'
	day := (d[6]-'0')*10 + d[7] - '0'
	return m >= 1 && m <= 12 && day >= 1 && day <= 31
}
