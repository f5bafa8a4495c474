package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"mobilize/scheduler"
)

// descriptions say, under a command's usage line, what it does and what
// happens: staff read --help to decide whether to run it.
var descriptions = map[string]string{
	"migrate": "把一个数据库的全部内容（倡议、报名及其历史、台账、发件箱、审计、密钥）复制到一个新的空数据库，\n" +
		"如从 SQLite 文件到 PostgreSQL；复制后逐表核对行数、核对统计，不一致则新库保持为空。原库不变。",
	"run": "登录微信并开始服务：终端显示二维码，用机器人账号的手机扫码；已保存的会话可免扫码登录。\n" +
		"配置了多个账号（accounts:）时逐个登录，每个二维码上方写明账号名；--account 只运行其中一个。\n" +
		"同时运行网页报名、管理后台（web.listen）和定时任务；Ctrl-C 停止。",
	"demo": "在内置的微信模拟器上演示完整流程，不联网、不需要微信账号：三个组织群、一次倡议、\n" +
		"一上午的报名（含格式错误、重复消息、接龙、候补、取消递补、打卡、捐赠），最后打印名单。\n" +
		"--db 只接受空数据库，不会在正在使用的数据上运行。\n" +
		"--accounts 3：三个账号（各有自己的发送间隔）分担 300 个群，一次群发，其中一个账号中途被踢下线（1102），\n" +
		"打印每个账号发了多少、转交了多少、每个群是否恰好收到一次，以及 mobilize status。",
	"plan": "按配置中 send: 的间隔和每日预算，算出一次群发到 N 个群要多久、需要几个账号，并列出算式；\n" +
		"配置了多个账号（accounts:）时，再按每个账号自己的间隔和预算算出它们一起发完要多久、够不够；\n" +
		"只读配置，不打开数据库、不登录微信。例：mobilize plan --groups 1584 --messages 4 --within 2h",
	"status":          "机器人是否在线（登录方式、账号、心跳）、群数，以及今日发件箱：待发、已发、失败、结果不明。",
	"console":         "从标准输入逐行读入聊天消息（群名|发送者|消息；群名留空为私聊），打印机器人的回复；不联网。",
	"campaign create": "新建一个倡议（报名活动），打印它的编号。不写 --role 时用配置中的默认岗位。",
	"campaign list":   "列出所有倡议：编号、状态、标题、截止时间，以及各岗位已确认/名额和候补人数。",
	"campaign close":  "关闭倡议 N：不再接受报名和取消，尚未发出的倡议消息撤回。",
	"orgs import":     "从 CSV 导入社会组织及其微信群（群名须与微信中完全一致）；重复导入同一文件不会改变任何内容。",
	"orgs list": "列出社会组织：名称、类型、群、标签；未绑定的群（发过言但未导入）会标出。\n" +
		"有多个机器人账号时，每个群后注明由哪个账号发送（「指定」为 orgs assign 所定）。",
	"orgs assign":         "指定群由哪个机器人账号发送（该账号须在群中）；此后不再按规则改变，「自动」交回按规则选择。记入审计日志。",
	"broadcast":           "把倡议发往目标群：先显示将发往的群，确认（y）后排入发件箱，运行中的机器人逐群发出；每个群只收一次。",
	"broadcast preview":   "只预览：列出将发往的群和一个群收到的每条消息，不排队、不写入任何内容。",
	"broadcast status":    "倡议 N（默认最新）的送达与响应：每个群的状态，每个组织的送达时间、首次报名、各岗位确认/候补。",
	"roster":              "打印倡议的报名名单（默认最新的倡议），手机号打码；--full 显示完整手机号并记入审计日志。",
	"report":              "打印某日统计（默认今天）：各岗位报名、服务时长、捐赠、组织响应，与每日 20:00 发给管理员的相同。",
	"export":              "导出 Excel 工作簿（汇总、名单、机构响应、候补、服务记录、捐赠），含完整手机号，文件权限 0600，记入审计日志。",
	"web":                 "只运行网页报名和管理后台，不登录微信。",
	"links":               "打印每个组织的报名链接；--out 目录 为每个组织生成一张二维码图片。",
	"admin-link":          "打印管理后台的一次性登录链接（10 分钟内有效），用于微信不可用时；管理员须列在配置 admins 中。",
	"admin-sessions list": "列出管理后台登录中的会话：编号、管理员、登录时间、最近使用、设备、IP（打码）、到期时间。",
	"admin-sessions end":  "结束后台会话：给编号结束一个；--admin 备注 结束此人的所有会话并作废其未使用的登录链接；--all 对所有人这样做。记入审计日志。",
	"audit":               "查看审计日志（旧的在前）：谁查看完整手机号、导出、发布或关闭倡议、登录后台，通过哪个途径。",
	"jobs":                "列出定时任务：定时表达式、下次运行、上次结果。\n" + jobList(),
	"jobs run":            "立即运行一个定时任务（排入发件箱，由运行中的机器人发出）；--dry-run 只打印，不排队。\n" + jobList(),
}

// jobDescriptions say what each scheduled job queues.
var jobDescriptions = map[string]string{
	"daily_tally":       "每日统计，发给各管理员和 tally.to_groups 中的群",
	"deadline_reminder": "截止前提醒仍可报名的组织的群",
	"chase_silent":      "提醒已收到倡议但还没有人报名的组织的群",
	"summary_to_groups": "向各群发送报名进度（默认关闭）",
}

// jobList is the job names with what each does, for jobs --help.
func jobList() string {
	var b strings.Builder
	b.WriteString("任务：")
	for _, n := range scheduler.JobNames() {
		fmt.Fprintf(&b, "\n  %s  %s", padRight(n, 18), jobDescriptions[n])
	}
	return b.String()
}

// printFlags lists a command's flags in our own words: `--name 值  what it
// does（默认 …）`, rather than the flag package's `-name string` and
// `(default 50)`.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	var rows [][2]string
	fs.VisitAll(func(f *flag.Flag) {
		left := "--" + f.Name
		if !isBoolFlag(f) {
			left += " " + flagPlaceholder(f)
		}
		text := f.Usage
		if f.DefValue != "" && f.DefValue != "0" && f.DefValue != "false" && !strings.Contains(text, "默认") {
			text += fmt.Sprintf("（默认 %s）", f.DefValue)
		}
		rows = append(rows, [2]string{left, text})
	})
	if len(rows) == 0 {
		return
	}
	width := 0
	for _, r := range rows {
		width = max(width, displayWidth(r[0]))
	}
	fmt.Fprintln(w, "参数：")
	for _, r := range rows {
		fmt.Fprintf(w, "  %s  %s\n", padRight(r[0], width), r[1])
	}
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// flagPlaceholders name a flag's value by what it is, not its Go type.
var flagPlaceholders = map[string]string{
	"config": "文件", "db": "文件", "title": "标题", "body-file": "文件", "image": "图片", "file": "文件",
	"to": "目标", "role": "code:名称:名额", "deadline": "时间", "campaign": "N", "date": "YYYY-MM-DD",
	"out": "文件", "format": "格式", "listen": "地址", "admin": "备注", "action": "操作", "last": "N",
}

func flagPlaceholder(f *flag.Flag) string {
	if p, ok := flagPlaceholders[f.Name]; ok {
		return p
	}
	return "值"
}
