package bot

// Every Chinese string the bot package shows a person lives here, so the
// wording can be reviewed in one place.
// Words of the cut-off notice (failover.go).
const (
	txtCutOffHead       = "【动员助手】账号 %s 已掉线（%s）。"
	txtCutOffDown       = "离线已 %d 分钟"
	txtCutOffMoved      = "它所在的群中，%d 个群的 %d 条待发消息转由其他在线账号发送。"
	txtCutOffAllCovered = "它的群都有其他在线账号服务，消息照常发出。"
	txtCutOffStranded   = "以下 %d 个群没有其他在线账号，消息在等待该账号重新登录：%s。急需时请在管理后台「人工转发」中手动转发。"
	txtCutOffMore       = " 等共 %d 个群"
)

const (
	// txtRelogin tells the admins the bot logged in again after a session
	// ended: %s is the reason in words, %s the time it ended.
	txtRelogin = "【动员助手】微信会话曾中断（%s，%s），现已重新登录。中断期间的待发消息会继续发送。"
	// txtBackAfterDown tells the admins the bot is back after logins
	// failed for longer than bot.offline_alert_minutes: %s how long
	// (zhdur), %s since when.
	txtBackAfterDown = "【动员助手】机器人曾有 %s 未能登录微信（自 %s 起），现已恢复登录。期间的待发消息会继续发送。"
	// txtQRAccount names, above its QR code, the account it logs in.
	txtQRAccount = "━━━━ 账号：%s ━━━━\n"
	// txtScanQR asks the operator to scan the QR code.
	txtScanQR = "请用机器人微信号扫描下方二维码登录（或在浏览器打开链接）："
	// txtLoginFailed and txtSessionEnded frame a problem line (problemLines)
	// in the log and in what `mobilize status` shows.
	txtLoginFailed  = "登录失败：%s"
	txtSessionEnded = "会话结束：%s"
	// txtRetryIn says when the next login is tried; %s is a duration in
	// Chinese (zhdur).
	txtRetryIn = "%s后重试"
	// Log lines around a login, for the operator's terminal.
	txtLoggedIn    = "已登录微信"
	txtQRExpired   = "二维码已过期，正在显示新的二维码"
	txtQRShown     = "请扫描二维码登录，等待扫码中"
	txtQRScanned   = "已扫码，请在手机上确认登录"
	txtRelogging   = "微信会话结束，正在重新登录"
	txtSendEnded   = "发送时微信答复会话已结束，停止本次会话"
	txtHotFailed   = "免扫码登录失败，改为扫码登录"
	txtHotFailPush = "免扫码登录失败，改为手机确认登录"
	txtPushFailed  = "手机确认登录失败，改为扫码登录"
	txtNoSession   = "没有保存的会话，扫码登录"
)

// problemLines say, for each login or session problem, what happened and
// what the operator can do: one line each, the same in the log and in
// `mobilize status`. Keys are WeChat retcodes, or problemNetwork and
// problemUnknown (problem.go).
var problemLines = map[int]string{
	problemNetwork: "无法连接微信服务器：请检查网络或代理（HTTPS_PROXY）",
	problemUnknown: "原因不明：请稍后再试；详细错误在调试日志中（log.level: debug）",
	0:              "与微信的同步中断：正在重新登录",
	retLoggedOut:   "已在手机上退出网页版登录（1100）：请重新扫码登录",
	retElsewhere:   "在其他地方登录或会话已过期（1101）：正在重新登录；如反复出现，请勿在别处登录此微信号的网页版或电脑版",
	retRejected:    "会话被微信服务器拒绝（1102），账号可能被限制或封禁：请在手机微信查看安全提示，处理后重新扫码登录",
	retLoginEnv:    "微信拒绝此账号网页登录（1203 登录环境异常）：请换一个正常使用较久的微信号，或先在手机和电脑微信上正常使用一段时间再试",
	retTooFrequent: "操作过于频繁（1205）：请等几分钟再登录，并放慢发送间隔（send.min_gap）",
}

// Session end reasons in words, by synccheck retcode.
var endReasons = map[int]string{
	1100: "在手机上退出了网页版登录",
	1101: "在其他地方登录或会话过期",
	1102: "会话被服务器拒绝（可能被限制或封禁）",
}
