package grammar

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The record family: 打卡 / 服务 (service hours), 撤销打卡, 捐赠 / 认捐 / 捐款
// (pledges) and 已送达 (a pledge delivered).
//
// What follows the keyword is read in three steps.
//
//  1. Words are split at spaces and a few are glued back: a bare number and
//     the unit after it (300 人次, 5 万元), digit groups (20,000 → 20000), and
//     在 / 地点 / 价值 / 折合 with the word after them.
//  2. Each word is cut into elements (a date, a duration, 服务200人次, a
//     place, a quantity, a value) and the text between them. An element only
//     starts at the start of a word, right after another element, or after a
//     rune that is neither a digit, a Chinese numeral, an ASCII letter nor a
//     '.': so N95口罩 and KN95 stay text, 防护服50套 is 防护服 + 50套. A
//     figure after 每X or 单价 (每箱24瓶) describes a unit and stays text; an
//     11-digit mobile number is dropped, never kept where it may be echoed.
//  3. The elements fill the record; the leftover text is the activity (looked
//     up in the vocabulary) or the pledged item.
//
// Chatter: a message whose rest holds a question mark or a question word
// (吗 呢 哪 几 怎么 什么 多少 嘛) is not a command. Neither is a keyword glued
// to ordinary words with nothing the command needs: 打卡了, 服务很好,
// 捐赠物资已到, 已送达了. 服务 is an ordinary word, so it is a command only
// with an explicit duration (服务 3.5h 秩序维护). 打卡 is explicit: 打卡
// followed by a space and no duration, or alone, is Service with
// MissingHours so the member gets a hint.
//
// The canonical text (Command.String) writes every field in one form and one
// order, and Parse reads it back into the same Command. Leftover text never
// holds anything that would read differently on its own: bare numbers, the
// glue words above and filler (共, 约, 了 …) are dropped from it.

// recKind says what a piece of a record message is.
type recKind int

const (
	recText   recKind = iota // words that are none of the below
	recDate                  // 昨天, 3天前, 11月20日, 11-20
	recPeriod                // 上午, 全天: a duration used only when none is typed
	recPlace                 // 在城南社区, 地点城南社区
	recHours                 // 4小时, 90分钟, 半小时
	recPeople                // 服务200人次, 200人
	recExtra                 // any other figure of a service: 448.5万平方米
	recQty                   // a pledged quantity: 20000个, 2吨, 5000元
	recValue                 // 价值3万元, 折合6000元
	recPhone                 // a mobile number: dropped, it must not be echoed
)

// recLexeme is one piece of a record message.
type recLexeme struct {
	kind recKind
	text string   // the piece as typed; for recPlace the place name
	num  float64  // hours, people, quantity or value
	neg  bool     // the figure was typed with a minus sign
	unit string   // canonical unit of a recQty
	date DateSpec // for recDate
	bad  bool     // a date that cannot be (13月40日, 9999天前)
}

// recUnit is a word that may follow a number.
type recUnit struct {
	word  string  // as typed; ASCII words match in any case
	canon string  // the unit stored on a pledge
	kind  recKind // recHours, recPeople, recExtra or recQty
	div   float64 // hours = number/div + add
	add   float64
}

func hoursUnit(word string, div, add float64) recUnit {
	return recUnit{word: word, kind: recHours, div: div, add: add}
}

// recServiceUnits are the units a 打卡 message knows. Durations and people may
// follow Chinese numerals; the other figures (recExtra) need Arabic digits,
// since 一次性, 三楼 and 一个人 are words, not figures.
var recServiceUnits = sortUnits(append([]recUnit{
	hoursUnit("个半小时", 1, 0.5), hoursUnit("个半钟头", 1, 0.5),
	hoursUnit("个小时", 1, 0), hoursUnit("个钟头", 1, 0),
	hoursUnit("小时半", 1, 0.5), hoursUnit("小时", 1, 0), hoursUnit("钟头", 1, 0),
	hoursUnit("hours", 1, 0), hoursUnit("hour", 1, 0), hoursUnit("hrs", 1, 0),
	hoursUnit("hr", 1, 0), hoursUnit("h", 1, 0),
	hoursUnit("分钟", 60, 0), hoursUnit("分", 60, 0),
	hoursUnit("minutes", 60, 0), hoursUnit("minute", 60, 0),
	hoursUnit("mins", 60, 0), hoursUnit("min", 60, 0),
	{word: "人次", kind: recPeople}, {word: "人", kind: recPeople},
	{word: "名", kind: recPeople}, {word: "位", kind: recPeople},
	{word: "余人次", kind: recPeople}, {word: "多人次", kind: recPeople},
	{word: "余人", kind: recPeople}, {word: "多人", kind: recPeople},
	{word: "余名", kind: recPeople}, {word: "多名", kind: recPeople},
}, unitsOf(recExtra,
	"平方米", "平米", "平方", "㎡", "立方米", "立方", "米", "公里", "千米", "km",
	"户", "家", "栋", "幢", "间", "处", "条", "张", "份", "个", "车", "辆", "趟",
	"吨", "公斤", "千克", "kg", "斤", "箱", "件", "袋", "包", "瓶", "桶", "盒",
	"套", "双", "次", "遍", "轮", "单", "元", "块", "支", "台", "批", "篇", "组",
	"项", "例", "管", "剂", "针")...))

// recPledgeUnits are the measure words of a pledge. 块钱 is stored as 元;
// 万元 needs no entry: 3万 is the number, 元 the unit.
var recPledgeUnits = sortUnits(append(unitsOf(recQty,
	"个", "只", "支", "枚", "副", "双", "件", "套", "台", "部", "辆", "卡车", "车",
	"吨", "公斤", "千克", "kg", "斤", "克", "箱", "瓶", "桶", "盒", "包", "袋",
	"份", "条", "张", "卷", "罐", "提", "捆", "板", "片", "顶", "床", "把", "块",
	"本", "册", "升", "毫升", "ml", "听", "筐", "批", "剂", "针", "元"),
	recUnit{word: "块钱", canon: "元", kind: recQty}))

// recMoneyUnits may follow the figure of a 价值 / 折合.
var recMoneyUnits = sortUnits([]recUnit{
	{word: "元", canon: "元"}, {word: "块钱", canon: "元"}, {word: "块", canon: "元"},
	{word: "人民币", canon: "元"},
})

func unitsOf(kind recKind, words ...string) []recUnit {
	us := make([]recUnit, len(words))
	for i, w := range words {
		us[i] = recUnit{word: w, canon: w, kind: kind}
	}
	return us
}

// sortUnits puts longer words first so the longest unit wins.
func sortUnits(us []recUnit) []recUnit {
	sort.SliceStable(us, func(i, j int) bool { return len(us[i].word) > len(us[j].word) })
	return us
}

// recPeriods are the words that stand for a duration when none is typed:
// half a day (上午, 下午, 晚上, 半天) is 4 hours, a whole day 8.
var recPeriods = []struct {
	word  string
	hours float64
}{
	{"一整天", 8}, {"全天", 8}, {"整天", 8}, {"一天", 8}, {"白天", 8},
	{"上午", 4}, {"下午", 4}, {"晚上", 4}, {"半天", 4},
}

// recHalfHours are the ways to write half an hour without a number.
var recHalfHours = []string{"半个小时", "半个钟头", "半小时", "半钟头"}

// recDayWords are the dates typed as words, with how many days ago they are.
var recDayWords = []struct {
	word string
	ago  int
}{
	{"大前天", 3}, {"前天", 2}, {"昨天", 1}, {"昨日", 1}, {"今天", 0}, {"今日", 0},
}

// recFutureWords are days still to come: a service record for them is a
// mistake, refused with a hint rather than filed under today.
var recFutureWords = []string{"大后天", "后天", "明天", "明日"}

// recChatterMarks make a message a question or a remark, not a command.
var recChatterMarks = []string{"?", "吗", "呢", "哪", "几", "怎么", "什么", "多少", "嘛"}

// Words glued to the word after them, and words dropped from leftover text.
var (
	recServiceGlue   = []string{"在", "地点"}
	recServiceFiller = []string{"服务", "共", "共计", "累计", "约", "大约", "左右", "了"}
	recServiceAlso   = []string{"天前", "月"} // may follow a bare number, like a unit
	recPledgeGlue    = []string{"价值", "总价值", "价值约", "折合", "约合"}
	recPledgeFiller  = []string{"共", "共计", "合计", "总计", "一共", "约", "大约", "左右", "计"}
)

// Limits beyond which a figure is taken for a typing mistake.
const (
	recMaxHours  = 24   // one record covers one day
	recMaxPeople = 1e6  // people served in one record
	recMaxPledge = 1e10 // a quantity or a value in 元
	recMaxDays   = 366  // N天前
	recMaxID     = 1e9  // a pledge number
	recCashItem  = "现金" // the item of a 捐款
)

// parseService reads 打卡 and 服务: a duration, an activity, and optionally a
// date, people served, a place and other figures, in any order.
//
//	打卡 4小时 核酸检测 服务200人次
//	服务 3.5h 秩序维护
//	打卡 前天 8小时 秩序维护 服务 300 人次
//	打卡 上午 消杀 448.5万平方米
//
// Durations add up (3小时 30分 is 3.5 hours); 上午, 下午, 晚上 and 半天 count 4
// hours and 全天, 一天, 整天 8, but only when no duration is typed. The first
// date and the first place win; people add up; other figures are kept as
// typed in Extra.
func parseService(word, rest string, v *Vocabulary) Command {
	if isRecordChatter(rest) {
		return Command{}
	}
	toks := recMerge(strings.Fields(rest), recServiceUnits, recServiceGlue, recServiceAlso)
	sr := &ServiceRecord{}
	var (
		hours, period, people      float64
		explicit, hasPeriod, dated bool
		negHours, badNumber        bool
		badDate                    bool
		words, extras              []string
	)
	for _, l := range recLex(toks, matchService) {
		switch l.kind {
		case recText:
			if !slices.Contains(recServiceFiller, l.text) && !isBareNumber(l.text) {
				words = append(words, l.text)
			}
		case recDate:
			badDate = badDate || l.bad
			if !dated {
				sr.Date, dated = l.date, true
			}
		case recPeriod:
			period += l.num
			hasPeriod = true
		case recPlace:
			if sr.Place == "" {
				sr.Place = l.text
			}
		case recHours:
			hours += l.num
			explicit = true
			negHours = negHours || l.neg
		case recPeople:
			if l.neg || l.num != math.Trunc(l.num) {
				badNumber = true
			}
			people += l.num
		case recExtra:
			badNumber = badNumber || l.neg
			extras = append(extras, l.text)
		}
	}
	if !explicit && (word == "服务" || (recGlued(rest) && !hasPeriod)) {
		return Command{}
	}
	if !explicit {
		hours = period
	}
	sr.Hours = hours
	if people <= recMaxPeople {
		sr.People = int(people)
	} else {
		badNumber = true
	}
	sr.Activity = recActivity(strings.Join(words, " "), v)
	sr.Extra = strings.Join(extras, " ")
	c := Command{Kind: Service, Service: sr}
	switch {
	case !explicit && !hasPeriod:
		c.Problem = MissingHours
	case negHours || !(hours > 0 && hours <= recMaxHours):
		c.Problem = BadHours
	case badDate:
		c.Problem = BadDate
	case badNumber:
		c.Problem = BadNumber
	}
	return c
}

// parseUndoService reads 撤销打卡, which takes nothing after it.
func parseUndoService(word, rest string, v *Vocabulary) Command {
	if strings.TrimSpace(rest) != "" {
		return Command{}
	}
	return Command{Kind: UndoService}
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
	toks := recMerge(strings.Fields(rest), recPledgeUnits, recPledgeGlue, nil)
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
	return c
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

// formatRecordFamily writes the canonical text of a record-family command:
//
//	打卡 [date] N小时 [activity] [服务N人次] [在place] [extra]
//	捐赠 item N[unit] [价值N元]    (捐款 N元 [价值N元] for 现金 in 元)
//	已送达 N
//	撤销打卡
func formatRecordFamily(c Command) string {
	switch c.Kind {
	case Service:
		if c.Service == nil {
			return "打卡"
		}
		return formatService(c.Service)
	case UndoService:
		return "撤销打卡"
	case Pledge:
		if c.Pledge == nil {
			return "捐赠"
		}
		return formatPledge(c.Pledge)
	case Delivered:
		if c.ID == 0 {
			return "已送达"
		}
		return "已送达 " + strconv.Itoa(c.ID)
	}
	return ""
}

func formatService(sr *ServiceRecord) string {
	parts := []string{"打卡"}
	if d := formatDate(sr.Date); d != "" {
		parts = append(parts, d)
	}
	if sr.Hours != 0 {
		parts = append(parts, formatFigure(sr.Hours)+"小时")
	}
	if sr.Activity != "" {
		parts = append(parts, sr.Activity)
	}
	if sr.People != 0 {
		parts = append(parts, "服务"+strconv.Itoa(sr.People)+"人次")
	}
	if sr.Place != "" {
		parts = append(parts, "在"+sr.Place)
	}
	if sr.Extra != "" {
		parts = append(parts, sr.Extra)
	}
	return strings.Join(parts, " ")
}

func formatDate(d DateSpec) string {
	switch {
	case d.DaysAgo == 1:
		return "昨天"
	case d.DaysAgo == 2:
		return "前天"
	case d.DaysAgo > 0:
		return strconv.Itoa(d.DaysAgo) + "天前"
	case d.Month > 0:
		return strconv.Itoa(d.Month) + "月" + strconv.Itoa(d.Day) + "日"
	}
	return ""
}

func formatPledge(p *PledgeItem) string {
	var s string
	if p.Item == recCashItem && p.Unit == "元" {
		s = "捐款 " + formatFigure(p.Quantity) + "元"
	} else {
		s = "捐赠 " + p.Item + " " + formatFigure(p.Quantity) + p.Unit
	}
	if p.Value != 0 && !(p.Unit == "元" && p.Value == p.Quantity) {
		s += " 价值" + formatFigure(p.Value) + "元"
	}
	return s
}

// isRecordChatter reports whether the text after a record keyword reads as a
// question or a remark.
func isRecordChatter(rest string) bool {
	for _, m := range recChatterMarks {
		if strings.Contains(rest, m) {
			return true
		}
	}
	return false
}

// recGlued reports whether the keyword ran straight into the next word.
func recGlued(rest string) bool {
	r, _ := utf8.DecodeRuneInString(rest)
	return rest != "" && !unicode.IsSpace(r)
}

// isBareNumber reports whether w is a number and nothing else (5, -3, 两万).
func isBareNumber(w string) bool {
	w = strings.TrimPrefix(w, "-")
	_, n := ParseNumeral(w)
	return n > 0 && n == len(w)
}

// recMerge glues words that belong together: a glue word and the word after
// it, a bare number and a unit (or a multiplier, or one of also) after it,
// and digit groups split by a thousands separator.
func recMerge(toks []string, units []recUnit, glue, also []string) []string {
	out := make([]string, 0, len(toks))
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		for i+1 < len(toks) && recJoins(t, toks[i+1], units, glue, also) {
			t += toks[i+1]
			i++
		}
		out = append(out, t)
	}
	return out
}

func recJoins(a, b string, units []recUnit, glue, also []string) bool {
	if slices.Contains(glue, a) {
		return true
	}
	if !isBareNumber(a) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(b)
	if _, ok := numeralSmall[r]; ok {
		return true
	}
	if _, ok := numeralLarge[r]; ok {
		return true
	}
	if _, n := matchUnit(b, units); n > 0 {
		return true
	}
	for _, w := range also {
		if strings.HasPrefix(b, w) {
			return true
		}
	}
	// 20 000: a group of three digits after digits.
	return arabicEnd(a, 0) == len(a) && arabicEnd(b, 0) == 3
}

// recLex cuts words into elements and text. match is tried where an element
// may start; boundary tells it the position is the start of a word or right
// after another element.
func recLex(toks []string, match func(s string, boundary bool) (recLexeme, int)) []recLexeme {
	var out []recLexeme
	for _, tok := range toks {
		text, boundary, prev := 0, true, rune(0)
		for i := 0; i < len(tok); {
			if boundary || (recStartAllowed(prev) && !perUnit(tok[text:i])) {
				l, n := matchPhone(tok[i:])
				if n == 0 {
					l, n = match(tok[i:], boundary)
				}
				if n > 0 {
					if text < i {
						out = append(out, recLexeme{kind: recText, text: tok[text:i]})
					}
					if l.kind != recPlace {
						l.text = tok[i : i+n]
					}
					out = append(out, l)
					i += n
					text, boundary = i, true
					continue
				}
			}
			r, sz := utf8.DecodeRuneInString(tok[i:])
			prev, boundary = r, false
			i += sz
		}
		if text < len(tok) {
			out = append(out, recLexeme{kind: recText, text: tok[text:]})
		}
	}
	return out
}

// perUnit reports whether text ends in 每, 每 and one rune, or 单价: the
// figure after it describes a unit (矿泉水 100箱(每箱24瓶), 单价5元), it is no
// quantity of its own.
func perUnit(text string) bool {
	if strings.HasSuffix(text, "每") || strings.HasSuffix(text, "单价") {
		return true
	}
	_, sz := utf8.DecodeLastRuneInString(text)
	return sz > 0 && strings.HasSuffix(text[:len(text)-sz], "每")
}

// matchPhone finds an 11-digit mobile number at the start of s. It is no
// figure, and it is dropped rather than kept in an item or activity that the
// bot may echo: phone numbers appear in chat only masked.
func matchPhone(s string) (recLexeme, int) {
	if len(s) >= 11 && IsMobile(s[:11]) && (len(s) == 11 || !isArabic(s[11]) && s[11] != '.') {
		return recLexeme{kind: recPhone}, 11
	}
	return recLexeme{}, 0
}

// recStartAllowed reports whether an element may start after rune prev: not
// inside a number (12, 一万) nor inside an ASCII word (N95, KN95).
func recStartAllowed(prev rune) bool {
	if prev == '.' || isNumeralRune(prev) {
		return false
	}
	return !(prev < utf8.RuneSelf && (unicode.IsLetter(prev) || unicode.IsDigit(prev)))
}

// matchUnit finds the longest unit at the start of s. An ASCII unit matches
// in any case and not when a letter follows (4h, but not 4home).
func matchUnit(s string, units []recUnit) (recUnit, int) {
	for _, u := range units {
		w := u.word
		if len(s) < len(w) {
			continue
		}
		if w[0] < utf8.RuneSelf {
			if strings.EqualFold(s[:len(w)], w) && (len(s) == len(w) || !isASCIILetter(s[len(w)])) {
				return u, len(w)
			}
			continue
		}
		if strings.HasPrefix(s, w) {
			return u, len(w)
		}
	}
	return recUnit{}, 0
}

func isASCIILetter(b byte) bool { return b|0x20 >= 'a' && b|0x20 <= 'z' }

// matchFigure reads an optionally negative number and the unit after it.
// With unitless, a number that ends the word is a recQty without a unit when
// it is Arabic or makes the whole rest of the word (两万, but not 统一).
func matchFigure(s string, boundary bool, units []recUnit, unitless bool) (recLexeme, int) {
	j, neg := 0, false
	if strings.HasPrefix(s, "-") {
		j, neg = 1, true
	}
	x, n := ParseNumeral(s[j:])
	if n == 0 {
		return recLexeme{}, 0
	}
	arabic := isArabic(s[j])
	end := j + n
	// 5千克 is 5 kilograms, not 5000 grams.
	if r, sz := utf8.DecodeLastRuneInString(s[j:end]); r == '千' || r == '仟' {
		if next, _ := utf8.DecodeRuneInString(s[end:]); next == '克' || next == '米' || next == '瓦' {
			if y, m := ParseNumeral(s[j : end-sz]); m == end-sz-j {
				x, end = y, end-sz
			}
		}
	}
	u, un := matchUnit(s[end:], units)
	if un == 0 {
		if unitless && end == len(s) && (arabic || boundary) {
			return recLexeme{kind: recQty, num: x, neg: neg}, end
		}
		return recLexeme{}, 0
	}
	if u.kind == recExtra && !arabic {
		return recLexeme{}, 0
	}
	l := recLexeme{kind: u.kind, num: x, neg: neg, unit: u.canon}
	if u.kind == recHours {
		l.num = x/u.div + u.add
	}
	return l, end + un
}

// matchService finds an element of a 打卡 message at the start of s.
func matchService(s string, boundary bool) (recLexeme, int) {
	if l, n := matchDate(s); n > 0 {
		return l, n
	}
	for _, p := range recPeriods {
		if strings.HasPrefix(s, p.word) {
			return recLexeme{kind: recPeriod, num: p.hours}, len(p.word)
		}
	}
	if boundary {
		for _, pre := range []string{"地点", "在"} {
			if body, ok := strings.CutPrefix(s, pre); ok {
				cut := placeEnd(body)
				return recLexeme{kind: recPlace, text: body[:cut]}, len(pre) + cut
			}
		}
	}
	return matchWork(s)
}

// matchWork finds a duration or people served at the start of s, or another
// figure of a service.
func matchWork(s string) (recLexeme, int) {
	for _, h := range recHalfHours {
		if strings.HasPrefix(s, h) {
			return recLexeme{kind: recHours, num: 0.5}, len(h)
		}
	}
	if body, ok := strings.CutPrefix(s, "服务"); ok {
		if l, n := matchFigure(body, false, recServiceUnits, false); n > 0 && l.kind == recPeople {
			return l, len("服务") + n
		}
	}
	return matchFigure(s, false, recServiceUnits, false)
}

// placeEnd is where the place name at the start of body ends: at the end of
// the word, or where a duration or people served starts
// (在城南社区服务120人次).
func placeEnd(body string) int {
	prev := '在'
	for q := 0; q < len(body); {
		if recStartAllowed(prev) {
			if l, n := matchWork(body[q:]); n > 0 && (l.kind == recHours || l.kind == recPeople) {
				return q
			}
		}
		r, sz := utf8.DecodeRuneInString(body[q:])
		prev = r
		q += sz
	}
	return len(body)
}

// matchDate finds a date at the start of s: 今天 昨天 前天 大前天, N天前,
// [YYYY年]M月D[日|号], [YYYY-]M-D and [YYYY/]M/D. A date that cannot be
// (13月1日, 2月30日) is returned with bad set.
func matchDate(s string) (recLexeme, int) {
	for _, w := range recFutureWords {
		if strings.HasPrefix(s, w) {
			return recLexeme{kind: recDate, bad: true}, len(w) // service not yet done
		}
	}
	for _, w := range recDayWords {
		if strings.HasPrefix(s, w.word) {
			return recLexeme{kind: recDate, date: DateSpec{DaysAgo: w.ago}}, len(w.word)
		}
	}
	if x, n := ParseNumeral(s); n > 0 && strings.HasPrefix(s[n:], "天前") {
		l := recLexeme{kind: recDate}
		if x != math.Trunc(x) || x > recMaxDays {
			l.bad = true
		} else {
			l.date.DaysAgo = int(x)
		}
		return l, n + len("天前")
	}
	if l, n := matchChineseDate(s); n > 0 {
		return l, n
	}
	return matchDashDate(s)
}

// matchChineseDate reads [YYYY年]M月D[日|号]; without 日 or 号 the day must end
// the word.
func matchChineseDate(s string) (recLexeme, int) {
	i := 0
	if arabicEnd(s, 0) == 4 && strings.HasPrefix(s[4:], "年") {
		i = 4 + len("年")
	}
	m, n := ParseNumeral(s[i:])
	if n == 0 || !strings.HasPrefix(s[i+n:], "月") {
		return recLexeme{}, 0
	}
	j := i + n + len("月")
	d, dn := ParseNumeral(s[j:])
	if dn == 0 {
		return recLexeme{}, 0
	}
	k := j + dn
	switch {
	case strings.HasPrefix(s[k:], "日"), strings.HasPrefix(s[k:], "号"):
		k += len("日")
	case k != len(s):
		return recLexeme{}, 0
	}
	return monthDay(m, d), k
}

// matchDashDate reads [YYYY-]M-D or [YYYY/]M/D (1 or 2 digits each), which
// must end the word or be followed by 日 or 号. Digits that make no date are
// no date (8:00-12:00 arrives here as 8 00-12 00).
func matchDashDate(s string) (recLexeme, int) {
	i := 0
	if arabicEnd(s, 0) == 4 && len(s) > 4 && (s[4] == '-' || s[4] == '/') {
		i = 5
	}
	m := arabicEnd(s, i)
	if m-i < 1 || m-i > 2 || m >= len(s) || (s[m] != '-' && s[m] != '/') || (i > 0 && s[m] != s[4]) {
		return recLexeme{}, 0
	}
	d := arabicEnd(s, m+1)
	if d-m-1 < 1 || d-m-1 > 2 {
		return recLexeme{}, 0
	}
	k := d
	switch {
	case strings.HasPrefix(s[k:], "日"), strings.HasPrefix(s[k:], "号"):
		k += len("日")
	case k != len(s):
		return recLexeme{}, 0
	}
	month, _ := strconv.Atoi(s[i:m])
	day, _ := strconv.Atoi(s[m+1 : d])
	if l := monthDay(float64(month), float64(day)); !l.bad {
		return l, k
	}
	return recLexeme{}, 0 // 00-12 is more likely a clock time than a date
}

var recMonthDays = [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

func monthDay(m, d float64) recLexeme {
	l := recLexeme{kind: recDate}
	if m != math.Trunc(m) || d != math.Trunc(d) || m < 1 || m > 12 || d < 1 || d > float64(recMonthDays[int(m)]) {
		l.bad = true
		return l
	}
	l.date = DateSpec{Month: int(m), Day: int(d)}
	return l
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

// recActivity maps the leftover words of a 打卡 to a canonical activity: a
// canonical name as typed, else the longest alias found in them, else the
// words as typed.
func recActivity(words string, v *Vocabulary) string {
	if words == "" || v == nil || len(v.Activities) == 0 {
		return words
	}
	for _, c := range v.Activities {
		if c == words {
			return c
		}
	}
	aliases := make([]string, 0, len(v.Activities))
	for a := range v.Activities {
		aliases = append(aliases, a)
	}
	sort.Slice(aliases, func(i, j int) bool {
		li, lj := utf8.RuneCountInString(aliases[i]), utf8.RuneCountInString(aliases[j])
		if li != lj {
			return li > lj
		}
		return aliases[i] < aliases[j]
	})
	low := strings.ToLower(words)
	for _, a := range aliases {
		if n := strings.ToLower(Normalize(a)); n != "" && strings.Contains(low, n) {
			return v.Activities[a]
		}
	}
	return words
}
