package grammar

// Forwarders to package pii, where phone masking lives, so that the
// grammar's own readers and any caller not yet moved keep one masking rule.

import (
	"strings"
	"unicode/utf8"

	"mobilize/pii"
)

// IsMobile reports whether s is an 11-digit mainland China mobile number.
func IsMobile(s string) bool { return pii.IsMobile(s) }

// MaskPhone shows a phone number as 138****8000 (see pii.MaskPhone).
func MaskPhone(s string) string { return pii.MaskPhone(s) }

// MaskPhones masks every mobile number in free text (see pii.MaskPhones).
func MaskPhones(s string) string { return pii.MaskPhones(s) }

// HasPhone reports whether s holds a mobile number in any typed form.
func HasPhone(s string) bool { return pii.HasPhone(s) }

// digitValue reads one digit in any script (see pii.DigitValue).
func digitValue(r rune) (byte, bool) { return pii.DigitValue(r) }

// blankPhones replaces every mobile number in s, however typed, and its
// 86 / 0086 prefix by a space: the record grammar drops them before reading
// figures, so an item or an activity never holds one.
func blankPhones(s string) string {
	return blankPhonesWith(s, " ")
}

// blankPhonesWith is blankPhones with another blank.
func blankPhonesWith(s, blank string) string {
	for {
		t, changed := pii.ReplacePhones(s, func(string, string) string { return blank }, true, true)
		if !changed {
			return t
		}
		s = t
	}
}

// asciiPhones rewrites, in ASCII digits, every mobile number of s typed with
// a digit of another script (一三九〇…, 幺, 壹贰…, 𝟏𝟑𝟗, ①③⑨): the sign-up
// grammar then reads it like any other number. Numbers typed in ASCII are
// left as typed, separators and all.
func asciiPhones(s string) string {
	t, _ := pii.ReplacePhones(s, func(d, typed string) string {
		if strings.ContainsFunc(typed, func(r rune) bool { return r >= utf8.RuneSelf }) {
			return d
		}
		return typed
	}, false, false)
	return t
}
