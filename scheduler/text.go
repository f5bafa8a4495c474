package scheduler

// Every Chinese string the scheduler shows — in chats, on the command
// line, in start-up errors — lives here, so the wording is reviewed in one
// place. Chat texts are short lines for a phone screen.

// Start-up errors about a spec; each names the config key.
const (
	errSpecBad   = "%s: 无效的定时表达式 %q（应为 5 段：分 时 日 月 周，如 \"0 20 * * *\"；或 @daily；填 off 停用）"
	errSpecZone  = "%s: 定时表达式 %q 不能自带时区（时区由 timezone 统一设置）"
	errSpecEvery = "%s: 不支持 %q 这样的固定间隔（应为 5 段表达式，如每两小时 \"0 */2 * * *\"）"
)

// Deadline reminder to a group that can still fill places.
const (
	textReminderHead  = "【%s】报名即将截止"
	textReminderWhen  = "截止时间：%s（还有%s）"
	textReminderLeft  = "尚有名额：%s"
	textReminderRole  = "%s %d 个"
	textReminderHow   = "报名请在群里发：报名 %s 姓名 手机号"
	textListSep       = "、"
	textDays          = " %d 天"
	textHours         = " %d 小时"
	textMinutes       = " %d 分钟"
	textDeadlineClock = "1月2日 15:04"
)

// Progress line to every participating group.
const (
	textSummaryHead     = "【%s】报名进度"
	textSummaryRole     = "%s %d/%d"
	textSummaryWaiting  = "（候补 %d）"
	textSummaryDeadline = "截止：%s"
)

// Nudge to a group that has not answered, and the list for the admins.
const (
	textChaseNudge     = "【%s】各位好！倡议已发到本群，目前本组织还没有人报名。\n如方便参与，请在群里发：报名 %s 姓名 手机号\n尚有名额：%s\n感谢支持！"
	textChaseDeadline  = "\n截止时间：%s"
	textChaseAdmin     = "【%s】今日提醒了 %d 个尚未报名的群："
	textChaseAdminRow  = "· %s（%s，第 %d 次）"
	textChaseAdminMore = "……另有 %d 个群"
)

// `mobilize jobs` and `mobilize jobs run`.
const (
	textStatusZone     = "时区：%s\n"
	textStatusRow      = "%-18s %-14s 下次 %-12s 上次 %s\n"
	textStatusClock    = "01-02 15:04"
	textStatusOff      = "--"
	textStatusNever    = "从未运行"
	textStatusLast     = "%s（%s）%s，入发件箱 %d 条"
	textStatusError    = "：%s"
	textTriggerCron    = "定时"
	textTriggerCatchUp = "补发"
	textTriggerManual  = "手动"
	textResultOK       = "成功"
	textResultFailed   = "失败"
	textResultPanic    = "崩溃（已恢复）"
	textResultRunning  = "未完成"
	textDryHead        = "%s 演练（不入发件箱、不记录）：将发出 %d 条\n"
	textDryRow         = "→ %s：\n    %s\n"
	textGroupMark      = "（群）"
	textRunDone        = "%s 已运行：新入发件箱 %d 条，已发过而跳过 %d 条（发件箱由运行中的机器人发送）\n"
	textRunNothing     = "%s：没有要发的消息（没有符合条件的倡议、群或收件人）\n"
	textUnknownJob     = "没有名为 %q 的任务（可用：%s）"
)
