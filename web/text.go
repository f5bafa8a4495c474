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
	Privacy:         "个人信息说明：姓名和手机号仅用于本次志愿服务的联络和统计，由民政局和您所在组织保管，页面上只显示打码后的手机号。",
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
	KeepBody:        "以后打开本页即可查看报名状态或取消报名：",
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
}

// Field errors, shown next to the field.
const (
	errName       = "请填写真实姓名（2–6 个汉字，或英文名）"
	errPhone      = "请填写 11 位手机号"
	errRole       = "请选择岗位"
	errRemark     = "备注最多 100 字"
	errPhoneOwned = "该手机号已用另一个姓名报名，请核对手机号或姓名"
)
