// Package grammar turns what a member types into a group chat into a Command.
//
// It is pure: no database, no clock, no WeChat. The handlers package gives it a
// Vocabulary (role and activity aliases known from config and campaigns) and
// acts on the Command it returns. Keeping the grammar apart lets it be tested
// by tables and fuzzing alone, and lets every sign-up path (single line or
// 接龙 list) share one reading of names, roles and phone numbers.
package grammar

// Kind says which command a message is. None means "not a command": the bot
// stays silent.
type Kind int

// The commands a member (or an admin) can type.
const (
	None        Kind = iota
	SignUp           // 报名 先锋 张三 13800138000
	Cancel           // 取消报名 [phone]
	MyStatus         // 我的报名 / 查询
	Quota            // 名额
	Help             // 帮助 / 菜单
	Chain            // #接龙 list
	Service          // 打卡 4小时 核酸检测 服务200人次
	UndoService      // 撤销打卡
	Pledge           // 捐赠 N95口罩 20000个
	Delivered        // 已送达 3
	CancelHint       // 要退出怎么弄: answered with how to cancel
	SoftCancel       // 周六有事，来不了了: the command to send, to a registered member only
	UndoPledge       // 撤销认捐 3: the pledger takes back pledge 3
	MoveHere         // 改到本群 [phone]: the owner files their registration under this group
)

// Problem says why a recognised command cannot be acted on as typed. The
// handler turns it into a one-line Chinese hint; nothing is stored.
type Problem int

// The problems the grammar can detect on its own.
const (
	OK           Problem = iota
	BadPhone             // digits that are not an 11-digit mainland mobile number
	UnknownRole          // 报名 with a role word nobody configured
	MissingHours         // 打卡 without a duration
	BadHours             // a duration that cannot be right (0, > 24)
	BadNumber            // a figure that cannot be right (negative, absurd)
	MissingItem          // 捐赠 without an item
	MissingQty           // 捐赠 without a quantity
	MissingID            // 已送达 without a pledge number
	EmptyChain           // #接龙 with no numbered line
	MissingName          // a 接龙 line that names nobody
	BadName              // words where a name should be that cannot be a name
	ManyItems            // 捐赠 with two quantities of goods: one pledge per message
	BadDate              // 打卡 for a day that cannot be (明天, 13月40日)
	ManyPhones           // 报名 or a 接龙 line with two different mobile numbers
	IDNumber             // a 身份证号 typed into a sign-up: none is needed
)

// Command is one parsed message. Only the fields of its Kind are set.
type Command struct {
	Kind    Kind
	Problem Problem

	// Campaign is the campaign number typed after the keyword (报名 2 先锋);
	// 0 when none was given.
	Campaign int
	// Role is the role code (e.g. "pioneer") the typed alias maps to; "" when
	// no role word was given.
	Role string
	// Name is the volunteer's name as typed; "" means "use the sender's name".
	Name string
	// Phone is 11 ASCII digits; "" when none was typed.
	Phone string
	// Remark is what a sign-up adds after the phone (党员, 有车, 男, 谢谢),
	// kept on the registration and shown in the roster; "" when none.
	Remark string

	// Chain is set for Kind Chain.
	Chain *ChainList
	// Service is set for Kind Service.
	Service *ServiceRecord
	// Pledge is set for Kind Pledge.
	Pledge *PledgeItem
	// ID is the pledge number for Kind Delivered.
	ID int
	// Spoken is set on a record told in a sentence without a command word
	// (上午在核酸点帮了3个半小时忙): the handler acts on it only when it can,
	// and is otherwise quiet, since the sender did not address the bot.
	Spoken bool
}

// ChainList is a #接龙 message: a title and its numbered lines.
type ChainList struct {
	Title   string
	Entries []ChainEntry
	// Unread are the numbered lines past MaxChainEntries, with only Index
	// and Line set: not read, so not registered.
	Unread []ChainEntry
}

// ChainEntry is one numbered line of a 接龙. Problem is OK when the line
// reads as a sign-up (Role may still be "" when the line names none).
type ChainEntry struct {
	Index   int
	Line    string // the line as typed, after normalisation
	Role    string
	Name    string
	Phone   string
	Remark  string
	Problem Problem
}

// DateSpec is a day as the member typed it, resolved by the caller against
// its own clock. The zero value means today.
type DateSpec struct {
	DaysAgo int // 昨天 = 1, 前天 = 2
	Year    int // 2025-11-20 → 2025; 0 when not typed (the latest such day)
	Month   int // 11月20日 → 11, 20 (0 when not given)
	Day     int
}

// ServiceRecord is a 打卡 report.
type ServiceRecord struct {
	Hours    float64
	Activity string // canonical activity name, or the words as typed when unknown
	People   int    // 服务200人次 → 200; 0 when not given
	Place    string // 在XX / 地点XX; "" when not given
	Extra    string // any other figure kept as typed, e.g. "448.5万平方米"
	Date     DateSpec
}

// PledgeItem is a 捐赠 / 认捐 / 捐款 message.
type PledgeItem struct {
	Item     string  // N95口罩; 现金 for 捐款
	Quantity float64 // 20000
	Unit     string  // 个, 吨, 元
	Value    float64 // money value in 元, 0 when not given
}

// Vocabulary is what the grammar needs to know from outside: the words that
// name roles and activities, and the bot's own names (for @mentions).
type Vocabulary struct {
	// Roles maps every alias (志愿先锋, 先锋, pioneer…) to a role code.
	Roles map[string]string
	// Activities maps every alias (核酸, 做核酸…) to a canonical activity name.
	Activities map[string]string
	// BotNames are the names the bot may be @-mentioned by.
	BotNames []string
}
