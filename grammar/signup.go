package grammar

import (
	"sort"
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

// formLabels are form words members copy from a template (姓名：张三 电话：…);
// they are dropped wherever a word starts with them.
var formLabels = []string{
	"手机号码", "电话号码", "联系电话", "联系方式", "手机号", "姓名", "名字",
	"电话", "手机", "号码", "岗位", "角色", "身份", "类别", "类型",
}

// latinChatter are Latin words that are replies, not names.
var latinChatter = []string{
	"ok", "okay", "yes", "no", "hi", "hello", "thanks", "thank you", "thx",
	"done", "test", "good", "nice", "wow", "yeah",
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
	b := readBody(body, r)
	if b.verdict != readOK {
		return Command{}
	}
	return Command{Kind: SignUp, Problem: b.problem, Campaign: campaign,
		Role: b.role, Name: b.name, Phone: b.phone}
}

// parseCancel reads 取消报名 [campaign] [phone].
func parseCancel(word, rest string, v *Vocabulary) Command {
	n, phone, p, ok := readCampaignPhone(rest)
	if !ok {
		return Command{}
	}
	return Command{Kind: Cancel, Problem: p, Campaign: n, Phone: phone}
}

// parseMyStatus reads 我的报名 / 查询 [campaign] [phone].
func parseMyStatus(word, rest string, v *Vocabulary) Command {
	n, phone, p, ok := readCampaignPhone(rest)
	if !ok {
		return Command{}
	}
	return Command{Kind: MyStatus, Problem: p, Campaign: n, Phone: phone}
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
}

// readBody reads the arguments of 报名 (after the campaign number) or one
// 接龙 line (after its number): a role alias, a name and a phone number in
// any order, with or without spaces between them.
//
// Phone numbers are digit runs that may be broken by single spaces or dashes
// (138 0013 8000, 138-0013-8000) and may carry +86 / 86 / 0086. The role is
// the first word equal to an alias; failing that the longest alias a word
// starts with, then the longest it ends with (先锋张三, 张三先锋). What is
// left, less form labels (姓名, 电话…), is the name.
func readBody(s string, r *roleSet) reading {
	s = foldDots(s)
	s, decorated := stripDecorations(s, r)
	if strings.TrimSpace(s) == "" {
		if decorated {
			return reading{verdict: readChatter}
		}
		return reading{verdict: readOK}
	}
	if isChatter(s, r) {
		return reading{verdict: readChatter}
	}

	s, runs := extractPhones(s)
	var phone string
	phones := map[string]bool{}
	bad, phoneLike := false, false
	for _, d := range runs {
		if d == "86" || d == "0086" { // a country code set apart: (+86) 138…
			continue
		}
		if m, ok := mobileOf(d); ok {
			phone = m
			phones[m] = true
			continue
		}
		bad = true
		if len(d) >= 7 {
			phoneLike = true
		}
	}
	if len(phones) > 1 { // two numbers: we cannot tell which one is meant
		bad, phoneLike, phone = true, true, ""
	}

	toks := cleanTokens(strings.Fields(replaceSeparators(s)))
	role, toks := r.extract(toks)
	toks = cleanTokens(toks)
	if role != "" { // 先锋 志愿者, 先锋队: the generic word adds nothing
		toks = dropWords(toks, genericWords...)
	}
	for _, t := range toks {
		if strings.HasSuffix(t, "志愿者") || strings.HasSuffix(t, "队员") || t == "志愿" {
			return reading{verdict: readOK, problem: UnknownRole, phone: phone}
		}
	}

	name := strings.Join(toks, " ")
	credible := role != "" || phone != "" || phoneLike
	if name != "" && !r.nameOK(name) {
		if credible {
			return reading{verdict: readOK, problem: BadName, role: role, phone: phone}
		}
		return reading{verdict: readNoise}
	}
	if bad {
		if credible || name != "" {
			return reading{verdict: readOK, problem: BadPhone, role: role, name: name, phone: phone}
		}
		return reading{verdict: readNoise}
	}
	return reading{verdict: readOK, role: role, name: name, phone: phone}
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

func isASCIIDigit(b byte) bool { return b >= '0' && b <= '9' }

// scanDigitRun reads the digit run starting at s[i] (a digit, or '+' before a
// digit): digits with single spaces or dashes between them. It returns the
// end of the run and its digits.
func scanDigitRun(s string, i int) (int, string) {
	var d []byte
	if s[i] == '+' {
		i++
	}
	for i < len(s) {
		if isASCIIDigit(s[i]) {
			d = append(d, s[i])
			i++
			continue
		}
		if (s[i] == ' ' || s[i] == '-') && i+1 < len(s) && isASCIIDigit(s[i+1]) && len(d) > 0 {
			i++
			continue
		}
		break
	}
	return i, string(d)
}

// extractPhones replaces every digit run in s by a space and returns the runs'
// digits.
func extractPhones(s string) (string, []string) {
	var b strings.Builder
	var runs []string
	for i := 0; i < len(s); {
		if isASCIIDigit(s[i]) || (s[i] == '+' && i+1 < len(s) && isASCIIDigit(s[i+1])) {
			end, d := scanDigitRun(s, i)
			runs = append(runs, d)
			b.WriteByte(' ')
			i = end
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String(), runs
}

// mobileOf returns the mobile number in a digit run, less a 86 / 0086
// country prefix.
func mobileOf(d string) (string, bool) {
	switch {
	case IsMobile(d):
		return d, true
	case strings.HasPrefix(d, "86") && IsMobile(d[2:]):
		return d[2:], true
	case strings.HasPrefix(d, "0086") && IsMobile(d[4:]):
		return d[4:], true
	}
	return "", false
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
//   - Han characters only, 2–6 of them (张三, 欧阳娜娜); or Han parts joined
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
			return n <= 6
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

// formatSignUpFamily writes the canonical text of a sign-up family command,
// naming the role by its code.
func formatSignUpFamily(c Command) string {
	return formatSignUp(c, nil)
}

// Text is the canonical text of c as a member would type it: like String, but
// the role is written as its shortest configured alias (先锋) rather than its
// code. Parse(c.Text(v), v) gives c back for any command Parse returned
// without a Problem.
func (c Command) Text(v *Vocabulary) string {
	switch c.Kind {
	case SignUp, Cancel, MyStatus, Quota, Help, Chain:
		return formatSignUp(c, v)
	}
	return c.String()
}

// formatSignUp writes keyword, campaign number, role, name and phone.
func formatSignUp(c Command, v *Vocabulary) string {
	var parts []string
	switch c.Kind {
	case SignUp:
		parts = []string{"报名"}
	case Cancel:
		parts = []string{"取消报名"}
	case MyStatus:
		parts = []string{"我的报名"}
	case Quota:
		parts = []string{"名额"}
	case Help:
		parts = []string{"帮助"}
	case Chain:
		return formatChain(c)
	default:
		return ""
	}
	if c.Campaign > 0 {
		parts = append(parts, strconv.Itoa(c.Campaign))
	}
	if c.Kind == SignUp {
		if c.Role != "" {
			role := c.Role
			if v != nil {
				role = newRoles(v).alias(c.Role)
			}
			parts = append(parts, role)
		}
		if c.Name != "" {
			parts = append(parts, c.Name)
		}
	}
	if c.Phone != "" && (c.Kind == SignUp || c.Kind == Cancel || c.Kind == MyStatus) {
		parts = append(parts, c.Phone)
	}
	return strings.Join(parts, " ")
}
