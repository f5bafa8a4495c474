package broadcast

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"mobilize/models"
)

// Term kinds of a target expression.
const (
	TermAll   = "all"
	TermOrg   = "org"
	TermKind  = "kind"
	TermTag   = "tag"
	TermGroup = "group"
)

// Term is one part of a target expression: all, or a kind of term and the
// name it matches.
type Term struct {
	Kind, Value string
}

// String renders the term as typed.
func (t Term) String() string {
	if t.Kind == TermAll {
		return TermAll
	}
	return t.Kind + ":" + t.Value
}

// prefixes maps what staff may type before the colon (English, or the
// Chinese a phone keyboard makes easier) to a term kind.
var prefixes = map[string]string{
	"org": TermOrg, "组织": TermOrg, "机构": TermOrg,
	"kind": TermKind, "类型": TermKind,
	"tag": TermTag, "标签": TermTag,
	"group": TermGroup, "群": TermGroup,
}

// allWords are the words for every bound group.
var allWords = []string{"all", "全部", "所有"}

// ParseTargets reads target expressions: terms separated by spaces or
// commas (，、;；), each `all` or `kind:名称` with an ASCII or full-width
// colon. Several terms are a union. A name cannot contain a separator.
func ParseTargets(exprs ...string) ([]Term, error) {
	var terms []Term
	for _, e := range exprs {
		for _, tok := range strings.FieldsFunc(e, isSeparator) {
			t, err := parseTerm(tok)
			if err != nil {
				return nil, err
			}
			if !slices.Contains(terms, t) {
				terms = append(terms, t)
			}
		}
	}
	if len(terms) == 0 {
		return nil, &Error{txtNoTargets}
	}
	return terms, nil
}

func isSeparator(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune(",，、;；", r)
}

func parseTerm(tok string) (Term, error) {
	if slices.Contains(allWords, strings.ToLower(tok)) {
		return Term{Kind: TermAll}, nil
	}
	head, value, ok := strings.Cut(strings.Replace(tok, "：", ":", 1), ":")
	if !ok {
		return Term{}, &Error{fmt.Sprintf(txtBadTarget, tok)}
	}
	kind, known := prefixes[strings.ToLower(strings.TrimSpace(head))]
	if !known {
		return Term{}, &Error{fmt.Sprintf(txtBadTarget, tok)}
	}
	if value = strings.TrimSpace(value); value == "" {
		return Term{}, &Error{fmt.Sprintf(txtEmptyTarget, tok)}
	}
	return Term{Kind: kind, Value: value}, nil
}

// Resolve returns the groups the terms name, each once, in the order of
// groups (by name). all, kind: and tag: reach only enabled groups bound by
// orgs import; org: only an imported organization's groups; group: names
// any group the bot knows, bound or not. A term that matches nothing is an
// error naming it: a typo must not silently shrink a broadcast.
func Resolve(terms []Term, groups []models.TargetGroup) ([]models.TargetGroup, error) {
	pick := map[uint]bool{}
	for _, t := range terms {
		n := 0
		for _, g := range groups {
			ok, err := matches(t, g)
			if err != nil {
				return nil, err
			}
			if ok {
				pick[g.GroupID], n = true, n+1
			}
		}
		if n == 0 {
			return nil, &Error{noMatch(t)}
		}
	}
	var out []models.TargetGroup
	for _, g := range groups {
		if pick[g.GroupID] {
			out = append(out, g)
		}
	}
	return out, nil
}

func matches(t Term, g models.TargetGroup) (bool, error) {
	if t.Kind == TermGroup {
		if g.Group != t.Value {
			return false, nil
		}
		if !g.Enabled {
			return false, &Error{fmt.Sprintf(txtGroupDisabled, g.Group)}
		}
		return true, nil
	}
	if g.Unbound || !g.Enabled {
		return false, nil
	}
	switch t.Kind {
	case TermAll:
		return true, nil
	case TermOrg:
		return g.Org == t.Value, nil
	case TermKind:
		return g.Kind == t.Value, nil
	case TermTag:
		return slices.Contains(g.TagList(), t.Value), nil
	}
	return false, nil
}

func noMatch(t Term) string {
	switch t.Kind {
	case TermOrg:
		return fmt.Sprintf(txtNoOrg, t.Value)
	case TermKind:
		return fmt.Sprintf(txtNoKind, t.Value)
	case TermTag:
		return fmt.Sprintf(txtNoTag, t.Value)
	case TermGroup:
		return fmt.Sprintf(txtNoGroup, t.Value)
	}
	return txtNoBound
}
