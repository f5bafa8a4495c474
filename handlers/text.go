package handlers

// Every Chinese sentence a member sees lives here, so the wording can be
// reviewed and changed together. Keep them short: they are read on phones.
const (
	txtInternal       = "抱歉，系统繁忙，请稍后再试。"
	txtLoginLink      = "管理后台登录链接（10 分钟内有效，只能使用一次，请勿转发）：\n%s"
	txtNoCampaign     = "目前没有正在进行的报名。"
	txtChooseCampaign = "当前有多个倡议在报名，请在“报名”后写上编号，例如：%s"
	txtNoSuchCampaign = "没有编号为 %d 的进行中的倡议。"
	txtCampaignShut   = "“%s”已截止报名。"

	// txtExample is one sign-up as a member would type it, built from the
	// campaign's own role words (see hints.go): 报名 先锋 张三 手机号.
	txtExample     = "报名 %s张三 手机号"
	txtNeedPhone   = "请附上手机号，例如：%s"
	txtBadPhone    = "手机号有误，请填写 11 位手机号，例如：%s"
	txtNeedRole    = "请写明岗位（%s），例如：%s"
	txtUnknownRole = "没有这个岗位。可报：%s。例如：%s"
	txtPhoneOwned  = "该手机号已用另一个姓名报名，请核对手机号；如需更正姓名，请先发送“取消报名 手机号”再重新报名。"
	txtBadName     = "姓名似乎有误，请写真实姓名，例如：%s"
	txtManyPhones  = "只能填一个手机号，请只写本人的手机号，例如：%s"
	txtGenericRole = "岗位"
	txtNickNotName = "请写上您的姓名，例如：%s"
	txtIDNumber    = "无需填写身份证号，请只写姓名和手机号，例如：%s"
	txtCancelHowTo = "如需取消报名，请发送：取消报名"
	txtRenamed     = "已将姓名由“%s”更正为“%s”。"

	txtConfirmed     = "✅ %s（%s）报名成功：%s，剩余名额 %d。"
	txtWaitlisted    = "%s（%s）：%s名额已满，已列入候补第 %d 位，有人取消时按顺序递补。"
	txtOrgFull       = "%s（%s）：本组织%s名额已满，已列入候补第 %d 位。"
	txtAlready       = "%s（%s）已报名%s（%s），无需重复报名。"
	txtMoved         = "%s 已由%s改为%s。"
	txtKept          = "递补前保留%s名额。"
	txtPromoted      = "🎉 %s（%s）已由候补递补为%s，请保持手机畅通。"
	txtStatusOK      = "已确认"
	txtStatusWaiting = "候补第 %d 位"

	txtCancelBadPhone  = "手机号有误，请填写 11 位手机号，例如：取消报名 手机号"
	txtMineBadPhone    = "手机号有误，请填写 11 位手机号，例如：查询 手机号"
	txtCancelled       = "%s（%s）已取消%s报名。"
	txtCancelNotFound  = "没有找到您的报名。如是代他人报名，请发送：取消报名 手机号"
	txtCancelAmbiguous = "您在本群为多人报过名，请发送：取消报名 手机号"

	txtMineNone = "没有找到您的报名。报名请发送：%s"
	txtMineLine = "%s（%s）：%s %s"

	txtQuotaHead = "“%s”名额："
	txtQuotaLine = "%s 剩 %d/%d"
	txtQuotaWait = "（候补 %d 人）"

	txtChainHead       = "接龙登记：新增 %d 人"
	txtChainWaiting    = "，其中候补 %d 人（%s）"
	txtChainNeedPhones = "请补上手机号后重新接龙：%s"
	txtChainSame       = "；已在名单 %d 人"
	txtChainRejected   = "未登记："
	txtChainReject     = "%s — %s"
	txtChainNoName     = "缺少姓名"
	txtChainNoPhone    = "缺少手机号"
	txtChainBadPhone   = "手机号有误"
	txtChainNoRole     = "未写岗位（%s）"
	txtChainBadRole    = "没有这个岗位（%s）"
	txtChainOther      = "无法识别"
	txtChainBadName    = "姓名有误"
	txtChainManyPhones = "手机号多于一个"
	txtChainIDNumber   = "无需填写身份证号"
	txtChainPhoneOwned = "手机号已用另一个姓名报名"
	txtChainUnread     = "接龙一次最多读取 %d 行：第 %d 行起的 %d 行未读取、未登记，请分开发送。"

	// txtCut ends a reply cut to fit one WeChat message.
	txtCut = "……（另有 %d 行未显示）"

	// The help (帮助 / 菜单): the sign-up lines come from the campaign's own
	// roles, one per role; the rest is fixed.
	txtHelpHead      = "可用指令："
	txtHelpCampaigns = "进行中的倡议（报名时写上编号）："
	txtHelpSignUp    = "报名 %s%s%s 手机号"
	txtHelpRest      = `取消报名（或：取消报名 手机号）
改到本群 — 把在其他群的报名改到本群
我的报名 — 查看状态
名额 — 查看剩余名额
打卡 4小时 核酸检测 服务200人次
捐赠 N95口罩 20000个`
)

// Service records and pledges.
const (
	txtServiceExample  = "打卡 4小时 核酸检测 服务200人次"
	txtServiceHint     = "请写明时长，例如：" + txtServiceExample
	txtServiceBadHours = "时长应在 6 分钟到 24 小时之间，例如：" + txtServiceExample
	txtServiceBadNum   = "数字似乎有误，请核对后重发，例如：" + txtServiceExample
	txtServiceBadDate  = "日期有误（只能补报 60 天内、且不晚于今天的记录），例如：打卡 昨天 3小时 消杀"
	txtServiceNotReg   = "请先报名再打卡，例如：%s"
	txtServiceMany     = "您在本群为多人报过名，请由本人各自打卡。"
	txtServiceDayFull  = "%s%s已记 %s 小时，再加 %s 小时将超过 24 小时，未记录。请核对后重发。"
	txtServiceOK       = "✅ %s 打卡：%s%s %s 小时%s。当日 %s 小时，累计 %s 小时。"
	txtServicePeople   = "，服务 %d 人次"
	txtUndoOK          = "已撤销 %s %s %s 小时的打卡。累计 %s 小时。"
	txtUndoNone        = "没有可撤销的打卡记录。"

	txtPledgeExample   = "捐赠 N95口罩 20000个"
	txtPledgeNoItem    = "请写明捐赠物品和数量，例如：" + txtPledgeExample
	txtPledgeNoQty     = "请写明数量和单位，例如：" + txtPledgeExample
	txtPledgeBadNum    = "数量似乎有误，请核对后重发，例如：" + txtPledgeExample
	txtPledgeManyItems = "一条消息只登记一种物资，请分开发送，例如：" + txtPledgeExample
	txtPledgeOK        = "🙏 感谢%s！已登记第 %d 号认捐：%s %s%s%s。送达后请发送：已送达 %d"
	txtPledgeValue     = "（价值 %s 元）"
	txtDeliveredOK     = "✅ 第 %d 号认捐（%s %s %s%s）已登记送达。"
	txtDeliveredNone   = "没有找到第 %d 号认捐，或不是您登记的。"
	txtDeliveredNoID   = "请写明认捐编号，例如：已送达 3"

	txtUndoPledgeOK        = "已撤销第 %d 号认捐（%s %s%s）。"
	txtUndoPledgeDelivered = "第 %d 号认捐已送达，不能撤销。"
	txtUndoPledgeNoID      = "请写明认捐编号，例如：撤销认捐 3"
	txtUndoPledgeHint      = "如有误，请发送：撤销认捐 %d"
	txtUndoServiceHint     = "如有误，请发送：撤销打卡"
)

// Words put into replies.
const (
	txtEllipsis     = "…"  // ends a member's line cut short
	txtYou          = "您"  // the sender, when their nickname is no name
	txtService      = "服务" // a 打卡 with no activity
	txtToday        = "今天"
	txtYesterday    = "昨天"
	txtMonthDay     = "%d月%d日"
	txtOldRole      = "原岗位"
	txtThisCampaign = "该倡议"
	txtExampleProbe = "报名 %s 张三 13800000000" // how a hint's role word is checked (never sent)
)

// txtExampleNames name the people of the 帮助 examples, one per role.
var txtExampleNames = []string{"张三", "李四", "王五", "赵六"}
