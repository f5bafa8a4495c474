package pii

// Chains: the digits of a text joined only by separators, read as one
// figure whatever was typed between them.

import (
	"strings"
	"unicode/utf8"
)

// IsMobile reports whether s is an 11-digit mainland China mobile number
// (1, then 3–9, then nine digits).
func IsMobile(s string) bool {
	if len(s) != 11 || s[0] != '1' || s[1] < '3' || s[1] > '9' {
		return false
	}
	return allDigits(s[2:])
}

// chainDigit is one digit of a chain: where it is in the text and its value
// ('0'–'9', or 'X' for an ID number's check character).
type chainDigit struct {
	start, end int
	value      byte
	arabic     bool // not a Chinese digit character
}

// chain gathers the digits of one chain and replaces the numbers in it.
type chain struct {
	s       string
	with    func(digits, typed string) string
	prefix  bool // also take a country code before a phone
	whole   bool // skip numbers glued to other Arabic digits
	ids     bool // also take ID numbers
	b       strings.Builder
	digits  []chainDigit
	values  []byte
	written int
	changed bool
}

// replaceNumbers replaces, left to right, the mobile numbers (and with ids
// the ID numbers) of every chain of s by what with makes of them.
func replaceNumbers(s string, with func(digits, typed string) string, prefix, whole, ids bool) (string, bool) {
	if !mayHoldNumber(s) {
		return s, false
	}
	c := &chain{s: s, with: with, prefix: prefix, whole: whole, ids: ids, values: make([]byte, 0, 32)}
	for i, r := range s {
		if v, ok := chainValue(r); ok {
			c.digits = append(c.digits, chainDigit{start: i, end: i + utf8.RuneLen(r), value: v, arabic: isFigure(r)})
			continue
		}
		if len(c.digits) > 0 && (!IsPhoneSeparator(r) || inMask(s, i)) {
			c.flush()
		}
	}
	c.flush()
	if !c.changed {
		return s, false
	}
	c.b.WriteString(s[c.written:])
	return c.b.String(), true
}

// inMask reports whether the * at s[i] is part of a run of four or more,
// the mark a mask leaves: it ends a chain, so the visible digits of a
// masked number never join the figures beside it (138****8000 2026-11-30
// stays as it is), while a lone * between digits (138*0013*8000) is a
// separator like any other.
func inMask(s string, i int) bool {
	if s[i] != '*' {
		return false
	}
	n := 1
	for j := i - 1; j >= 0 && j >= i-3 && s[j] == '*'; j-- {
		n++
	}
	for j := i + 1; j < len(s) && j <= i+3 && s[j] == '*'; j++ {
		n++
	}
	return n >= 4
}

// chainValue reads one element of a chain: a digit in any script, or the
// X that ends an ID number.
func chainValue(r rune) (byte, bool) {
	if d, ok := DigitValue(r); ok {
		return '0' + d, true
	}
	switch r {
	case 'X', 'x', 'Ｘ', 'ｘ':
		return 'X', true
	}
	return 0, false
}

// isFigure reports a digit written as a figure (not a Chinese character,
// not a letter read as a digit): figures typed together make one number.
func isFigure(r rune) bool {
	if _, han := HanDigit(r); han {
		return false
	}
	return !isLetterDigit(r) && r != 'X' && r != 'x' && r != 'Ｘ' && r != 'ｘ'
}

// flush replaces the numbers of the chain gathered so far and starts anew.
func (c *chain) flush() {
	c.values = c.values[:0]
	for _, d := range c.digits {
		c.values = append(c.values, d.value)
	}
	for j := 0; j < len(c.digits); {
		if n := c.numberAt(j); n > 0 {
			c.replace(j, n)
			j += n
			continue
		}
		j++
	}
	c.digits = c.digits[:0]
}

// numberAt is the length of the number that starts at chain digit j (18 or
// 15 for an ID number, 11 for a phone), or 0.
func (c *chain) numberAt(j int) int {
	if c.ids {
		for _, n := range []int{18, 15} {
			if j+n <= len(c.values) && IsIDCard(string(c.values[j:j+n])) {
				return n
			}
		}
	}
	if j+11 <= len(c.values) && IsMobile(string(c.values[j:j+11])) && !(c.whole && c.glued(j, 11)) {
		return 11
	}
	return 0
}

// glued reports whether the n digits from j touch another Arabic digit (or
// a decimal point) of the chain: part of a longer figure.
func (c *chain) glued(j, n int) bool {
	touch := func(a, b int) bool {
		gap := c.s[c.digits[a].end:c.digits[b].start]
		return (gap == "" || gap == ".") && c.digits[a].arabic && c.digits[b].arabic
	}
	return (j > 0 && touch(j-1, j)) || (j+n < len(c.digits) && touch(j+n-1, j+n))
}

// replace writes the text up to the number of n digits at j, then what
// with makes of it.
func (c *chain) replace(j, n int) {
	from := c.digits[j].start
	if c.prefix && n == 11 {
		if p := string(c.values[:j]); p == "86" || p == "0086" {
			from = c.digits[0].start
		}
		for _, plus := range []string{"+", "＋"} {
			if strings.HasSuffix(c.s[c.written:from], plus) {
				from -= len(plus)
			}
		}
	}
	last := c.digits[j+n-1].end
	c.b.WriteString(c.s[c.written:from])
	c.b.WriteString(c.with(string(c.values[j:j+n]), c.s[c.digits[j].start:last]))
	c.written = last
	c.changed = true
}

// mayHoldNumber is a cheap first look: a text with fewer than 11 runes
// that may be digits holds no phone or ID number.
func mayHoldNumber(s string) bool {
	n := 0
	for _, r := range s {
		if _, ok := DigitValue(r); ok {
			if n++; n >= 11 {
				return true
			}
		}
	}
	return false
}
