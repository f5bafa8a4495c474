package grammar

import (
	"strings"

	"mobilize/pii"
)

// FormName checks a name typed into a form field (the web sign-up page)
// by the same rules as a name inside a 报名 message, and returns it in the
// form a message would store it: full-width letters folded, spaces
// collapsed, the dots of transliterated names written '·'. v lets role
// words be refused as names, as in a message.
func FormName(s string, v *Vocabulary) (string, bool) {
	name := foldDots(Normalize(pii.Printable(s)))
	if strings.ContainsRune(name, '\n') || pii.Has(name) { // 一三八零零·一三八零零零 is a phone
		return "", false
	}
	return name, newRoles(v).nameOK(name)
}

// FormPhone reads a phone number typed into a form field the way a 报名
// message is read: full-width digits, spaces and dashes between digits,
// and a +86 / 0086 prefix are accepted; anything else around the digits
// is not. It returns the 11 digits.
func FormPhone(s string) (string, bool) {
	rest, runs := extractPhones(Normalize(s))
	if len(runs) != 1 || strings.Trim(rest, " ()") != "" {
		return "", false
	}
	return mobileOf(runs[0])
}

// FormRemark reads the optional remark typed into a form field (党员, 有车,
// 周末可服务) as a 报名 message's remark is kept: folded, on one line, any
// phone number in it masked, cut to the same length.
func FormRemark(s string) string {
	r := strings.Join(strings.Fields(Normalize(pii.Printable(s))), " ")
	return cutRunes(MaskPhones(r), maxRemark)
}
