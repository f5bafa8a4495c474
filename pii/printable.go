package pii

import (
	"strings"
	"unicode"
)

// Printable is what the bot keeps of a text that came in (a group name, a
// nickname, a 备注, a message with its activities and pledge items, a name
// or remark typed into a form, an organization imported): the text less
// every control character that a terminal or a page would act on instead
// of showing. ESC (which starts the sequences that recolour, move the
// cursor or retitle a terminal), the other C0 and C1 controls, DEL, and the
// bidirectional overrides and isolates (which make 张三 display as another
// name) are dropped; a tab becomes a space and a carriage return goes
// (CR LF is LF). Line feeds are kept, as a message's lines matter;
// single-line fields refuse or fold them where they are read.
func Printable(s string) string {
	if !strings.ContainsFunc(s, unprintable) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return ' '
		case unprintable(r):
			return -1
		}
		return r
	}, s)
}

// unprintable reports the runes Printable drops or rewrites.
func unprintable(r rune) bool {
	switch {
	case r == '\n':
		return false
	case unicode.IsControl(r): // C0, DEL, C1 (tab and CR included)
		return true
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0x200E, r == 0x200F, r == 0x061C:
		return true
	}
	return false
}
