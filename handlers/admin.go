package handlers

import (
	"context"
	"slices"
	"strings"
	"unicode"

	"mobilize/chat"
	"mobilize/models"
	"mobilize/pii"
)

// Admin command words. An admin command is answered only in a private chat
// with a contact whose 备注 is listed under admins; in a group or from
// anyone else it gets no answer at all, and is logged.
const (
	adminPublish = "发布倡议"
	adminConfirm = "确认"
	adminDrop    = "取消"
	adminStatus  = "进度"
	adminRoster  = "名单"
	adminClose   = "关闭"
	adminPromote = "递补"
	adminRemind  = "提醒"
	adminExport  = "导出"
	adminHelp    = "帮助"
	adminMenu    = "菜单"
	// adminAttach is an image or file sent in the private chat.
	adminAttach = "attachment"
)

// adminWords are the words an admin command starts with, longest first.
var adminWords = []string{adminPublish, adminConfirm, adminDrop, adminStatus, adminRoster, adminClose,
	adminPromote, adminRemind, adminExport, adminHelp, adminMenu}

// memberWords are admin words that are also member commands in a group.
var memberWords = []string{adminHelp, adminMenu}

// adminCmd is one admin message: its word, the rest of its first line, and
// the lines after it.
type adminCmd struct {
	word, rest, body string
}

// parseAdmin reads an admin command: a command word at the start of the
// first line (after an optional #), followed by nothing, a space or a
// digit — so 取消报名 is not 取消.
func parseAdmin(m chat.Message) (adminCmd, bool) {
	if m.Media != "" {
		return adminCmd{word: adminAttach}, true
	}
	text := strings.TrimSpace(m.Text)
	text = strings.TrimLeft(text, "#＃ ")
	first, body, _ := strings.Cut(text, "\n")
	first = strings.TrimSpace(first)
	for _, w := range adminWords {
		rest, ok := strings.CutPrefix(first, w)
		if !ok {
			continue
		}
		if r := []rune(rest); len(r) > 0 && !unicode.IsSpace(r[0]) && !unicode.IsDigit(r[0]) && w != adminPublish {
			return adminCmd{}, false
		}
		return adminCmd{word: w, rest: strings.TrimSpace(rest), body: strings.TrimSpace(body)}, true
	}
	return adminCmd{}, false
}

// isAdmin reports whether the message comes from an admin: a contact whose
// 备注 (set by the operator, unlike a nickname) is listed in the config.
func (r *Router) isAdmin(m chat.Message) bool {
	return r.deps.Config.IsAdmin(m.Remark)
}

// admin handles an admin command, if the message is one. It reports
// whether the message was taken (answered, or deliberately ignored).
func (r *Router) admin(ctx context.Context, m chat.Message) (bool, error) {
	a, ok := parseAdmin(m)
	if !ok || m.Self {
		return false, nil
	}
	if m.IsGroup() {
		if slices.Contains(memberWords, a.word) || a.word == adminAttach {
			return false, nil
		}
		r.deps.Log.Info("admin command in a group: ignored", "msg_id", m.ID, "group", m.Group,
			"sender", pii.MaskPhones(m.Sender), "keyword", "admin:"+a.word)
		return true, nil
	}
	if !r.isAdmin(m) {
		r.deps.Log.Info("admin command from a non-admin: ignored", "msg_id", m.ID,
			"sender", pii.MaskPhones(m.Sender), "keyword", "admin:"+a.word)
		return true, nil
	}
	c := &Context{Ctx: ctx, Msg: m, now: r.deps.Now()}
	h := chain(func(c *Context) error { return r.adminDispatch(c, a) },
		Recover(r.deps.Log), adminLogging(r, a), limitWith(r.private, r.deps.Now), Dedupe(r.deps.Store))
	return true, r.flush(c, h(c))
}

// adminLogging logs each admin command with its word, never its text.
func adminLogging(r *Router, a adminCmd) Middleware {
	return func(next HandlerFunc) HandlerFunc {
		return func(c *Context) error {
			err := next(c)
			attrs := []any{"msg_id", c.Msg.ID, "admin", c.Msg.Remark, "keyword", "admin:" + a.word}
			if _, isUser := asUserError(err); err != nil && !isUser {
				r.deps.Log.Error("admin command failed", append(attrs, "err", err)...)
			} else {
				r.deps.Log.Info("admin command", attrs...)
			}
			return err
		}
	}
}

func (r *Router) adminDispatch(c *Context, a adminCmd) error {
	switch a.word {
	case adminPublish:
		return r.adminDraft(c, a)
	case adminAttach:
		return r.adminAttachment(c)
	case adminConfirm:
		return r.adminPublishDraft(c)
	case adminDrop:
		return r.adminDropDraft(c)
	case adminStatus:
		return r.adminProgress(c, a)
	case adminRoster:
		return r.adminRosterList(c, a)
	case adminClose:
		return r.adminCloseCampaign(c, a)
	case adminPromote:
		return r.adminPromoteByHand(c, a)
	case adminRemind:
		return r.adminRemindGroups(c, a)
	case adminExport:
		return r.adminExportWorkbook(c, a)
	}
	c.Reply(txtAdminHelp)
	return nil
}

// actor names the admin in the audit log.
func actor(c *Context) string { return models.ActorAdmin(c.Msg.Remark) }
