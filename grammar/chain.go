package grammar

import (
	"strconv"
	"strings"
)

// MaxChainEntries is how many numbered lines of one 接龙 are read. A list is
// applied in one transaction and answered in one message; a longer one is
// answered with the lines left out, to be sent again in parts.
const MaxChainEntries = 200

// exampleStarts mark a 接龙 template line (例 张三 先锋 13800000000), which
// is not an entry.
var exampleStarts = []string{"示例", "例如", "举例", "格式", "例"}

// parseChain reads a 接龙 list, the way WeChat groups sign people up among
// themselves:
//
//	接龙 广安市物业管理协会 抗疫志愿者报名
//	例 张三 先锋 13800000000
//	1. 张三 先锋 13800138000
//	2、李四 储备 13900139000
//
// The title is the text after 接龙 on the first line, or else the first line
// before the entries that is neither numbered nor an example. A numbered line
// is a number (1–99999) followed by '.', '、', ')' or a space, then a sign-up
// body read exactly like 报名's (role, name and phone in any order); every
// entry must name someone, so a line without a name gets MissingName and one
// whose words are no name gets BadName. Other lines are commentary and are
// skipped. A 接龙 without a numbered line is not a command. Numbered lines
// past MaxChainEntries are not read: they are kept in Unread, as typed, so
// the reply can say which were left out.
func parseChain(word, rest string, v *Vocabulary) Command {
	r := newRoles(v)
	lines := strings.Split(rest, "\n")
	title := strings.TrimSpace(lines[0])
	var entries, unread []ChainEntry
	amounts := false // a line carries an amount of money or goods
	for _, l := range lines[1:] {
		l = strings.TrimSpace(l)
		if l == "" || isExampleLine(l) {
			continue
		}
		idx, body, ok := numberedLine(l)
		if !ok {
			if title == "" && len(entries) == 0 {
				title = l
			}
			continue
		}
		if len(entries) == MaxChainEntries {
			unread = append(unread, ChainEntry{Index: idx, Line: l})
			continue
		}
		entries = append(entries, chainEntry(idx, l, body, r))
		amounts = amounts || hasAmount(body)
	}
	if len(entries) == 0 || (amounts && noPhones(entries)) {
		return Command{}
	}
	applyTitleRole(title, entries, r)
	return Command{Kind: Chain, Chain: &ChainList{Title: title, Entries: entries, Unread: unread}}
}

// applyTitleRole gives the role named in the title (#接龙 储备志愿者报名)
// to the lines that name none.
func applyTitleRole(title string, entries []ChainEntry, r *roleSet) {
	role, _ := r.extract(strings.Fields(replaceSeparators(title)))
	if role == "" {
		return
	}
	for i := range entries {
		if entries[i].Role == "" && entries[i].Problem != UnknownRole {
			entries[i].Role = role
		}
	}
}

// noPhones reports whether no line carries a phone number. A list whose
// lines carry amounts of money or goods and no phone (1. 刘姐 300元, 2. 王哥
// 2箱牛奶) is a donation list, not a sign-up list, and is never answered as
// failed sign-ups.
func noPhones(entries []ChainEntry) bool {
	for _, e := range entries {
		if e.Phone != "" {
			return false
		}
	}
	return true
}

// hasAmount reports whether s holds Arabic digits followed by a measure
// word of a pledge (300元, 2箱, 50斤; 300 元 with a space).
func hasAmount(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isASCIIDigit(s[i]) || (i > 0 && isASCIIDigit(s[i-1])) {
			continue
		}
		j := i
		for j < len(s) && (isASCIIDigit(s[j]) || s[j] == '.') {
			j++
		}
		if _, n := matchUnit(s[j:], recPledgeUnits); n > 0 {
			return true
		}
		if _, n := matchUnit(strings.TrimLeft(s[j:], " "), recMoneyUnits); n > 0 {
			return true
		}
	}
	return false
}

// isExampleLine reports whether l is a template line (例 / 示例 / 格式).
func isExampleLine(l string) bool {
	for _, w := range exampleStarts {
		if strings.HasPrefix(l, w) {
			return true
		}
	}
	return false
}

// numberedLine splits "12. body" into 12 and "body". A line that starts with
// a phone number (138 0013 8000) is not numbered.
func numberedLine(l string) (int, string, bool) {
	k := 0
	for k < len(l) && isASCIIDigit(l[k]) {
		k++
	}
	if k == 0 || k > 5 || k == len(l) {
		return 0, "", false
	}
	if _, d := scanDigitRun(l, 0); IsMobile(d) {
		return 0, "", false
	}
	rest := l[k:]
	ok := false
	for _, d := range []string{".", ")", " ", "、", "．", "）"} {
		if strings.HasPrefix(rest, d) {
			rest, ok = rest[len(d):], true
			break
		}
	}
	n, _ := strconv.Atoi(l[:k])
	if !ok || n == 0 {
		return 0, "", false
	}
	return n, strings.TrimSpace(rest), true
}

// chainEntry reads one numbered line.
func chainEntry(idx int, line, body string, r *roleSet) ChainEntry {
	e := ChainEntry{Index: idx, Line: line}
	b := readBody(body, r)
	switch {
	case b.verdict != readOK:
		e.Problem = BadName
	case b.problem != OK:
		e.Role, e.Name, e.Phone, e.Problem = b.role, b.name, b.phone, b.problem
	case b.name == "":
		e.Role, e.Phone, e.Problem = b.role, b.phone, MissingName
	default:
		e.Role, e.Name, e.Phone, e.Remark = b.role, b.name, b.phone, b.remark
	}
	return e
}

// formatChain writes a 接龙 back: the title on the keyword's line, then each
// entry's line as typed (so that entries with a problem read back the same).
// An entry built by hand, without a line, is written as "N. 姓名 角色 电话".
func formatChain(c Command) string {
	var b strings.Builder
	b.WriteString("接龙")
	if c.Chain == nil {
		return b.String()
	}
	if c.Chain.Title != "" {
		b.WriteString(" " + c.Chain.Title)
	}
	for _, e := range append(c.Chain.Entries[:len(c.Chain.Entries):len(c.Chain.Entries)], c.Chain.Unread...) {
		b.WriteString("\n")
		if e.Line != "" {
			b.WriteString(e.Line)
			continue
		}
		parts := []string{strconv.Itoa(e.Index) + "."}
		for _, p := range []string{e.Name, e.Role, e.Phone, e.Remark} {
			if p != "" {
				parts = append(parts, p)
			}
		}
		b.WriteString(strings.Join(parts, " "))
	}
	return b.String()
}
