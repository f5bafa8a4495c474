package grammar

import (
	"strings"
	"unicode"
)

// Normalize folds what phones type into one form: full-width letters, digits
// and punctuation become ASCII, the ideographic space and WeChat's mention
// space (U+2005) become plain spaces, Chinese list punctuation becomes a space
// where it only separates words, and runs of spaces collapse. Newlines are
// kept (接龙 lists are line based). Case is kept; matching lower-cases where
// it needs to.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(foldRune(r))
	}
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// foldRune maps one rune to its half-width, separator-neutral form.
func foldRune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII block
		r = r - 0xFF01 + 0x21
	case r == 0x3000 || r == 0x2005 || r == 0x00A0 || r == '\t' || r == '\r':
		return ' '
	}
	switch r {
	case '，', '、', '；', '：', '。':
		return ' '
	case ',', ';', ':':
		return ' '
	case '－', '—', '–':
		return '-'
	}
	if unicode.IsSpace(r) && r != '\n' {
		return ' '
	}
	return r
}
