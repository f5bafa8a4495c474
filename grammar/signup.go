package grammar

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The sign-up family: 报名 / 我要报名, 取消报名, 我的报名 / 查询, 名额,
// 帮助 / 菜单 and (in chain.go) 接龙.
//
// Chatter versus command. The bot must never answer ordinary conversation, and
// many sentences merely start with a keyword (报名了吗, 查询一下天气,
// 帮助一下老人). The rule is deliberately small:
//
//  1. 报名 / 我要报名 (and each 接龙 line) are chatter when what follows the
//     keyword contains a question or modal particle (? 吗 呢 吧 啊 呀 嘛 么 啦
//     呗 哦 嗯) or a web address (http, ://, www.), or starts with one of the
//     function words in chatterStarts (了, 的, 情况, 截止, 时间, 一下, 人数, 我,
//     大家, …) unless it starts with a configured role alias. A message that
//     is only emoji / WeChat emoticons ([强]) after the keyword is chatter too.
//     What is left must then read as role, name and phone in any order; when
//     the left-over words are not a plausible name (see nameOK) the message is
//     a command only if it also carried a role word or phone-like digits
//     (Problem BadName), and otherwise it is chatter.
//  2. 取消报名, 我的报名 and 查询 take nothing but an optional campaign number
//     and an optional phone number (and a trailing '!'); anything else after
//     the keyword is chatter, 我的报名呢 included.
//  3. 帮助 and 菜单 take nothing but an optional campaign number and a trailing
//     '?' or '!'; 名额 also takes one of a few set questions (还有多少, 还有吗, …).
//
// Chatter comes back as Kind None.

// chatterParticles are runes that turn a 报名 line into conversation.
const chatterParticles = "?吗呢吧啊呀嘛么啦呗哦嗯"

// chatterStarts are the words that, right after 报名, make it conversation
// (报名的人多吗, 报名截止了没, 报名表发群里了). Single characters are only
// listed when they are not common surnames.
var chatterStarts = []string{
	"了", "的", "过", "得", "着", "还", "都", "也", "就", "已", "在", "不", "没",
	"有", "是", "能", "想", "给", "到", "多", "好", "太", "我", "你", "他", "她",
	"它", "谁", "这", "哪", "完", "表", "处", "点", "码", "群",
	"那个", "那些", "那边", "满了", "满员", "大家", "可以", "需要", "应该",
	"一下", "一个", "一共", "人数", "人员", "名单", "链接", "入口", "地址",
	"地点", "方式", "流程", "条件", "要求", "须知", "事项", "费用", "通知",
	"情况", "截止", "时间", "开始", "结束", "成功", "失败", "二维码", "小程序",
	"系统", "统计", "汇总", "什么", "怎么", "为什么", "帮助", "菜单", "查询",
	"取消", "报名", "接龙",
}

// quotaQuestions are the only words 名额 may be followed by (besides a
// campaign number and '?').
var quotaQuestions = map[string]bool{
	"还有多少": true, "还剩多少": true, "还有几个": true, "还剩几个": true,
	"还有吗": true, "剩多少": true, "多少": true,
}

// parseSignUp reads 报名 / 我要报名: an optional campaign number right after
// the keyword, then a role alias, a name and a phone number in any order, with
// or without spaces between them.
func parseSignUp(word, rest string, v *Vocabulary) Command {
	r := newRoles(v)
	campaign, body := leadingCampaign(strings.TrimSpace(rest))
	// 报名👉1 先锋…: a decoration after the keyword does not hide the number
	// (but 报名👍 alone stays chatter).
	undecorated := strings.TrimLeftFunc(rest, func(c rune) bool { return isDecoration(c) || unicode.IsSpace(c) && c != '\n' })
	if n, b := leadingCampaign(undecorated); campaign == 0 && n > 0 {
		campaign, body = n, b
	}
	b := readBody(body, r)
	if b.verdict != readOK {
		return Command{}
	}
	return Command{Kind: SignUp, Problem: b.problem, Campaign: campaign,
		Role: b.role, Name: b.name, Phone: b.phone, Remark: b.remark}
}

// parseCancel reads 取消报名 [campaign] [phone].
func parseCancel(word, rest string, v *Vocabulary) Command {
	return campaignPhoneCommand(Cancel, rest)
}

// campaignPhoneCommand reads what follows a keyword that takes an optional
// campaign number and phone (取消报名, 我的报名, 改到本群) into a command of
// kind k; None when something else follows.
func campaignPhoneCommand(k Kind, rest string) Command {
	n, phone, p, ok := readCampaignPhone(rest)
	if !ok {
		return Command{}
	}
	return Command{Kind: k, Problem: p, Campaign: n, Phone: phone}
}

// parseMoveHere reads 改到本群 [campaign] [phone]: the owner of a
// registration made in another group moves it to this one.
func parseMoveHere(word, rest string, v *Vocabulary) Command {
	return campaignPhoneCommand(MoveHere, rest)
}

// parseMyStatus reads 我的报名 / 查询 [campaign] [phone].
func parseMyStatus(word, rest string, v *Vocabulary) Command {
	return campaignPhoneCommand(MyStatus, rest)
}

// parseQuota reads 名额 [campaign] [还有多少…] [?].
func parseQuota(word, rest string, v *Vocabulary) Command {
	n, s := leadingCampaign(trimQuestion(rest))
	s = trimQuestion(s)
	if s != "" && !quotaQuestions[s] {
		return Command{}
	}
	return Command{Kind: Quota, Campaign: n}
}

// parseHelp reads 帮助 / 菜单 [campaign] [?].
func parseHelp(word, rest string, v *Vocabulary) Command {
	n, s := leadingCampaign(trimQuestion(rest))
	if trimQuestion(s) != "" {
		return Command{}
	}
	return Command{Kind: Help, Campaign: n}
}

// trimQuestion drops surrounding spaces and trailing '?' and '!'.
func trimQuestion(s string) string {
	return strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), "?!"))
}

// readCampaignPhone reads what 取消报名 and 查询 accept: nothing, a campaign
// number, a phone number, or both in that order. ok is false when anything
// else was typed. Phone-like digits (7 or more) that are no mobile number give
// BadPhone; shorter stray digits make the message chatter.
func readCampaignPhone(rest string) (campaign int, phone string, p Problem, ok bool) {
	n, s := leadingCampaign(strings.TrimSpace(strings.TrimRight(strings.TrimSpace(rest), "!")))
	s = strings.TrimSpace(s)
	if s == "" {
		return n, "", OK, true
	}
	left, runs := extractPhones(s)
	if strings.TrimSpace(left) != "" || len(runs) != 1 {
		return 0, "", OK, false
	}
	if m, ok := mobileOf(runs[0]); ok {
		return n, m, OK, true
	}
	if len(runs[0]) >= 7 {
		return n, "", BadPhone, true
	}
	return 0, "", OK, false
}

// Verdicts of readBody.
const (
	readOK      = iota // a sign-up, perhaps with a Problem
	readChatter        // conversation (particles, function words, emoji only)
	readNoise          // words that are neither role, name nor phone
)

// reading is what readBody makes of a sign-up body.
type reading struct {
	verdict int
	problem Problem
	role    string
	name    string
	phone   string
	remark  string
}

// readBody reads the arguments of 报名 (after the campaign number) or one
// 接龙 line (after its number): a role alias, a name and a phone number in
// any order, with or without spaces between them, and a remark after the
// phone.
//
// Phone numbers are digit runs that may be broken by single spaces, dashes
// or dots (138 0013 8000, 138-0013-8000) and may carry +86 / 86 / 0086;
// digits typed right before or after a phone do not spoil it (digitRuns).
// The role is the first word equal to an alias; failing that the longest
// alias a word starts with, then the longest it ends with (先锋张三,
// 张三先锋). What is left before the phone, less form labels (姓名, 电话…), is
// the name. What follows the phone is a remark (党员, 有车, 男, 谢谢) — or the
// name, when none came before it and the words read as a name that is no
// remark word (报名 13800138000 张三).
func readBody(s string, r *roleSet) reading {
	s = asciiPhones(foldDots(s)) // 一三九〇…, 𝟏𝟑𝟗…: a phone like any other
	if hasIDNumber(s) {          // never a name or a phone read out of one
		return reading{verdict: readOK, problem: IDNumber}
	}
	s, house := cutHouses(s)
	s, decorated := stripDecorations(s, r)
	if strings.TrimSpace(s) == "" {
		if decorated {
			return reading{verdict: readChatter}
		}
		return reading{verdict: readOK}
	}
	p := splitAtPhone(s)
	// Particles after the phone belong to the remark (谢谢啦); a web address
	// anywhere makes the message no sign-up.
	if isChatter(p.rawBefore, r) || looksLikeURL(p.rawAfter) {
		return reading{verdict: readChatter}
	}
	phone, bad, phoneLike := p.phone, p.bad, p.phoneLike

	role, btoks, atoks, unknown := r.readWords(p)
	if unknown {
		return reading{verdict: readOK, problem: UnknownRole, phone: phone}
	}

	if p.many { // two numbers: ask for one, whatever else was typed
		return reading{verdict: readOK, problem: ManyPhones, role: role}
	}
	if role == "" && (phone != "" || phoneLike) && unknownRoleWord(btoks, r) {
		return reading{verdict: readOK, problem: UnknownRole, phone: phone}
	}
	btoks, badPhone := nameThenJunk(btoks, r)
	bad, phoneLike = bad || badPhone, phoneLike || badPhone
	name := strings.Join(btoks, " ")
	if name == "" && len(atoks) > 0 && r.nameOK(atoks[0]) && !isRemarkWord(atoks[0]) {
		name, atoks = atoks[0], atoks[1:]
	}
	// House numbers are written as the words after a phone read (3 1502),
	// so the canonical text reads back the same.
	houseWords := strings.Fields(replaceSeparators(house))
	remark := cutRunes(strings.Join(append(houseWords, atoks...), " "), maxRemark)
	if HasPhone(remark) || phoneAttempt(remark) { // a second number, however typed
		bad, phoneLike, phone, remark = true, true, "", ""
	}
	if phone == "" {
		remark = ""
	}
	credible := role != "" || phone != "" || phoneLike
	if name != "" && !r.nameOK(name) {
		if credible {
			return reading{verdict: readOK, problem: BadName, role: role, phone: phone, remark: remark}
		}
		return reading{verdict: readNoise}
	}
	if bad {
		if credible || name != "" {
			return reading{verdict: readOK, problem: BadPhone, role: role, name: name, phone: phone}
		}
		return reading{verdict: readNoise}
	}
	return reading{verdict: readOK, role: role, name: name, phone: phone, remark: remark}
}

// cutHouses takes the house numbers (3-1502, 5号楼) out of the part of a
// sign-up body before its phone number, to be kept as a remark; after the
// phone, digits are the remark already (有2辆车 3号楼).
func cutHouses(s string) (string, string) {
	p := splitAtPhone(s)
	if p.phone == "" {
		return cutHouseNumbers(s)
	}
	before, house := cutHouseNumbers(p.rawBefore)
	return before + s[len(p.rawBefore):], house
}

// unknownRoleWord reports whether the words before the phone are a name
// and one more word, in either order, that reads as a role nobody
// configured (报名 医疗 周凯 139…): a short Han word that is neither a name
// nor a remark. The member is then told the campaign's roles, not that the
// name is wrong.
func unknownRoleWord(toks []string, r *roleSet) bool {
	if len(toks) != 2 {
		return false
	}
	for i, t := range toks {
		w := toks[1-i]
		n := utf8.RuneCountInString(w)
		if r.nameOK(t) && !r.nameOK(w) && !isRemarkWord(w) && n >= 2 && n <= 5 && isHan(w) {
			return true
		}
	}
	return false
}

// isHan reports whether s is Han characters only.
func isHan(s string) bool {
	for _, c := range s {
		if !unicode.Is(unicode.Han, c) {
			return false
		}
	}
	return s != ""
}

// nameThenJunk reads the words before the phone of a sign-up that typed a
// name and then something that is no name (报名 先锋 周九 abc, 周九 一三九,
// 周九 谢谢): the first word is the name when it reads as one; after it,
// remark words are dropped and words of digits (any script) or ASCII are a phone typed
// wrong (badPhone), so the member gets the phone hint rather than silence.
func nameThenJunk(toks []string, r *roleSet) (name []string, badPhone bool) {
	if len(toks) < 2 || !r.nameOK(toks[0]) || r.nameOK(strings.Join(toks, " ")) {
		return toks, false
	}
	for _, t := range toks[1:] {
		switch {
		case isRemarkWord(t):
		case !strings.ContainsFunc(t, func(c rune) bool { _, ok := digitValue(c); return !ok && c >= utf8.RuneSelf }):
			badPhone = true
		default:
			return toks, false
		}
	}
	return toks[:1], badPhone
}

// readWords finds the role among the words before the phone, else after
// it, and returns the words left on either side. unknown is set when a word
// names a role nobody configured (医疗志愿者).
func (r *roleSet) readWords(p phoneSplit) (role string, before, after []string, unknown bool) {
	before = cleanTokens(strings.Fields(replaceSeparators(p.before)))
	after = cleanTokens(strings.Fields(replaceSeparators(p.after)))
	role, before = r.extract(before)
	if role == "" {
		role, after = r.extract(after)
	}
	before, after = cleanTokens(before), cleanTokens(after)
	if role != "" { // 先锋 志愿者, 先锋队: the generic word adds nothing
		before = dropWords(before, genericWords...)
		after = dropWords(after, genericWords...)
	}
	named := before
	if role == "" { // with a role found, a remark may say 志愿者
		named = append(append([]string{}, before...), after...)
	}
	for _, t := range named {
		if strings.HasSuffix(t, "志愿者") || strings.HasSuffix(t, "队员") || t == "志愿" {
			return role, before, after, true
		}
	}
	return role, before, after, false
}

// isChatter applies rule 1 of the package comment to a sign-up body.
func isChatter(s string, r *roleSet) bool {
	if strings.ContainsAny(s, chatterParticles) || looksLikeURL(s) {
		return true
	}
	t := strings.TrimSpace(s)
	for _, w := range chatterStarts {
		if strings.HasPrefix(t, w) {
			return !r.startsWithAlias(t)
		}
	}
	return false
}

// looksLikeURL reports whether s looks like it holds a web address.
func looksLikeURL(s string) bool {
	l := strings.ToLower(s)
	return strings.Contains(l, "http") || strings.Contains(l, "://") || strings.Contains(l, "www.")
}

// leadingCampaign takes a campaign number (1–3 digits, 1…999) off the front
// of s. Digits that start a phone number (138 0013 8000, 86-138…) are not a
// campaign number.
func leadingCampaign(s string) (int, string) {
	k := 0
	for k < len(s) && isASCIIDigit(s[k]) {
		k++
	}
	if k == 0 || k > 3 || (k < len(s) && s[k] == '-') {
		return 0, s
	}
	if _, d := scanDigitRun(s, 0); IsMobile(d) {
		return 0, s
	}
	n, _ := strconv.Atoi(s[:k])
	if n == 0 {
		return 0, s
	}
	return n, s[k:]
}
