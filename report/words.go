package report

// Every Chinese string of the tally's text, Markdown and workbook, in one
// place so the wording can be reviewed together.
const (
	txtHeader     = "【%s】%d年%d月%d日统计"
	txtSignUps    = "报名：确认 %d 人（今日 +%d），候补 %d 人（今日 +%d）"
	txtRole       = "· %s %d/%d（今日 +%d）"
	txtRoleWait   = "，候补 %d"
	txtMoreRoles  = "· 另有 %d 个岗位，见工作簿"
	txtLeft       = "今日放弃确认名额 %d 人"
	txtService    = "服务：今日 %s 小时 / %d 人次；累计 %s 小时 / %d 人次"
	txtPledges    = "捐赠：%s"
	txtCash       = "现金 %s 元"
	txtItem       = "%s %s %s"
	txtMoreItems  = " 等 %d 项"
	txtGoodsValue = "（物资价值 %s 元）"
	txtOrgs       = "组织：已响应 %d/%d，%d 个尚无人报名"
	txtOrgsUnsent = "；另有 %d 个未发送的组织有人报名"
	// txtOrgsNoneSent: nothing was sent through the bot (manual mode).
	txtOrgsNoneSent = "组织：倡议尚未由机器人发往任何组织；%d 个组织有人报名"
	txtTop          = "最多："
	txtBottom       = "最少："
	txtRankEntry    = "%s %d"
	txtSeeWorkbook  = "……完整表格见导出的工作簿"
	txtNoOrgName    = "（未绑定组织）"
)

// Markdown report.
const (
	mdTitle      = "# %s — %s 统计\n\n"
	mdRoleHead   = "| 岗位 | 名额 | 已确认 | 今日新增确认 | 候补 | 今日新增候补 | 已取消 |\n|---|---:|---:|---:|---:|---:|---:|\n"
	mdRoleRow    = "| %s | %d | %d | %d | %d | %d | %d |\n"
	mdService    = "\n**服务**：今日 %s 小时 / %d 人次 / %d 条；累计 %s 小时 / %d 人次 / %d 条\n"
	mdActHead    = "\n| 服务内容 | 小时 | 人次 | 记录数 |\n|---|---:|---:|---:|\n"
	mdActRow     = "| %s | %s | %d | %d |\n"
	mdPledgeHead = "\n| 捐赠物品 | 单位 | 今日 | 累计 | 已送达 |\n|---|---|---:|---:|---:|\n"
	mdPledgeRow  = "| %s | %s | %s | %s | %s |\n"
	mdMoney      = "\n现金 %s 元（今日 %s 元），物资价值 %s 元\n"
	mdOrgHead    = "\n| 组织 | 已确认 | 候补 | 今日新增 | 累计服务小时 | 现金（元） |\n|---|---:|---:|---:|---:|---:|\n"
	mdOrgRow     = "| %s | %d | %d | %d | %s | %s |\n"
	mdAnswer     = "\n%s\n"
	mdSilent     = "\n尚无人报名的组织（%d 个）：%s\n"
)

// Workbook sheet names and headers.
const (
	shSummary  = "汇总"
	shRoster   = "名单"
	shOrgs     = "机构响应"
	shWaitlist = "候补"
	shService  = "服务记录"
	shPledges  = "捐赠"

	xlCampaign     = "倡议"
	xlDate         = "日期"
	xlGenerated    = "生成时间"
	xlDailyTitle   = "每日累计确认人数"
	xlChartDaily   = "各岗位每日累计确认人数"
	xlChartOrgs    = "各组织报名人数（前 %d）"
	xlAxisDay      = "m月d日"
	xlService      = "服务"
	xlServiceDay   = "当日"
	xlServiceTotal = "累计"
	xlCash         = "现金（元）"
	xlCashDay      = "其中当日（元）"
	xlGoodsValue   = "物资价值（元）"
	xlSent         = "收到倡议的组织数"
	xlAnswered     = "其中已响应"
	xlSilent       = "其中尚无人报名"
	xlUnsent       = "未发送而有人报名的组织数"
	xlConfirmedOf  = "%s 确认"
	xlWaitlistedOf = "%s 候补"
	xlDelivered    = "已送达"
	xlNotDelivered = "未送达"
)

var (
	xlRoleHead     = []any{"岗位", "名额", "已确认", "候补", "已取消", "当日新增确认", "当日新增候补", "当日放弃确认"}
	xlServiceHead  = []any{"服务", "小时", "人次", "记录数"}
	xlActivityHead = []any{"服务内容", "小时", "人次", "记录数"}
	xlPledgeHead   = []any{"物品", "单位", "当日", "累计", "已送达"}
	xlRosterHead   = []any{"序号", "姓名", "手机", "岗位", "状态", "候补位次", "组织", "群", "报名时间", "确认时间", "取消时间", "备注"}
	xlWaitHead     = []any{"岗位", "位次", "姓名", "手机", "组织", "群", "报名时间", "备注"}
	xlServiceRows  = []any{"日期", "姓名", "组织", "群", "服务内容", "小时", "人次", "地点", "其他", "记录时间"}
	xlPledgeRows   = []any{"编号", "组织", "群", "认捐人", "物品", "数量", "单位", "价值（元）", "送达", "送达时间", "认捐时间"}
	xlOrgHeadStart = []any{"组织", "倡议送达时间", "首次报名时间"}
	xlOrgHeadEnd   = []any{"合计报名", "已取消", "催报次数", "累计服务小时", "现金（元）", "物资价值（元）"}
)
