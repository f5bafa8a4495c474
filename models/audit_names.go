package models

import (
	"sort"
	"strings"
)

// auditActions names the audit log's actions for the staff who read it,
// on the console and the command line alike (one list, so the two never
// name an action differently). An action missing here shows as recorded.
var auditActions = map[string]string{
	"export":               "导出 Excel",
	"roster.full":          "查看完整手机号",
	"campaign.create":      "创建倡议",
	"campaign.close":       "关闭倡议",
	AuditCampaignBody:      "补充倡议正文",
	"broadcast.queue":      "发布倡议",
	"registration.promote": "手动递补",
	"pledge.delivered":     "捐赠已送达",
	AuditPledgeWithdrawn:   "撤销认捐",
	AuditRename:            "更正姓名",
	AuditRegroup:           "改到本群",
	AuditOwnChange:         "本人页面更改报名",
	"web.login_link":       "生成登录链接",
	"web.login":            "登录后台",
	AuditRevoke:            "撤销后台登录",
	AuditOwnerAssign:       "指定群的发送账号",
	AuditFailover:          "掉线账号的消息转由其他账号发送",
	AuditOutboxAdopt:       "转交无主消息",
}

// AuditActionName is an audit action in staff's words.
func AuditActionName(action string) string {
	if n, ok := auditActions[action]; ok {
		return n
	}
	return action
}

// AuditActions lists the known actions, sorted: what `audit --action`
// takes.
func AuditActions() []string {
	out := make([]string, 0, len(auditActions))
	for a := range auditActions {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}

// AuditAction reads what staff typed for an action — its code or its
// Chinese name — into its code; ok is false for neither.
func AuditAction(typed string) (string, bool) {
	typed = strings.TrimSpace(typed)
	if _, ok := auditActions[typed]; ok {
		return typed, true
	}
	for code, name := range auditActions {
		if strings.ReplaceAll(name, " ", "") == strings.ReplaceAll(typed, " ", "") {
			return code, true
		}
	}
	return "", false
}

// Audit actors are "door:who": ActorCLI for the command line (whoever is
// on the server), ActorAdmin for an admin's private chat with the bot,
// ActorWeb for the staff console. Every writer builds them here, so one
// person is named one way whatever door they used.
const ActorCLI = "cli"

// ActorBot is the actor of what the bot does by itself (rows of a removed
// account handed to another).
const ActorBot = "bot"

// ActorAdmin is the actor of an admin, by 备注, in a private chat.
func ActorAdmin(remark string) string { return "admin:" + remark }

// ActorWeb is the actor of an admin, by 备注, on the staff console.
func ActorWeb(remark string) string { return "web:" + remark }

// AuditActorName is an actor in staff's words: 命令行, 王局（微信）,
// 王局（后台）; an actor of no known door shows as recorded.
func AuditActorName(actor string) string {
	switch {
	case actor == ActorCLI:
		return "命令行"
	case actor == ActorConfig:
		return "配置文件（admins）"
	case actor == ActorBot:
		return "机器人"
	case strings.HasPrefix(actor, "admin:"):
		return strings.TrimPrefix(actor, "admin:") + "（微信）"
	case actor == ActorPersonalPage:
		return "本人（个人页面）"
	case strings.HasPrefix(actor, "web:"):
		return strings.TrimPrefix(actor, "web:") + "（后台）"
	}
	return actor
}
