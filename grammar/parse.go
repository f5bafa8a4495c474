package grammar

import "strings"

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
	{"我要报名", parseSignUp},
	{"我的报名", parseMyStatus},
	{"报名", parseSignUp},
	{"查询", parseMyStatus},
	{"名额", parseQuota},
	{"帮助", parseHelp},
	{"菜单", parseHelp},
	{"接龙", parseChain},
	{"撤销打卡", parseUndoService},
	{"打卡", parseService},
	{"服务", parseService},
	{"已送达", parseDelivered},
	{"捐赠", parsePledge},
	{"认捐", parsePledge},
	{"捐款", parsePledge},
}

// Parse reads one chat message. A message that is not a command comes back
// with Kind None; a command with something wrong in it comes back with its
// Kind and a Problem.
func Parse(text string, v *Vocabulary) Command {
	s := stripAddress(Normalize(text), v)
	for _, k := range keywords {
		if rest, ok := strings.CutPrefix(s, k.word); ok {
			return k.parse(k.word, rest, v)
		}
	}
	return Command{}
}

// MayBeCommand reports whether text starts (after a '#' or an @-mention of
// the bot) with a command word. It needs only the bot's names, so callers
// can drop ordinary chat before loading anything for a full Parse. A false
// answer is final: Parse would return Kind None.
func MayBeCommand(text string, botNames []string) bool {
	s := stripAddress(Normalize(text), &Vocabulary{BotNames: botNames})
	for _, k := range keywords {
		if strings.HasPrefix(s, k.word) {
			return true
		}
	}
	return false
}

// stripAddress removes what may stand before the keyword: a leading '#', and
// an @-mention of the bot (@机器人 or any configured bot name).
func stripAddress(s string, v *Vocabulary) string {
	for {
		t := strings.TrimSpace(s)
		switch {
		case strings.HasPrefix(t, "#"):
			t = t[1:]
		case strings.HasPrefix(t, "@"):
			t = stripMention(t[1:], v)
		}
		if t == s {
			return t
		}
		s = t
	}
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
