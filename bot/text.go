package bot

// Every Chinese string the bot package shows a person lives here, so the
// wording can be reviewed in one place.
const (
	// txtRelogin tells the admins the bot logged in again after a session
	// ended: %s is the reason in words, %s the time it ended.
	txtRelogin = "【动员助手】微信会话曾中断（%s，%s），现已重新登录。中断期间的待发消息会继续发送。"
	// txtScanQR asks the operator to scan the QR code.
	txtScanQR = "请用机器人微信号扫描下方二维码登录（或在浏览器打开链接）："
	// txtLoginFailed and txtSessionEnded are the problems `mobilize status`
	// shows.
	txtLoginFailed  = "登录失败：%s"
	txtSessionEnded = "会话结束（%d）：%s"
)

// Session end reasons in words, by synccheck retcode.
var endReasons = map[int]string{
	1100: "在手机上退出了网页版登录",
	1101: "在其他地方登录或会话过期",
	1102: "会话被服务器拒绝（可能被限制或封禁）",
}
