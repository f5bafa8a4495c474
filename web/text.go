package web

// Every Chinese word a visitor or a staff member sees on the web pages
// lives here; templates print them through .T, so the wording can be
// reviewed and changed together with the chat's (handlers/text.go).

// pageText is the fixed wording of the pages.
type pageText struct {
	SiteName, Home, HomeBody                              string
	Places, PlacesLeft, PlacesFull, Waiting, Deadline     string
	FormTitle, Name, NamePH, Phone, PhonePH, Role, Remark string
	RemarkPH, Submit, Privacy, Honeypot, Shut, ShutBody   string
	Org, NotFound, NotFoundBody, TooMany, TooManyBody     string
	Expired, Internal, InternalBody, BadRequest           string
	YourSignup, StatusConfirmed, StatusPromoted           string
	StatusWaiting, StatusCancelled, Keep, KeepBody        string
	Cancel, CancelConfirm, CancelShut, NewConfirmed       string
	NewWaiting, Already, CancelledNow, Campaign, Person   string
	FormErrors, Logout                                    string
	Change, ChangeRole, ChangeOrg, ChangeButton, Changed  string
	Unchanged, ChangeOrgFull, ChangeShut                  string
}

var txt = pageText{
	SiteName:        "志愿报名",
	Home:            "志愿报名",
	HomeBody:        "请打开所在组织发来的报名链接或扫描二维码报名。",
	Places:          "岗位与名额",
	PlacesLeft:      "剩余 %d / %d",
	PlacesFull:      "已满，可报候补",
	Waiting:         "候补 %d 人",
	Deadline:        "截止时间：%s",
	FormTitle:       "我要报名",
	Name:            "姓名",
	NamePH:          "真实姓名，如 张三",
	Phone:           "手机号",
	PhonePH:         "11 位手机号",
	Role:            "岗位",
	Remark:          "备注（选填）",
	RemarkPH:        "如可服务的时间、特长",
	Submit:          "提交报名",
	Privacy:         "个人信息说明：姓名、手机号和备注仅用于本次志愿服务的联络和统计，由民政局和您所在组织保管，页面上只显示打码后的手机号。",
	Honeypot:        "请勿填写此项",
	Shut:            "报名已截止",
	ShutBody:        "“%s”已截止报名，感谢关注。",
	Org:             "报名组织：%s",
	NotFound:        "链接无效",
	NotFoundBody:    "这个链接不存在或已失效，请向所在组织重新索取报名链接。",
	TooMany:         "提交太频繁",
	TooManyBody:     "同一网络提交太频繁，请一分钟后再试。",
	Expired:         "页面已过期，请核对后再提交一次。",
	Internal:        "系统繁忙",
	InternalBody:    "抱歉，系统繁忙，请稍后再试。您填写的信息没有丢失，返回上一页即可重新提交。",
	BadRequest:      "提交的内容有误，请返回重试。",
	YourSignup:      "我的报名",
	StatusConfirmed: "已确认：%s",
	StatusPromoted:  "已由候补递补为%s，请保持手机畅通。",
	StatusWaiting:   "%s候补第 %d 位，有人取消时按顺序递补。",
	StatusCancelled: "已取消%s报名。",
	Keep:            "请收藏本页",
	KeepBody:        "以后打开本页即可查看报名状态，更改岗位或组织，或取消报名：",
	Cancel:          "取消报名",
	CancelConfirm:   "确定取消报名吗？",
	CancelShut:      "报名已截止，不能在线取消。",
	NewConfirmed:    "报名成功！",
	NewWaiting:      "名额已满，已列入候补。",
	Already:         "您已报过名，无需重复报名。",
	CancelledNow:    "已取消报名。",
	Campaign:        "倡议",
	Person:          "%s（%s）",
	FormErrors:      "请按提示修改后再提交。",
	Logout:          "退出登录",
	Change:          "更改岗位或组织",
	ChangeRole:      "岗位",
	ChangeOrg:       "报名组织",
	ChangeButton:    "确认更改",
	Changed:         "已更改。",
	Unchanged:       "没有更改。",
	ChangeOrgFull:   "该组织的%s名额（每个组织 %d 名）已满，未更改。",
	ChangeShut:      "报名已截止，不能在线更改。",
}

// Field errors, shown next to the field.
const (
	errName = "请填写真实姓名（2–6 个汉字，或英文名）"
	// txtNoAdminContact names the admins no friend of the bot has as 备注.
	txtNoAdminContact = "管理员无对应联系人：%s。没有好友的备注是这个名字，发给他们的汇总、名单和导出暂存待发，不会按昵称发送；请在微信里设好备注后重新登录机器人。"
	// txtBotOffline is the console banner when the bot has been logged out
	// too long (bot.offline_alert_minutes); %s is how long (4分17秒).
	txtBotOffline  = "告警：机器人已有 %s 未登录微信，群里的报名得不到回复，通知和汇总都发不出去。请在服务器上运行 mobilize status 查看原因，并按提示重新扫码登录。"
	errNamePhone   = "姓名一栏不能填手机号或证件号，手机号请填在下面一栏"
	errPhone       = "请填写 11 位手机号"
	errRole        = "请选择岗位"
	errRegistered  = "该手机号已报名：%s（%s）%s（%s）。如需改岗位、改组织或取消，请打开报名成功时的个人页面链接，或在原微信群发送“我的报名”“取消报名”。"
	stateConfirmed = "已确认"
	stateWaiting   = "候补中"
	errPhoneOwned  = "该手机号已用另一个姓名报名，请核对手机号或姓名"
)

// consoleText is the staff console's wording.
type consoleText struct {
	Console, LoginHow, LoginIntro, LoginButton, LoginGone, LoginGoneBody string
	LoggedOut, LoggedOutBody, Campaigns, NoCampaigns, Open, Closed       string
	Progress, Roster, Charts, Manual, Export, Org, Groups, FirstAt       string
	NoAccount                                                            string
	NotYet, Answered, Confirmed, Waiting, Cancelled, Places, Name, Phone string
	AnsweredUnsent, AnsweredNoneSent                                     string
	LogoutAll, LoggedOutAll, LoggedOutAllBody                            string
	Role, Status, Time, ShowFull, FullNote, Masked, Position             string
	ChartTrend, ChartOrgs, ChartHours, ChartPledges, NoData, Hours       string
	Pledged, DeliveredPart, Cash, ManualIntro, PasteText, QRAlt, Link    string
	Quota, Back, Unbound, Total, Deadline, Remark                        string
	Delivered, NotDelivered, GroupAccount, NoSender                      string
	Broadcast, BcTitle, BcBody, BcTargets, BcTargetsHint, BcRoles        string
	BcDeadline, BcPreview, BcConfirm, BcGroups, BcMessages, BadDeadline  string
	BcFirst, BcChanged, BcStale, BcTooBig, BcCheck                       string
	Audit, AuditIntro, AuditAt, AuditActor, AuditAction, AuditDetail     string
	AuditNone, NoPublicURL, PageGone, PageGoneBody, CampaignGone         string
	Send, SendIntro, SendBodyHint, SendNone, SendNeedBody                string
	RosterSearch, RosterSearchPH, RosterFind, RosterNone, RosterEmpty    string
	PrevPage, NextPage, PageNo                                           string
}

var ctxt = consoleText{
	Console:       "管理后台",
	LoginHow:      "请在与机器人的私聊中发送“登录”获取登录链接（10 分钟内有效）；微信不可用时，在服务器上运行 mobilize admin-link --admin 备注。",
	LoginIntro:    "这是一次性登录链接，点击下方按钮进入管理后台。",
	LoginButton:   "进入管理后台",
	LoginGone:     "链接已失效",
	LoginGoneBody: "登录链接只能使用一次，且 10 分钟内有效。请重新发送“登录”获取新链接。",
	LoggedOut:     "已退出登录",
	LoggedOutBody: "您已退出管理后台。",
	LogoutAll:     "退出所有设备",
	LoggedOutAll:  "已退出所有设备",
	LoggedOutAllBody: "您在所有设备上的 %d 个管理后台登录都已结束，未使用的登录链接也已作废。" +
		"要再次进入，请在与机器人的私聊中发送“登录”获取新链接。",
	Campaigns:      "倡议",
	NoCampaigns:    "还没有倡议。",
	Open:           "报名中",
	Closed:         "已截止",
	Progress:       "进度",
	Roster:         "名单",
	Charts:         "图表",
	Manual:         "人工转发",
	Export:         "下载 Excel",
	Org:            "组织",
	Groups:         "群",
	FirstAt:        "首次响应",
	NotYet:         "未响应",
	Delivered:      "送达",
	NotDelivered:   "未送达",
	GroupAccount:   "%s（%s）",
	NoSender:       "无账号",
	Broadcast:      "发布倡议",
	BcTitle:        "标题",
	BcBody:         "正文",
	BcTargets:      "发送对象",
	BcTargetsHint:  "all（全部）、org:组织名称、kind:类型、tag:标签、group:群名，多个用空格分开",
	BcRoles:        "岗位（默认全部）",
	BcDeadline:     "截止时间（可不填）",
	BcPreview:      "预览",
	BcConfirm:      "确认发送",
	BcGroups:       "将收到的群",
	BcMessages:     "每个群收到的消息",
	BadDeadline:    "截止时间格式不对，请按 2026-12-01T18:00 填写。",
	BcCheck:        "请核对上面将收到的群和每个群收到的消息，无误后再确认发送。",
	BcFirst:        "请先核对下面的预览，再点“确认发送”。",
	BcChanged:      "预览之后内容有改动，尚未发送：请核对下面的新预览，再点“确认发送”。",
	Audit:          "审计日志",
	AuditIntro:     "最近 200 条：谁查看完整手机号、导出、发布或关闭倡议、登录后台。操作者后注明途径：（微信）私聊机器人，（后台）管理后台；命令行即服务器上的 mobilize 命令。",
	AuditAt:        "时间",
	AuditActor:     "操作者",
	AuditAction:    "操作",
	AuditDetail:    "详情",
	AuditNone:      "审计日志中没有记录。",
	BcTooBig:       "提交的内容太长，未发送：正文最多 %d 字。请返回上一页删减后再预览。",
	BcStale:        "预览已超过一小时，尚未发送：请核对下面的新预览，再点“确认发送”。",
	Answered:       "已响应 %d / %d 个收到倡议的组织，未响应 %d 个",
	AnsweredUnsent: "；另有 %d 个未发送的组织有人报名",
	// AnsweredNoneSent: nothing was sent through the bot (manual mode).
	AnsweredNoneSent: "倡议尚未由机器人发往任何组织；%d 个组织有人报名",
	Confirmed:        "确认",
	Waiting:          "候补",
	Cancelled:        "已取消",
	Places:           "%s：确认 %d / %d，候补 %d",
	NoAccount:        "没有在线账号服务的群（消息在等待，请先转发到这些群）",
	Name:             "姓名",
	Phone:            "手机号",
	Role:             "岗位",
	Status:           "状态",
	Time:             "报名时间",
	ShowFull:         "显示完整手机号",
	FullNote:         "完整手机号仅供联络志愿者，查看记录已写入审计日志。",
	Masked:           "手机号已打码；显示完整号码会写入审计日志。",
	Position:         "候补第 %d 位",
	ChartTrend:       "各岗位确认人数（按时间）",
	ChartOrgs:        "各组织报名人数",
	ChartHours:       "服务时长（小时，按活动）",
	ChartPledges:     "捐赠物资送达情况",
	NoData:           "暂无数据",
	Hours:            "%s 小时",
	Pledged:          "未送达",
	DeliveredPart:    "已送达",
	Cash:             "现金认捐 %s 元，物资折价 %s 元",
	ManualIntro:      "机器人不在线时，请把下面的文字和二维码分别复制、转发到各组织的群里。每个组织的链接不同，请勿混用。",
	PasteText:        "转发文字",
	QRAlt:            "%s 报名二维码",
	Link:             "报名链接",
	Quota:            "名额",
	Back:             "返回倡议列表",
	Unbound:          "（未绑定组织）",
	Total:            "合计",
	Deadline:         "截止 %s",
	Remark:           "备注",
	NoPublicURL:      "未设置 web.public_url：下面的链接和二维码都指向 %s，只能在服务器本机打开，群成员的手机打不开。请在配置文件中把 web.public_url 设为大家能访问的 https 地址，重启后再转发。",
	PageGone:         "页面不存在",
	PageGoneBody:     "后台没有这个页面，请从倡议列表重新进入。",
	CampaignGone:     "没有这个编号的倡议，请从倡议列表重新进入。",
	Send:             "发给更多群",
	SendIntro:        "把本倡议发给还没收到的群（新加入的组织、更大的发送范围）；已经发过的群不会重发。",
	SendBodyHint:     "本倡议还没有正文（用命令 campaign create 创建）：这里填写的正文发出后即固定，之后发给其他群也用同一段。",
	SendNeedBody:     "本倡议还没有正文，请先在“正文”一栏填写要发到群里的倡议内容，再预览。",
	RosterSearch:     "搜索姓名或组织",
	RosterSearchPH:   "如 张三、营养学会",
	RosterFind:       "搜索",
	RosterNone:       "没有姓名或组织包含“%s”的报名。",
	RosterEmpty:      "这一页没有报名。",
	PrevPage:         "上一页",
	NextPage:         "下一页",
	PageNo:           "第 %d 页",
	SendNone:         "所选范围内的群都已发过本倡议，没有新的群可发。",
}

// txtManual is the text staff paste into a group when the bot is down:
// title, body, and the organization's own link.
const txtManual = "【倡议】%s\n\n%s\n\n%s的成员请点击链接报名：\n%s"
