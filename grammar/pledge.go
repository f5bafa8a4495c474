package grammar

// 捐赠 / 认捐 / 捐款 and 已送达: pledges and their delivery.

import (
	"math"
	"slices"
	"strings"
)

// phoneMark stands where a phone number was while dropContact looks at
// what was glued to it.
const phoneMark = "\x00"

// dropContact blanks the phone numbers of a pledge, and a name typed glued
// to one (张三13800138014): that is who pledges, not what, so it must not
// end up in the item.
func dropContact(s string, v *Vocabulary) string {
	s = blankPhonesWith(strings.ReplaceAll(s, phoneMark, ""), phoneMark)
	if !strings.Contains(s, phoneMark) {
		return s
	}
	r := newRoles(v)
	fields := strings.Fields(s)
	for i, f := range fields {
		if before, _, ok := strings.Cut(f, phoneMark); ok && before != "" && isContact(before, r) {
			fields[i] = f[len(before):]
		}
	}
	return strings.ReplaceAll(strings.Join(fields, " "), phoneMark, " ")
}

// contactWords label a phone number typed into a record (联系13800138000,
// 联系人张三13800138000).
var contactWords = []string{"联系电话", "联系人", "联系", "电话", "手机"}

// isContact reports whether the words glued before a phone number are a
// contact: a name, a contact word, or a contact word and a name.
func isContact(s string, r *roleSet) bool {
	if r.nameOK(s) {
		return true
	}
	for _, w := range contactWords {
		if rest, ok := strings.CutPrefix(s, w); ok && (rest == "" || r.nameOK(rest)) {
			return true
		}
	}
	return false
}

// parsePledge reads 捐赠, 认捐 and 捐款: an item, a quantity with its measure
// word, and optionally a value in 元.
//
//	捐赠 N95口罩 20000个
//	捐赠 防护服50套 价值3万元
//	认捐 大米 1.5万斤
//	捐款 5万
//
// The item is the text around the quantity, before or after it. A figure in
// 元 next to a quantity of goods is its value; a figure in 元 alone is the
// quantity, and its value too. 捐款 pledges 现金: its figure is in 元 unless
// another unit is typed. Two quantities of goods (口罩 100个 手套 200双) give
// ManyItems: one pledge per message. 捐赠 alone is a Pledge with MissingItem,
// so the member gets a hint; 捐赠 with a space and words but no figure is
// MissingQty.
func parsePledge(word, rest string, v *Vocabulary) Command {
	if isRecordChatter(rest) {
		return Command{}
	}
	cash := word == "捐款"
	toks := recMerge(strings.Fields(dropContact(rest, v)), recPledgeUnits, recPledgeGlue, nil)
	var goods, money, values []recLexeme
	var words []string
	for _, l := range recLex(toks, matchPledge) {
		switch l.kind {
		case recText:
			if !slices.Contains(recPledgeGlue, l.text) && !slices.Contains(recPledgeFiller, l.text) &&
				!isBareNumber(l.text) {
				words = append(words, l.text)
			}
		case recValue:
			values = append(values, l)
		case recQty:
			if cash && (l.unit == "" || l.unit == "块") {
				l.unit = "元"
			}
			if l.unit == "元" {
				money = append(money, l)
			} else {
				goods = append(goods, l)
			}
		}
	}
	if len(goods)+len(money)+len(values) == 0 && recGlued(rest) {
		return Command{}
	}
	p := &PledgeItem{Item: strings.Join(words, " ")}
	// 捐款, or a bare sum in 元 (认捐 5000元): the item is cash.
	if cash || (p.Item == "" && len(goods) == 0 && len(money) > 0) {
		p.Item = recCashItem
	}
	many := len(goods) > 1 || len(money) > 1 || len(values) > 1
	var qty, value *recLexeme
	switch {
	case len(goods) > 0:
		qty = &goods[0]
		if len(money) > 0 {
			value = &money[0]
		}
	case len(money) > 0:
		qty = &money[0]
	}
	if len(values) > 0 {
		many = many || value != nil
		value = &values[0]
	}
	bad := false
	if qty != nil {
		p.Quantity, p.Unit = qty.num, qty.unit
		bad = qty.neg || !saneAmount(qty.num)
	}
	if value != nil {
		p.Value = value.num
		bad = bad || value.neg || !saneAmount(value.num)
	} else if p.Unit == "元" {
		p.Value = p.Quantity
	}
	c := Command{Kind: Pledge, Pledge: p}
	switch {
	case many:
		c.Problem = ManyItems
	case bad:
		c.Problem = BadNumber
	case p.Item == "":
		c.Problem = MissingItem
	case qty == nil:
		c.Problem = MissingQty
	}
	return noPhoneInText(c)
}

func saneAmount(x float64) bool { return x > 0 && x <= recMaxPledge }

// parseDelivered reads 已送达 and a pledge number: 已送达 3, 已送达 #3,
// 已送达 第3号, 已送达三号. Words after the number are ignored.
func parseDelivered(word, rest string, v *Vocabulary) Command {
	if isRecordChatter(rest) {
		return Command{}
	}
	t := strings.TrimSpace(rest)
	if t == "" {
		return Command{Kind: Delivered, Problem: MissingID}
	}
	u := t
	for _, p := range []string{"#", "第", "No.", "no.", "NO."} {
		if s, ok := strings.CutPrefix(u, p); ok {
			u = s
			break
		}
	}
	x, n := ParseNumeral(u)
	tail := u[n:]
	for _, s := range []string{"号单", "号", "单"} {
		if t, ok := strings.CutPrefix(tail, s); ok {
			tail = t
			break
		}
	}
	if n == 0 || (tail != "" && tail[0] != ' ') {
		if recGlued(rest) {
			return Command{}
		}
		return Command{Kind: Delivered, Problem: MissingID}
	}
	if x != math.Trunc(x) || x < 1 || x > recMaxID {
		return Command{Kind: Delivered, Problem: BadNumber}
	}
	return Command{Kind: Delivered, ID: int(x)}
}

// matchPledge finds an element of a pledge at the start of s: a value
// (价值3万元, 折合6000元) or a quantity (20000个, 两万瓶, 5000元).
func matchPledge(s string, boundary bool) (recLexeme, int) {
	for _, pre := range recPledgeGlue {
		body, ok := strings.CutPrefix(s, pre)
		if !ok {
			continue
		}
		i := len(pre)
		if strings.HasPrefix(body, "约") {
			i += len("约")
		}
		j, neg := i, false
		if strings.HasPrefix(s[j:], "-") {
			j, neg = j+1, true
		}
		x, n := ParseNumeral(s[j:])
		if n == 0 {
			continue
		}
		end := j + n
		if _, un := matchUnit(s[end:], recMoneyUnits); un > 0 {
			end += un
		}
		return recLexeme{kind: recValue, num: x, neg: neg}, end
	}
	return matchFigure(s, boundary, recPledgeUnits, true)
}

// parseUndoPledge reads 撤销认捐 N: the pledge number is read as 已送达's.
func parseUndoPledge(word, rest string, v *Vocabulary) Command {
	c := parseDelivered(word, rest, v)
	if c.Kind == Delivered {
		c.Kind = UndoPledge
	}
	return c
}
