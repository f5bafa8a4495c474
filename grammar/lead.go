package grammar

// Leads: how members start a sign-up when they talk rather than type a
// command — first person (我报名, 我也报名, 我想报名), slang (报个名, 报名+1),
// an address before it (社长，我报名！) or a person @-ed first (@王会长 报名).
// Each is rewritten to the bare keyword before the route table is read.

import (
	"strings"
	"unicode/utf8"
)

// signUpLeads are the spoken forms of 报名, longest first.
var signUpLeads = []string{
	"我也想报名", "我也要报名", "我想要报名", "我也报个名", "我也来报名", "我也报名",
	"我想报名", "我来报名", "我先报名", "我报个名", "我报名", "报个名",
	"我也想参加", "我也要参加", "我也参加", "我想参加", "我要参加", "我参加",
}

// maxAddress bounds an address before a spoken sign-up (社长, 各位领导).
const maxAddress = 6

// rewriteLead turns a spoken start of a sign-up into 报名 and what follows:
// 我也报名 储备… → 报名 储备…, 社长 我报名! 储备… → 报名 储备…, 报名+1 先锋…
// → 报名 先锋…. Anything else is returned as it is.
func rewriteLead(s string) string {
	if rest, ok := cutSpokenLead(s); ok {
		return "报名 " + rest
	}
	// An address first: one short word, then a spoken lead.
	if word, rest, ok := strings.Cut(s, " "); ok && utf8.RuneCountInString(word) <= maxAddress &&
		!strings.ContainsAny(word, "0123456789@") {
		if r, ok := cutSpokenLead(strings.TrimSpace(rest)); ok {
			return "报名 " + r
		}
	}
	if rest, ok := strings.CutPrefix(s, "报名"); ok {
		if r, ok := cutPlusOne(rest); ok {
			return "报名 " + r
		}
	}
	return s
}

// cutSpokenLead cuts one of signUpLeads off s, and the '!' or '+1' after it.
func cutSpokenLead(s string) (string, bool) {
	for _, l := range signUpLeads {
		if rest, ok := strings.CutPrefix(s, l); ok {
			if r, ok := cutPlusOne(rest); ok {
				rest = r
			}
			return strings.TrimLeft(strings.TrimSpace(rest), "!"), true
		}
	}
	return "", false
}

// cutPlusOne drops the slang '+1' (or '!') right after the keyword: it is
// never part of the phone number.
func cutPlusOne(rest string) (string, bool) {
	t := strings.TrimSpace(rest)
	for _, p := range []string{"+1", "!"} {
		if r, ok := strings.CutPrefix(t, p); ok && (r == "" || !isASCIIDigit(r[0])) {
			return strings.TrimSpace(r), true
		}
	}
	return rest, false
}

// cutForeignMention cuts an @-mention of someone other than the bot off the
// front of s (@王会长 报名 先锋…). ok is false when s starts with none.
func cutForeignMention(s string) (string, bool) {
	if !strings.HasPrefix(s, "@") {
		return s, false
	}
	_, rest, ok := strings.Cut(s, " ")
	if !ok {
		return s, false
	}
	return strings.TrimSpace(rest), true
}
