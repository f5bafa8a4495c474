package handlers

// Every Chinese sentence of the admin commands (private chat with an admin)
// lives here.
const (
	txtAdminHelp = `管理指令（仅限私聊）：
发布倡议 [目标]
标题
正文…… — 起草倡议，默认发往全部群；目标如 kind:学会 tag:广安区 org:名称 group:群名
（起草后 2 分钟内发送图片或文件即附上；回复「确认」发布、「取消」放弃，10 分钟内有效）
进度 [N] — 送达与响应情况、未响应的组织
名单 [N] — 报名名单（手机号打码）；名单 N 完整 — 完整手机号（记入审计）
关闭 N — 关闭倡议，未发出的倡议消息不再发送
递补 N 先锋 3 — 从候补中按顺序递补 3 人，并在其群内通知
提醒 N — 向仍有名额的组织群发送提醒
导出 [N] — 把统计和完整名单（Excel）发到本私聊（记入审计）`

	txtAdminDraftUsage  = "请按格式发送：\n发布倡议 [目标]\n标题\n正文……"
	txtAdminDraft       = "倡议「%s」将发往 %d 个群（目标：%s），正文 %d 字，分 %d 条发送%s。\n各群最后会收到：\n%s\n\n2 分钟内发送图片或文件即附上。回复「确认」发布，回复「取消」放弃（10 分钟内有效）。"
	txtAdminAttachments = "，附%s"
	txtAdminAttached    = "已附上%s「%s」。回复「确认」发布，回复「取消」放弃。"
	txtAdminNoDraftFile = "没有等待附件的倡议：发送「发布倡议」后 2 分钟内发送图片或文件即可附上。"
	txtAdminNoDraft     = "没有待确认的倡议（或已超过 10 分钟）。请重新发送「发布倡议」。"
	txtAdminDropped     = "已取消，倡议未发布。"
	txtAdminPublished   = "已发布倡议 %d「%s」：%d 个群排队发送%s，预计约 %d 分钟发完。发送「进度 %d」查看。"
	txtAdminSkipped     = "（%d 个群已发过）"
	txtAdminImage       = "图片"
	txtAdminFile        = "文件"

	txtAdminNoCampaign = "还没有倡议。"
	txtAdminBadNumber  = "倡议编号应为数字，例如：%s 3"
	txtAdminUnknown    = "没有编号为 %d 的倡议。"
	txtAdminShut       = "倡议 %d 已关闭。"
	txtAdminClosed     = "倡议 %d「%s」已关闭：不再接受报名，尚未发出的倡议消息不再发送。"
	txtAdminWithdrew   = "撤回未发出的消息 %d 条（%d 个群没有收到）。"

	txtAdminRosterHead  = "倡议 %d「%s」名单（%d 人）："
	txtAdminRosterLine  = "%d. %s %s %s %s（%s）"
	txtAdminRosterWait  = "候补%d"
	txtAdminRosterOK    = "已确认"
	txtAdminRosterMore  = "……另有 %d 人未列出，完整名单请发送「导出 %d」。"
	txtAdminRosterEmpty = "倡议 %d「%s」还没有人报名。"

	txtAdminPromoteUsage = "请按格式发送：递补 倡议编号 岗位 人数，例如：递补 %d %s 3"
	txtAdminNoRole       = "倡议 %d 没有岗位「%s」。可用：%s"
	txtAdminPromoted     = "倡议 %d %s递补 %d 人：%s"
	txtAdminNoneWaiting  = "倡议 %d %s没有可递补的候补。"

	txtAdminRemind     = "【提醒】倡议「%s」还有名额：%s%s\n报名请在本群回复：%s"
	txtAdminRemindLeft = "%s 剩 %d 名"
	txtAdminRemindEnd  = "，截止 %s"
	txtAdminReminded   = "已向 %d 个仍可报名的群排队发送提醒。"
	txtAdminFull       = "倡议 %d 各岗位已满，无需提醒。"
	txtAdminNoGroups   = "倡议 %d 还没有发往任何群，无法提醒。"

	txtAdminNoFiles     = "这里无法发送文件或完整名单，请在命令行使用 mobilize export / mobilize roster --full。"
	txtAdminFullWord    = "完整"
	txtAdminRosterUsage = "请按格式发送：名单 3（手机号打码）或 名单 3 完整（完整手机号）"
	txtAdminExported    = "倡议 %d 的统计和完整名单已生成，文件随后发送。文件含完整手机号，请妥善保管。"
)
