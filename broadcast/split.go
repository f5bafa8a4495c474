package broadcast

import (
	"fmt"
	"regexp"
	"strings"
)

// paraBreak is a blank line (possibly with spaces) between paragraphs.
var paraBreak = regexp.MustCompile(`\n[ \t\p{Zs}]*\n\s*`)

// SplitBody cuts text into parts of at most limit characters (runes), on
// paragraph boundaries where it can: a paragraph longer than limit is cut
// at line ends, then after a sentence's end (。！？；), and only then in
// the middle. When there is more than one part, each starts with its
// number, （1/3）, counted within the limit.
func SplitBody(text string, limit int) []string {
	text = strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))
	if text == "" {
		return nil
	}
	if runeLen(text) <= limit {
		return []string{text}
	}
	room := limit - runeLen(fmt.Sprintf(txtPartPrefix, 99, 99)) - 1
	parts := pack(paraBreak.Split(text, -1), room, "\n\n")
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = fmt.Sprintf(txtPartPrefix, i+1, len(parts)) + "\n" + p
	}
	return out
}

// pack joins pieces with sep into chunks of at most room runes, cutting a
// piece that is itself too long into finer pieces.
func pack(pieces []string, room int, sep string) []string {
	var out []string
	cur := ""
	for _, p := range pieces {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		if runeLen(p) > room {
			if cur != "" {
				out, cur = append(out, cur), ""
			}
			out = append(out, cutLong(p, room, sep)...)
			continue
		}
		switch {
		case cur == "":
			cur = p
		case runeLen(cur)+runeLen(sep)+runeLen(p) <= room:
			cur += sep + p
		default:
			out, cur = append(out, cur), p
		}
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}

// cutLong cuts one over-long paragraph: at lines, then sentences, then
// hard at room runes.
func cutLong(p string, room int, sep string) []string {
	switch sep {
	case "\n\n":
		return pack(strings.Split(p, "\n"), room, "\n")
	case "\n":
		return pack(sentences(p), room, "")
	}
	var out []string
	r := []rune(p)
	for len(r) > room {
		out, r = append(out, string(r[:room])), r[room:]
	}
	return append(out, string(r))
}

// sentences splits after each 。！？； (and their ASCII forms), keeping
// the mark with its sentence.
func sentences(p string) []string {
	var out []string
	start := 0
	for i, r := range p {
		if strings.ContainsRune("。！？；!?;", r) {
			end := i + len(string(r))
			out = append(out, p[start:end])
			start = end
		}
	}
	if start < len(p) {
		out = append(out, p[start:])
	}
	return out
}

func runeLen(s string) int { return len([]rune(s)) }
