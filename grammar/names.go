package grammar

// Names: what is left of a sign-up once role and phone are out, cleaned of
// form labels, decorations and separators, and checked for plausibility.

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// formLabels are form words members copy from a template (姓名：张三 电话：…);
// they are dropped wherever a word starts with them.
var formLabels = []string{
	"手机号码", "电话号码", "联系电话", "联系方式", "手机号", "姓名", "名字",
	"电话", "手机", "号码", "岗位", "角色", "身份", "类别", "类型", "备注",
}

// latinChatter are Latin words that are replies, not names.
var latinChatter = []string{
	"ok", "okay", "yes", "no", "hi", "hello", "thanks", "thank you", "thx",
	"done", "test", "good", "nice", "wow", "yeah",
}

// foldDots writes the dots people put inside transliterated names as '·'.
func foldDots(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '•', '・', '･', '‧', '∙', '⋅':
			return '·'
		}
		return r
	}, s)
}

// isDecoration reports whether r is an emoji, symbol, mark or invisible
// character rather than part of a word.
func isDecoration(r rune) bool {
	if r == '\n' {
		return false
	}
	if unicode.Is(unicode.Sk, r) {
		return r > 0x7F
	}
	return unicode.In(r, unicode.So, unicode.Me, unicode.Mn, unicode.Cf, unicode.Co, unicode.Cc, unicode.Cs)
}

// stripDecorations replaces emoji and WeChat's text emoticons ([强], [握手])
// by spaces and reports whether there were any. A bracketed role alias
// ([先锋]) is kept.
func stripDecorations(s string, r *roleSet) (string, bool) {
	var b strings.Builder
	found := false
	for i := 0; i < len(s); {
		if s[i] == '[' {
			if j := strings.IndexByte(s[i+1:], ']'); j >= 0 {
				in := s[i+1 : i+1+j]
				if n := utf8.RuneCountInString(in); n >= 1 && n <= 4 &&
					!strings.ContainsAny(in, "[ 0123456789") && !r.isAlias(in) {
					b.WriteByte(' ')
					found = true
					i += j + 2
					continue
				}
			}
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if isDecoration(c) {
			b.WriteByte(' ')
			found = true
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String(), found
}

// nameSeparators become spaces once the phone numbers are out: brackets, quotes,
// slashes, stray dashes and dots.
const nameSeparators = "-/\\|_()<>[]{}【】「」『』《》〈〉〔〕\"'“”‘’.!~*=+&^%$`…"

func replaceSeparators(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(nameSeparators, r) {
			return ' '
		}
		return r
	}, s)
}

// cleanToken drops form labels at the front of a word and dots at its ends
// until neither is left.
func cleanToken(t string) string {
	for {
		u := strings.Trim(t, "·")
		for _, l := range formLabels {
			if strings.HasPrefix(u, l) {
				u = u[len(l):]
				break
			}
		}
		if u == t {
			return t
		}
		t = u
	}
}

// cleanTokens applies cleanToken and drops words left empty.
func cleanTokens(toks []string) []string {
	out := toks[:0:0]
	for _, t := range toks {
		if t = cleanToken(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// genericWords follow a role word without naming anything (先锋队员,
// 储备志愿者, 先锋队); they are dropped once a role is found.
var genericWords = []string{"志愿者", "志愿", "队员", "队", "组"}

// trimGeneric drops generic words from the front of what followed a role
// word (储备队员张三 → 张三).
func trimGeneric(s string) string {
	for _, g := range genericWords {
		if t, ok := strings.CutPrefix(s, g); ok {
			return t
		}
	}
	return s
}

// dropWords removes the words equal to any of ws.
func dropWords(toks []string, ws ...string) []string {
	out := toks[:0:0]
next:
	for _, t := range toks {
		for _, w := range ws {
			if t == w {
				continue next
			}
		}
		out = append(out, t)
	}
	return out
}

// nameOK reports whether s is a plausible volunteer name, one that reads back
// as itself from the canonical form:
//   - Han characters only, a surname and 1–3 more (张三, 欧阳娜娜; see
//     hanNameOK: no nickname, title, time or place); or Han parts joined
//     by '·' (阿卜杜·热合曼), at most 20 runes in all;
//   - or Latin words separated by single spaces, starting with a capital,
//     2–20 runes, not a reply such as OK or Thanks;
//   - no digits, no particles, not starting with a chatter word or a form
//     label, not itself a role alias, no 志愿/队员.
func (r *roleSet) nameOK(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 20 || strings.ContainsAny(s, chatterParticles) || looksLikeURL(s) ||
		strings.Contains(s, "志愿") || strings.Contains(s, "队员") {
		return false
	}
	for _, w := range chatterStarts {
		if strings.HasPrefix(s, w) {
			return false
		}
	}
	han, latin, dot, space := 0, 0, false, false
	for _, c := range s {
		switch {
		case c == '·':
			dot = true
		case c == ' ':
			space = true
		case unicode.Is(unicode.Han, c) && unicode.IsLetter(c):
			han++
		case unicode.Is(unicode.Latin, c) && unicode.IsLetter(c):
			latin++
		default:
			return false
		}
	}
	for _, t := range strings.Split(s, " ") {
		if t == "" || cleanToken(t) != t || r.isAlias(t) {
			return false
		}
	}
	switch {
	case han > 0 && latin == 0:
		if space {
			return false
		}
		if !dot {
			return hanNameOK(s)
		}
		for _, part := range strings.Split(s, "·") {
			if part == "" {
				return false
			}
		}
		return true
	case latin > 0 && han == 0 && !dot:
		first, _ := utf8.DecodeRuneInString(s)
		if !unicode.IsUpper(first) {
			return false
		}
		for _, w := range latinChatter {
			if strings.EqualFold(s, w) {
				return false
			}
		}
		return true
	}
	return false
}

// NicknameAsName reads a WeChat nickname as the volunteer's name, for a
// sign-up that typed none. It is held to what a typed name is held to (2–6
// Han characters or a capitalised Latin name, no digits, no role word), and
// refused outright when it holds a phone number or a control character;
// emoji and decorations around it are dropped (🌸小花🌸 → 小花). The name
// goes into replies and the roster, so nothing a nickname can carry may
// pass through it unchecked.
func NicknameAsName(nick string, v *Vocabulary) (string, bool) {
	if HasPhone(nick) || strings.ContainsFunc(nick, isControl) {
		return "", false
	}
	r := newRoles(v)
	s, _ := stripDecorations(foldDots(Normalize(nick)), r)
	s = strings.Join(strings.Fields(replaceSeparators(s)), " ")
	if !r.nameOK(s) {
		return "", false
	}
	return s, true
}

// isControl reports control characters and the bidirectional overrides
// that can make a name display as something else.
func isControl(r rune) bool {
	return unicode.IsControl(r) || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x200E || r == 0x200F
}
