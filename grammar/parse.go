package grammar

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// keyword is one command word and the function that reads what follows it.
// Longer words come first so 取消报名 wins over 报名 and 撤销打卡 over 打卡.
type keyword struct {
	word  string
	parse func(word, rest string, v *Vocabulary) Command
}

// keywords is the route table of the grammar, read top to bottom; the first
// word the message starts with wins.
var keywords = []keyword{
	{"取消报名", parseCancel},
	{"改到本群", parseMoveHere},
	{"转到本群", parseMoveHere},
	{"我要报名", parseSignUp},
	{"我的报名", parseMyStatus},
	{"报名", parseSignUp},
	{"查询", parseMyStatus},
	{"名额", parseQuota},
	{"帮助", parseHelp},
	{"菜单", parseHelp},
	{"接龙", parseChain},
	{"Group Note", parseChain}, // what the English WeChat client writes for #接龙
	{"Group note", parseChain},
	{"撤销打卡", parseUndoService},
	{"打卡", parseService},
	{"服务", parseService},
	{"已送达", parseDelivered},
	{"撤销认捐", parseUndoPledge},
	{"捐赠", parsePledge},
	{"认捐", parsePledge},
	{"捐款", parsePledge},
}

// Parse reads one chat message. A message that is not a command comes back
// with Kind None; a command with something wrong in it comes back with its
// Kind and a Problem.
func Parse(text string, v *Vocabulary) Command {
	s := stripAddress(Normalize(rewriteClockRanges(text)), v)
	// @王会长 报名 先锋 周凯 139…: a person @-ed first is addressed, not
	// signed up; the message counts only as a complete sign-up of the sender.
	if rest, ok := cutForeignMention(s); ok {
		c := parseBody(stripAddress(rest, v), v)
		if c.Kind == SignUp && c.Phone != "" {
			return c
		}
		return Command{}
	}
	return parseBody(s, v)
}

// parseBody reads a message once its address is off: the route table, then
// a name before 报名, then the forms that carry no keyword (see unkeyed.go).
func parseBody(s string, v *Vocabulary) Command {
	s = rewriteLead(s)
	for _, k := range keywords {
		if rest, ok := strings.CutPrefix(s, k.word); ok {
			if c := k.parse(k.word, rest, v); c.Kind != None {
				return c
			}
			break
		}
	}
	if c := parseNamedSignUp(s, v); c.Kind != None {
		return c
	}
	return parseUnkeyed(s, v)
}

// MayBeCommand reports whether text may be a command, needing only the bot's
// names, so callers can drop ordinary chat before loading anything for a
// full Parse. It is true when the text starts with a command word (after a
// '#', an @-mention, emoji or brackets), has 报名 after a few words, holds
// phone-like digits (a form or a role word first, which need the
// campaign's roles to read) or reads as a command without the roles. A
// false answer is final: Parse would return Kind None.
func MayBeCommand(text string, botNames []string) bool {
	v := &Vocabulary{BotNames: botNames}
	s := stripAddress(Normalize(text), v)
	if rest, ok := cutForeignMention(s); ok {
		s = stripAddress(rest, v)
	}
	s = rewriteLead(s)
	for _, k := range keywords {
		if strings.HasPrefix(s, k.word) {
			return true
		}
	}
	if _, _, _, ok := cutLeadingName(s); ok {
		return true
	}
	return phoneAttempt(asciiPhones(s)) || Parse(text, v).Kind != None
}

// stripAddress removes what may stand before the keyword: a leading '#', an
// @-mention of the bot (@机器人 or any configured bot name), emoji, and
// brackets around the keyword (【报名】, [报名]).
func stripAddress(s string, v *Vocabulary) string {
	for {
		t := strings.TrimSpace(s)
		r, size := utf8.DecodeRuneInString(t)
		switch {
		case strings.HasPrefix(t, "#"):
			t = t[1:]
		case strings.HasPrefix(t, "@"):
			t = stripMention(t[1:], v)
		case isDecoration(r):
			t = t[size:]
		default:
			t = unbracketKeyword(t)
		}
		if t == s {
			return t
		}
		s = t
	}
}

// keywordBrackets are the brackets a keyword may be decorated with.
var keywordBrackets = []struct{ open, close string }{
	{"【", "】"}, {"[", "]"}, {"「", "」"}, {"『", "』"}, {"〔", "〕"}, {"(", ")"}, {"《", "》"}, {"<", ">"},
}

// unbracketKeyword turns a bracketed keyword at the start of s (【报名】先锋)
// into the bare keyword and a space (报名 先锋).
func unbracketKeyword(s string) string {
	for _, b := range keywordBrackets {
		in, ok := strings.CutPrefix(s, b.open)
		if !ok {
			continue
		}
		word, rest, ok := strings.Cut(in, b.close)
		if !ok {
			return s
		}
		word = strings.TrimSpace(word)
		for _, k := range keywords {
			if word == k.word {
				return word + " " + rest
			}
		}
		return s
	}
	return s
}

// maxLeadingName bounds the words before 报名 that may be a name (in runes).
const maxLeadingName = 21

// cutLeadingName splits a message whose name comes before the keyword
// (李娜报名先锋 139…, 李娜 报名 储备 139…) into the name, the keyword and
// what follows. ok is false when s does not have that shape.
func cutLeadingName(s string) (name, word, rest string, ok bool) {
	i := strings.Index(s, "报名")
	if i <= 0 || utf8.RuneCountInString(s[:i]) > maxLeadingName {
		return "", "", "", false
	}
	name, word = s[:i], "报名"
	if n, ok := strings.CutSuffix(name, "我要"); ok {
		name, word = n, "我要报名"
	}
	return strings.TrimSpace(name), word, s[i+len("报名"):], true
}

// nameVerbs are the characters a name never ends with but a sentence before
// 报名 often does (李娜已报名, 张三取消报名, 我帮他报名): the words before the
// keyword are then no name.
const nameVerbs = "已经取消的要想来去在帮给替代为不没再都也就又了着过请先和跟与及说们"

// parseNamedSignUp reads a sign-up whose name comes before the keyword:
// 李娜报名先锋 13900000001, 李娜 报名 储备 13900000001. Since ordinary talk
// also puts words before 报名, it is a sign-up only when the rest carries a
// phone number (or digits that try to be one). A name typed after the
// keyword wins over the words before it. Words before that are no name
// (队长, 明天, 风轻云淡) are dropped; with no other name the sign-up comes
// back with MissingName, so the member is asked for it.
func parseNamedSignUp(s string, v *Vocabulary) Command {
	name, word, rest, ok := cutLeadingName(s)
	if !ok || name == "" {
		return Command{}
	}
	if last, _ := utf8.DecodeLastRuneInString(name); strings.ContainsRune(nameVerbs, last) {
		return Command{}
	}
	isName := newRoles(v).nameOK(name)
	if !isName && !droppableLead(name) {
		return Command{}
	}
	c := parseSignUp(word, rest, v)
	if c.Kind != SignUp || (c.Phone == "" && !(c.Problem == BadPhone && phoneAttempt(rest))) {
		return Command{}
	}
	if c.Name == "" && (c.Problem == OK || c.Problem == BadPhone) {
		if !isName {
			c.Problem = MissingName
			return c
		}
		c.Name = name
	}
	return c
}

// maxDroppedLead bounds the words before 报名 that are dropped when they
// are no name (书记, 明天, 今晚有空, 风轻云淡), in runes.
const maxDroppedLead = 4

// droppableLead reports whether words before 报名 that are no name may
// still stand before a sign-up: a few Han characters (a title, a time, a
// nickname), no sentence and no request (请按以下格式报名 is a notice).
func droppableLead(s string) bool {
	n := utf8.RuneCountInString(s)
	if n > maxDroppedLead || strings.ContainsAny(s, chatterParticles) || strings.HasPrefix(s, "请") {
		return false
	}
	for _, c := range s {
		if !unicode.Is(unicode.Han, c) {
			return false
		}
	}
	return true
}

// stripMention drops the mentioned name after '@' when it is the bot's: 机器人
// or a configured bot name. A message that @-mentions someone else is
// addressed to them, not to the bot ("@张三 报名 先锋" asks 张三 to sign up),
// so it is left as it is and reads as no command.
func stripMention(s string, v *Vocabulary) string {
	names := []string{"机器人"}
	if v != nil {
		names = append(names, v.BotNames...)
	}
	for _, n := range names {
		if n = Normalize(n); n != "" && strings.HasPrefix(s, n) {
			return s[len(n):]
		}
	}
	return "@" + s
}

// phoneAttempt reports whether s holds digits that try to be a phone number
// (7 digits or more in one run).
func phoneAttempt(s string) bool {
	for _, d := range digitRuns(s) {
		if len(d.digits) >= 7 {
			return true
		}
	}
	return false
}
