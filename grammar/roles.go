package grammar

// Roles: the campaign's role words prepared for matching, found in a
// message, and written back as the shortest alias.

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// roleWord is one word that names a role: a configured alias, or the role
// code itself (implicit), which is always accepted so that the canonical form
// can write the code.
type roleWord struct {
	word     string
	code     string
	runes    int
	implicit bool
}

// roleSet is the role vocabulary prepared for matching: words sorted longest
// first, configured aliases before codes, then lexically.
type roleSet struct {
	words []roleWord
}

// usableWord reports whether w can stand as a role word in a message: it
// survives Normalize, is all letters, and trips none of the chatter rules.
func usableWord(w string) bool {
	if w == "" || Normalize(w) != w || strings.ContainsAny(w, chatterParticles) || looksLikeURL(w) {
		return false
	}
	for _, c := range w {
		if !unicode.IsLetter(c) || c == utf8.RuneError {
			return false
		}
	}
	return cleanToken(w) == w
}

// newRoles prepares v's roles. Aliases that cannot be typed as one word are
// left out, and so is every alias of a role whose code cannot be written back
// (a code must itself be a usable word that no other role's alias shadows):
// the canonical form names the role by its code.
func newRoles(v *Vocabulary) *roleSet {
	r := &roleSet{}
	if v == nil || len(v.Roles) == 0 {
		return r
	}
	for alias, code := range v.Roles {
		w := Normalize(alias)
		if usableWord(w) && code != "" {
			r.words = append(r.words, roleWord{word: w, code: code, runes: utf8.RuneCountInString(w)})
		}
	}
	codes := map[string]bool{}
	for _, w := range r.words {
		codes[w.code] = true
	}
	for code := range codes {
		if usableWord(code) && !r.isAlias(code) {
			r.words = append(r.words, roleWord{word: code, code: code, runes: utf8.RuneCountInString(code), implicit: true})
		}
	}
	sort.Slice(r.words, func(i, j int) bool {
		a, b := r.words[i], r.words[j]
		if a.runes != b.runes {
			return a.runes > b.runes
		}
		if a.implicit != b.implicit {
			return !a.implicit
		}
		if a.word != b.word {
			return a.word < b.word
		}
		return a.code < b.code
	})
	for {
		drop := map[string]bool{}
		for code := range codes {
			if c, ok := r.exact(code); !ok || c != code || !usableWord(code) {
				drop[code] = true
			}
		}
		if len(drop) == 0 {
			return r
		}
		kept := r.words[:0:0]
		for _, w := range r.words {
			if !drop[w.code] {
				kept = append(kept, w)
			}
		}
		r.words = kept
		for c := range drop {
			delete(codes, c)
		}
	}
}

// exact returns the role the word t names, ignoring case.
func (r *roleSet) exact(t string) (string, bool) {
	for _, w := range r.words {
		if w.runes == utf8.RuneCountInString(t) && strings.EqualFold(t, w.word) {
			return w.code, true
		}
	}
	return "", false
}

// isAlias reports whether t is a role word.
func (r *roleSet) isAlias(t string) bool {
	_, ok := r.exact(t)
	return ok
}

// runePrefixLen returns the byte length of the first n runes of s, or -1.
func runePrefixLen(s string, n int) int {
	i := 0
	for k := 0; k < n; k++ {
		if i >= len(s) {
			return -1
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}

// startsWithAlias reports whether s starts with a role word.
func (r *roleSet) startsWithAlias(s string) bool {
	for _, w := range r.words {
		if i := runePrefixLen(s, w.runes); i >= 0 && strings.EqualFold(s[:i], w.word) {
			return true
		}
	}
	return false
}

// extract finds the role among the words: a word equal to a role word first;
// else the longest role word some word starts with (先锋张三, 储备队员张三);
// else the longest some word ends with (张三先锋). A role word glued to a
// single other character is taken as part of a name (李先锋), not a role.
// It returns the code and the words without the role.
func (r *roleSet) extract(toks []string) (string, []string) {
	out := func(i int, rest string) []string {
		o := append([]string{}, toks[:i]...)
		if rest != "" {
			o = append(o, rest)
		}
		return append(o, toks[i+1:]...)
	}
	for i, t := range toks {
		if c, ok := r.exact(t); ok {
			return c, out(i, "")
		}
	}
	for i, t := range toks {
		n := utf8.RuneCountInString(t)
		for _, w := range r.words {
			if w.runes >= n {
				continue
			}
			if j := runePrefixLen(t, w.runes); strings.EqualFold(t[:j], w.word) {
				rest := cleanToken(trimGeneric(t[j:]))
				if utf8.RuneCountInString(rest) != 1 {
					return w.code, out(i, rest)
				}
			}
		}
	}
	for i, t := range toks {
		n := utf8.RuneCountInString(t)
		for _, w := range r.words {
			if w.runes >= n {
				continue
			}
			if j := runePrefixLen(t, n-w.runes); strings.EqualFold(t[j:], w.word) {
				rest := cleanToken(t[:j])
				if utf8.RuneCountInString(rest) != 1 {
					return w.code, out(i, rest)
				}
			}
		}
	}
	return "", toks
}

// alias returns the word to write for a role code: with a vocabulary, the
// shortest configured alias that reads back as the code (ties broken
// lexically); otherwise the code itself.
func (r *roleSet) alias(code string) string {
	best := ""
	for _, w := range r.words {
		if w.code != code || w.implicit {
			continue
		}
		if c, _ := r.exact(w.word); c != code {
			continue
		}
		if best == "" || w.runes < utf8.RuneCountInString(best) ||
			(w.runes == utf8.RuneCountInString(best) && w.word < best) {
			best = w.word
		}
	}
	if best == "" {
		return code
	}
	return best
}
