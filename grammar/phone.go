package grammar

// Phone numbers: reading them out of a message (masking is in package pii).

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

func isASCIIDigit(b byte) bool { return b >= '0' && b <= '9' }

// digitGroup is a group of digits typed together; a run is groups with a
// single space, dash or dot between them (138 0013 8000, 138-0013-8000).
type digitGroup struct {
	start, end int // bytes of s
	digits     string
}

// scanDigitGroups reads the groups of the digit run starting at s[i] (a
// digit, or '+' before a digit) and returns the end of the run.
func scanDigitGroups(s string, i int) (int, []digitGroup) {
	if s[i] == '+' {
		i++
	}
	var groups []digitGroup
	for i < len(s) && isASCIIDigit(s[i]) {
		j := i
		for j < len(s) && isASCIIDigit(s[j]) {
			j++
		}
		groups = append(groups, digitGroup{start: i, end: j, digits: s[i:j]})
		i = j
		if i+1 < len(s) && (s[i] == ' ' || s[i] == '-' || s[i] == '.') && isASCIIDigit(s[i+1]) {
			i++
		}
	}
	return i, groups
}

// scanDigitRun reads the digit run starting at s[i] (a digit, or '+' before a
// digit): digits with single spaces, dashes or dots between them. It returns
// the end of the run and its digits.
func scanDigitRun(s string, i int) (int, string) {
	end, groups := scanDigitGroups(s, i)
	var d strings.Builder
	for _, g := range groups {
		d.WriteString(g.digits)
	}
	return end, d.String()
}

// digitRun is a run of digits in a sign-up body.
type digitRun struct {
	start, end int // bytes of s
	digits     string
	// glued is set when the run follows a letter with nothing between
	// (队员07): part of a word, not a number of its own.
	glued bool
	// beside is set on digits split off a run that held a phone number
	// (07 13900000001): typed next to the phone, they do not spoil it.
	beside bool
}

// digitRuns finds the digit runs of s. A run that is no mobile number as a
// whole is split at its group boundaries around the mobile numbers it holds,
// so digits typed right before or after a phone (队员07 13900000001) do not
// spoil it: the valid phone wins.
func digitRuns(s string) []digitRun {
	var runs []digitRun
	for i := 0; i < len(s); {
		if !isASCIIDigit(s[i]) && !(s[i] == '+' && i+1 < len(s) && isASCIIDigit(s[i+1])) {
			i++
			continue
		}
		end, groups := scanDigitGroups(s, i)
		glued := false
		if r, _ := utf8.DecodeLastRuneInString(s[:i]); i > 0 && unicode.IsLetter(r) {
			glued = true
		}
		runs = append(runs, splitRun(s, i, end, groups, glued)...)
		i = end
	}
	return runs
}

// maxPhoneDigits is the longest digit string mobileOf accepts: 0086 and
// eleven digits.
const maxPhoneDigits = 15

// splitRun cuts one run into the mobile numbers it holds (longest first from
// each group) and the digits between them. Only groups that together hold at
// most maxPhoneDigits digits can make a phone, so each start tries a bounded
// number of ends and the run is read in linear time (a pasted list of
// thousands of numbers once took seconds).
func splitRun(s string, start, end int, groups []digitGroup, glued bool) []digitRun {
	join := func(gs []digitGroup) string {
		var b strings.Builder
		for _, g := range gs {
			b.WriteString(g.digits)
		}
		return b.String()
	}
	if len(groups) < 2 {
		return []digitRun{{start: start, end: end, digits: join(groups), glued: glued}}
	}
	if _, ok := mobileOf(join(groups)); ok {
		return []digitRun{{start: start, end: end, digits: join(groups), glued: glued}}
	}
	var out []digitRun
	pending := 0 // first group not yet emitted
	emit := func(a, b int, from int) {
		if a < b {
			out = append(out, digitRun{start: from, end: groups[b-1].end, digits: join(groups[a:b]), glued: glued && a == 0, beside: true})
		}
	}
	for a := 0; a < len(groups); {
		b := phoneEnd(groups, a)
		if b == a {
			a++
			continue
		}
		from := start
		if pending > 0 {
			from = groups[pending].start
		}
		emit(pending, a, from)
		out = append(out, digitRun{start: groups[a].start, end: groups[b-1].end, digits: join(groups[a:b])})
		a, pending = b, b
	}
	if pending < len(groups) {
		from := start
		if pending > 0 {
			from = groups[pending].start
		}
		out = append(out, digitRun{start: from, end: end, digits: join(groups[pending:]), glued: glued && pending == 0, beside: len(out) > 0})
	}
	return out
}

// phoneEnd returns the largest b such that groups[a:b] make a mobile
// number, or a when none does. It looks no further than maxPhoneDigits.
func phoneEnd(groups []digitGroup, a int) int {
	n, last := 0, a
	var b strings.Builder
	for i := a; i < len(groups); i++ {
		n += len(groups[i].digits)
		if n > maxPhoneDigits {
			break
		}
		b.WriteString(groups[i].digits)
		if _, ok := mobileOf(b.String()); ok {
			last = i + 1
		}
	}
	return last
}

// extractPhones replaces every digit run in s by a space and returns the runs'
// digits.
func extractPhones(s string) (string, []string) {
	var b strings.Builder
	var runs []string
	for i := 0; i < len(s); {
		if isASCIIDigit(s[i]) || (s[i] == '+' && i+1 < len(s) && isASCIIDigit(s[i+1])) {
			end, d := scanDigitRun(s, i)
			runs = append(runs, d)
			b.WriteByte(' ')
			i = end
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String(), runs
}

// mobileOf returns the mobile number in a digit run, less a 86 / 0086
// country prefix.
func mobileOf(d string) (string, bool) {
	switch {
	case IsMobile(d):
		return d, true
	case strings.HasPrefix(d, "86") && IsMobile(d[2:]):
		return d[2:], true
	case strings.HasPrefix(d, "0086") && IsMobile(d[4:]):
		return d[4:], true
	}
	return "", false
}

// phoneSplit is a sign-up body cut at its phone number.
type phoneSplit struct {
	rawBefore, rawAfter string // the text on either side, as typed
	// before and after are the same with the digit runs that are no part
	// of a word (队员07) or of the remark (有2辆车) blanked out.
	before, after  string
	phone          string // "" when none, or when two different ones were typed
	bad, phoneLike bool   // digits that are no phone; 7 or more of them in a run
	many           bool   // two different mobile numbers
}

// splitAtPhone finds the phone number of a sign-up body (the last mobile
// number typed) and cuts the body there.
func splitAtPhone(s string) phoneSplit {
	runs := digitRuns(s)
	var p phoneSplit
	phones := map[string]bool{}
	last := -1
	for i, d := range runs {
		if m, ok := mobileOf(d.digits); ok {
			p.phone, phones[m], last = m, true, i
		}
	}
	cut := len(s)
	p.rawBefore = s
	if last >= 0 {
		p.rawBefore, p.rawAfter, cut = s[:runs[last].start], s[runs[last].end:], runs[last].end
	}
	var bt, at strings.Builder
	pos := 0
	for i, d := range runs {
		out := &bt
		if d.start >= cut {
			out = &at
		}
		keep := false
		switch _, mobile := mobileOf(d.digits); {
		case i == last || mobile || d.digits == "86" || d.digits == "0086": // 0086 set apart: (+86) 138…
		case len(d.digits) < 7 && (d.glued || d.start >= cut): // 队员07, 有2辆车
			keep = true
		case len(d.digits) < 7 && d.beside: // 07 13900000001: the phone wins
		default:
			p.bad = true
			p.phoneLike = p.phoneLike || len(d.digits) >= 7
		}
		if d.start >= cut && pos < cut {
			bt.WriteString(s[pos:cut])
			pos = cut
		}
		out.WriteString(s[pos:d.start])
		if keep {
			out.WriteString(s[d.start:d.end])
		} else {
			out.WriteByte(' ')
		}
		pos = d.end
	}
	if pos < cut {
		bt.WriteString(s[pos:cut])
		pos = cut
	}
	at.WriteString(s[pos:])
	p.before, p.after = bt.String(), at.String()
	if len(phones) > 1 { // two numbers: we cannot tell which one is meant
		p.bad, p.phoneLike, p.phone, p.many = true, true, "", true
	}
	return p
}
