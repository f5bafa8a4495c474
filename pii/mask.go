package pii

// Masking: no full mobile or ID number leaves the store for a chat, a log,
// a page or a report, however it was typed.

import "strings"

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

// MaskID shows a 身份证 number (18 characters, or the old 15) as its first
// three and last four characters, 110***********123X: enough for its owner
// to recognise it, too little to use. Anything else is masked whole.
func MaskID(s string) string {
	if len(s) != 18 && len(s) != 15 {
		return "****"
	}
	return s[:3] + strings.Repeat("*", len(s)-7) + s[len(s)-4:]
}

// Mask hides every mainland mobile number (as 138****8000) and every 身份证
// number (as 110***********123X) in free text, however it was typed:
// digits in any script (ASCII, full-width, any Unicode decimal digit such
// as 𝟏, 〇一二…, 幺 and 洞 as read out on the phone, financial 壹贰叁…,
// circled ①⓪, the letter O for zero), with any separators on one line
// between them (see IsPhoneSeparator: every space, dash, punctuation mark,
// symbol, emoji and invisible format character), +86 / 0086 / (+86)
// prefixes, glued to letters on either side. It is the one masking pass
// for every text that may reach a chat, a log, a page or a terminal.
//
// The rule: digits joined only by separators form a chain; every 18 or 15
// consecutive digits of a chain that make an ID number, and every 11 that
// make a mobile number, are replaced, from their first digit to their
// last, by the masked form. The pass repeats until nothing changes, since
// the digits a mask leaves visible could start a number with the digits
// after them. So no number can be read back by dropping the separators,
// which the property test holds it to.
func Mask(s string) string {
	for {
		t, changed := replaceNumbers(s, maskMatch, false, false, true)
		if !changed {
			return t
		}
		s = t
	}
}

// MaskPhones is Mask, under the name its callers used when it masked
// phones only; it masks ID numbers too.
func MaskPhones(s string) string { return Mask(s) }

// HasPhone reports whether s contains a mobile number in any typed form.
func HasPhone(s string) bool {
	_, changed := replaceNumbers(s, maskMatch, false, false, false)
	return changed
}

// Has reports whether s contains a mobile or an ID number in any typed
// form: whether Mask would change it.
func Has(s string) bool {
	_, changed := replaceNumbers(s, maskMatch, false, false, true)
	return changed
}

// maskMatch is the masked form of a number found in a chain.
func maskMatch(digits, _ string) string {
	if len(digits) == 11 {
		return MaskPhone(digits)
	}
	return MaskID(digits)
}

// ReplacePhones replaces, left to right, the mobile numbers of every chain
// of s by what with makes of their digits (and of the text they were typed
// as, first digit to last); withPrefix also takes a country code (86,
// 0086) typed right before a number. whole only takes numbers that are not
// glued to other Arabic digits (nor to a decimal point after them): a
// reader of figures must not lose the fraction of 0.16666666666666666,
// while masking must hide any number however it hides. The grammar reads
// and drops phones with it.
func ReplacePhones(s string, with func(digits, typed string) string, withPrefix, whole bool) (string, bool) {
	return replaceNumbers(s, with, withPrefix, whole, false)
}

// MaskJoin joins names with sep and masks the whole: a list of groups on
// a page or a terminal, any of which may be named with a phone. Masked
// joined, not one by one, since digits ending one name and starting the
// next would read as one number across sep.
func MaskJoin(names []string, sep string) string {
	return Mask(strings.Join(names, sep))
}
