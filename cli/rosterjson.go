package cli

import (
	"strconv"
	"unicode/utf8"
)

// appendRosterJSON appends r as the JSON object encoding/json makes of it
// (same keys, order, omitempty and escaping), without reflection.
func appendRosterJSON(b []byte, r rosterRow) []byte {
	b = appendJSONField(b, `{"name":`, r.Name)
	b = appendJSONField(b, `,"phone":`, r.Phone)
	b = appendJSONField(b, `,"role":`, r.Role)
	b = appendJSONField(b, `,"status":`, r.Status)
	if r.Position != 0 {
		b = append(b, `,"waitlist_position":`...)
		b = strconv.AppendInt(b, int64(r.Position), 10)
	}
	b = appendJSONField(b, `,"group":`, r.Group)
	b = appendJSONField(b, `,"organization":`, r.Organization)
	b = appendJSONField(b, `,"time":`, r.Time)
	if r.Remark != "" {
		b = appendJSONField(b, `,"remark":`, r.Remark)
	}
	return append(b, '}')
}

func appendJSONField(b []byte, key, s string) []byte {
	return appendJSONString(append(b, key...), s)
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s quoted as encoding/json quotes it: a
// backslash and " escaped, control characters as \b, \f, \n, \r, \t or
// \u00XX, the HTML-sensitive < > & and the line separators U+2028/U+2029
// as \u escapes, and invalid UTF-8 as \ufffd.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, `\b`...)
			case '\f':
				b = append(b, `\f`...)
			case '\n':
				b = append(b, `\n`...)
			case '\r':
				b = append(b, `\r`...)
			case '\t':
				b = append(b, `\t`...)
			default:
				b = append(b, `\u00`...)
				b = append(b, hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			switch {
			case size == 1:
				b = append(b, `\ufffd`...)
			case r == '\u2028':
				b = append(b, `\u2028`...)
			default:
				b = append(b, `\u2029`...)
			}
			start = i + size
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
