package broadcast

// Every Chinese sentence this package produces lives here.
const (
	txtNoTargets     = "请指定发送目标：all、org:组织名称、kind:类型、tag:标签 或 group:群名"
	txtBadTarget     = "无法识别的目标「%s」。可用：all（全部）、org:组织名称、kind:类型、tag:标签、group:群名"
	txtEmptyTarget   = "目标「%s」缺少名称，例如 kind:学会"
	txtNoOrg         = "没有名为「%s」且已绑定群的组织"
	txtNoKind        = "没有类型为「%s」且已绑定群的组织"
	txtNoTag         = "没有标签为「%s」且已绑定群的组织"
	txtNoGroup       = "没有名为「%s」的群（机器人还没见过它：请先用 orgs import 导入，或等群里有人发言）"
	txtGroupDisabled = "群「%s」已停用"
	txtNoBound       = "还没有绑定到组织的群：请先用 orgs import 导入组织名单"
	txtNoGroups      = "目标中没有任何群"

	txtNoTitle        = "标题不能为空"
	txtNoBody         = "正文不能为空"
	txtTitleTooLong   = "标题过长：%d 字，最多 %d 字（正文请另起一行或放在正文文件里）"
	txtBodyTooLong    = "正文过长：%d 字，最多 %d 字"
	txtNoCampaign     = "没有编号为 %d 的倡议"
	txtCampaignShut   = "倡议 %d 已关闭，不能再发送"
	txtBareCampaign   = "倡议 %d 还没有正文：发送时请给出正文（命令行：mobilize broadcast --campaign %d --body-file 倡议书.md --to 目标），它会存为该倡议的正文"
	txtBodyFixed      = "倡议 %d 已有正文，发给更多群时沿用原正文（已收到的群和新群内容一致）：不要再给正文；要发新内容，请新建倡议"
	txtSameTitle      = "已有进行中的同名倡议 %d「%s」，本次未发送：要发给更多群，请沿用倡议 %d（命令行用 --campaign %d），已发过的群不会重发；确需另建，请换个标题（命令行可加 --again）"
	txtCampaignOver   = "倡议 %d 的报名已于 %s 截止，不能再发送"
	txtDeadlinePast   = "截止时间 %s 已经过去，发出后所有报名都会被拒绝：请检查年份和日期"
	txtAttachMissing  = "%s「%s」不存在或无法读取"
	txtAttachDir      = "%s「%s」不是文件"
	txtAttachEmpty    = "%s「%s」是空文件"
	txtAttachLink     = "%s「%s」是符号链接：请直接给出文件本身"
	txtAttachDatabase = "%s「%s」是数据库文件（mobilize 的数据库里有全部报名人的手机号），不能发到群里"
	txtAttachWorkbook = "%s「%s」是 mobilize 导出的名单工作簿（含手机号），不能发到群里；名单只发给管理员"
	txtAttachTooBig   = "%s「%s」有 %.1f MB，超过微信网页版的上限 %d MB"
	txtImageFormat    = "图片「%s」应为 jpg、png 或 gif"
	txtImage          = "图片"
	txtFile           = "文件"

	txtTitleLine  = "【%s】"
	txtPartPrefix = "（%d/%d）"

	txtFooterHead     = "【报名方式】在本群回复："
	txtFooterRole     = "「%s」报%s（%s）"
	txtFooterExample  = "报名%s %s 姓名"
	txtFooterPhone    = " 手机号"
	txtFooterQuota    = "%d 名"
	txtFooterLeft     = "剩 %d/%d 名"
	txtFooterDeadline = "截止：%s"
	txtFooterTail     = "回复「名额」查看剩余名额，「帮助」查看全部指令。"
	txtFooterLink     = "也可打开本组织的报名链接：%s"

	txtAuditQueue   = "倡议 %d「%s」：%d 个群排队，%d 个已发过跳过；目标 %s"
	txtAuditStopped = "；中途停止：%s"
	// txtAuditAccounts lists, with several accounts, the groups each
	// account was given (txtAuditAccount, txtAuditNoAccount).
	txtAuditAccounts  = "；发送账号：%s"
	txtAuditAccount   = "%s %d 个群"
	txtAuditNoAccount = "暂无账号 %d 个群（等在群中的账号登录）"
	txtAuditFailed    = "出错（详见日志）"
)

// Preview and status texts.
const (
	txtPreviewGroups  = "将发往 %d 个群："
	txtPreviewAlready = "（其中 %d 个群已发过本倡议，不会重发）"
	txtPreviewMsg     = "── 第 %d 条：%s ──"
	txtKindText       = "文字"
	txtKindImage      = "图片 %s（%s）"
	txtKindFile       = "文件 %s（%s）"

	txtStateSent      = "已送达"
	txtStatePending   = "待发送"
	txtStateFailed    = "失败"
	txtStateUncertain = "不确定"
	txtStateWithdrawn = "已撤回"

	txtStatusHead     = "倡议 %d「%s」（%s）"
	txtStatusOpen     = "进行中"
	txtStatusClosed   = "已关闭"
	txtStatusGroups   = "群：共 %d，已送达 %d，待发送 %d，失败 %d，不确定 %d，已撤回 %d"
	txtStatusOrgs     = "组织：已响应 %d/%d"
	txtStatusUnsent   = "另有 %d 个未发送的组织有人报名（不计入上面的比例）"
	txtStatusRoles    = "%s 已确认 %d/%d，候补 %d"
	txtStatusSilent   = "未响应（%d）：%s"
	txtStatusNoneSent = "本倡议还没有发往任何群。"
	txtStatusMore     = "等 %d 个"
	txtNever          = "—"
)
