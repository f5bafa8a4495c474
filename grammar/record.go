package grammar

import (
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
	recMinHours  = 0.1  // 6 minutes: less is a typing mistake (0.0001小时)
	recMaxPeople = 1e6  // people served in one record
	recMaxPledge = 1e10 // a quantity or a value in 元
	recMaxDays   = 366  // N天前
	recMaxID     = 1e9  // a pledge number
	recCashItem  = "现金" // the item of a 捐款
)

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

// noPhoneInText refuses a record whose words, written back, would hold a
// phone number: digits left in an item or an activity that make one with
// the figure next to them (张三1380013800 1个). Such text is a typing
// mistake, and a phone must never be stored or echoed.
func noPhoneInText(c Command) Command {
	if c.Problem != OK {
		return c
	}
	if s := c.String(); blankPhones(s) != s {
		c.Problem = BadNumber
	}
	return c
}
