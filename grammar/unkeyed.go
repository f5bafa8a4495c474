package grammar

// Messages without a command word that are still unmistakable: a filled-in
// form, a role word first with a name and a phone, a question about the
// campaign in words, a cancellation in words. Everything else stays None.

import (
	"strings"
	"unicode/utf8"
)

// maxSpoken bounds a question or a cancellation in words (in runes): a
// longer message is a conversation, not a request.
const maxSpoken = 30

// parseUnkeyed reads the forms that carry no keyword, in this order: a
// form, a role word first, a service or a pledge told in a sentence, a
// question, a cancellation.
func parseUnkeyed(s string, v *Vocabulary) Command {
	if c, ok := parseForm(s, v); ok {
		return c
	}
	if c, ok := parseRoleFirst(s, v); ok {
		return c
	}
	if utf8.RuneCountInString(s) > maxSpoken {
		return Command{}
	}
	if c := parseServiceSentence(s, v); c.Kind != None {
		return c
	}
	if c := parsePledgeSentence(s, v); c.Kind != None {
		return c
	}
	if k := questionKind(s); k != None {
		return Command{Kind: k}
	}
	return parseSpokenCancel(s)
}

// parseRoleFirst reads 先锋 周凯 139…, 储备志愿者 周凯 139…, 周凯 先锋 139…:
// a sign-up without the keyword, which counts only when it is complete — a
// role word first (or right after the name), a name that reads as one and a
// phone number, and after it nothing but remark words.
func parseRoleFirst(s string, v *Vocabulary) (Command, bool) {
	r := newRoles(v)
	if !r.startsWithAlias(s) && !nameThenRole(s, r) {
		return Command{}, false
	}
	c := parseSignUp("报名", s, v)
	if c.Kind != SignUp || c.Role == "" || c.Campaign != 0 {
		return Command{}, false
	}
	// Words after the phone that are no remark (今天表现很好) make it a
	// message about someone, not their sign-up.
	complete := c.Problem == OK && c.Name != "" && c.Phone != "" && remarkOnly(c.Remark)
	return c, complete || c.Problem == IDNumber
}

// nameThenRole reports whether s starts with a name and then a role word,
// as separate words (周凯 先锋 139…, 周凯，储备志愿者，139…).
func nameThenRole(s string, r *roleSet) bool {
	f := strings.Fields(replaceSeparators(s))
	if len(f) < 2 || !r.nameOK(f[0]) {
		return false
	}
	_, ok := r.exact(f[1])
	return ok
}

// remarkOnly reports whether a remark is empty or remark words only
// (党员, 有车).
func remarkOnly(remark string) bool {
	for _, w := range strings.Fields(remark) {
		if !isRemarkWord(w) {
			return false
		}
	}
	return true
}

// Spoken questions, each answered like the command it asks for. A question
// must hold one of the phrases and a question word or mark.
var (
	helpPhrases = []string{
		"在哪报名", "在哪里报名", "哪里报名", "哪儿报名", "怎么报名", "如何报名", "怎样报名",
		"咋报名", "怎么报", "咋报", "在哪报", "怎么参加", "如何参加", "怎么加入", "如何加入",
		"报名方式", "报名流程",
	}
	quotaPhrases = []string{
		"还能报", "还可以报", "还有位置", "还有名额", "还有空位", "还缺人",
		"报满了", "满了没", "满了吗", "名额还有", "还剩几个", "还剩多少",
	}
	statusPhrases = []string{
		"我报成功", "我报上", "我报好", "我报的什么", "我报了什么", "我报的哪", "我报的是",
		"我报名成功", "我报名了", "我的报名成功", "我报进去", "我报了没", "我报名上",
	}
	cancelPhrases = []string{"退出", "取消", "退报", "不参加", "不去了"}
	howWords      = []string{"怎么", "如何", "咋", "怎样", "在哪"}
	questionMarks = []string{"?", "吗", "没", "么", "呢", "不", "哪", "什么", "怎", "咋", "如何"}
)

// questionKind names the command a question in words asks for: Help,
// Quota, MyStatus or CancelHint; None when it is other chat.
func questionKind(s string) Kind {
	if !containsAny(s, questionMarks) {
		return None
	}
	switch {
	case containsAny(s, statusPhrases):
		return MyStatus
	case containsAny(s, cancelPhrases) && containsAny(s, howWords):
		return CancelHint
	case containsAny(s, helpPhrases):
		return Help
	case containsAny(s, quotaPhrases):
		return Quota
	}
	return None
}

// Cancellations in words. A hard one (取消报名哈, 麻烦把我的报名取消掉,
// 我不参加了，取消吧) cancels like 取消报名; a soft one (周六家里有事，来不了了)
// only says the member cannot come, and is answered with the command to
// send, and only to someone registered.
var (
	cancelWords = []string{"取消", "退出", "撤销"}
	softCancels = []string{
		"来不了", "去不了", "参加不了", "不参加了", "不能参加", "没法参加", "无法参加", "不去了",
		"去不成", "来不成", "不能来了", "不能去了",
	}
	// othersWords make a cancellation about someone else (帮他取消).
	othersWords = []string{"他", "她", "你", "帮", "替", "代"}
)

// parseSpokenCancel reads a cancellation in words.
func parseSpokenCancel(s string) Command {
	if strings.ContainsAny(s, "?吗呢") || containsAny(s, othersWords) {
		return Command{}
	}
	_, runs := extractPhones(s)
	if len(runs) > 0 {
		return Command{}
	}
	for _, w := range cancelWords {
		i := strings.Index(s, w)
		if i < 0 {
			continue
		}
		before, after := s[:i], s[i+len(w):]
		mine := before == "" || strings.Contains(before, "我") || before == "麻烦" || before == "请"
		about := strings.Contains(before+after, "报名") || strings.Contains(before, "不参加") ||
			strings.HasPrefix(strings.TrimSpace(after), "吧")
		if mine && about && onlyFiller(after) {
			return Command{Kind: Cancel}
		}
	}
	if containsAny(s, softCancels) {
		return Command{Kind: SoftCancel}
	}
	return Command{}
}

// cancelFillers are the words that may follow a cancellation in words
// (取消报名哈，谢谢大家); anything else (取消报名 张三) names someone or
// something, and the message is no cancellation of one's own.
var cancelFillers = []string{
	"谢谢大家", "谢谢", "麻烦了", "辛苦了", "不好意思", "抱歉", "大家", "一下", "我的",
	"报名", "掉", "了", "吧", "哈", "啊", "呀", "啦", "下", "哦", "嗯", "!", "~", ".",
}

// onlyFiller reports whether s holds nothing but cancelFillers and spaces.
func onlyFiller(s string) bool {
	for {
		t := strings.TrimSpace(s)
		if t == "" {
			return true
		}
		cut := false
		for _, f := range cancelFillers {
			if r, ok := strings.CutPrefix(t, f); ok {
				s, cut = r, true
				break
			}
		}
		if !cut {
			return false
		}
	}
}

// containsAny reports whether s contains any of ws.
func containsAny(s string, ws []string) bool {
	for _, w := range ws {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
