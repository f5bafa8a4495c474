package handlers

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"mobilize/broadcast"
	"mobilize/chat"
	"mobilize/models"
	"mobilize/pii"
)

// rosterLines bounds a roster sent into a chat: no reply may be longer
// than a WeChat message; the workbook (导出) has everyone.
const rosterLines = 50

// campaignArg reads the campaign number an admin command starts with; with
// none and optional, the newest campaign.
func (r *Router) campaignArg(c *Context, word, arg string, optional bool) (models.Campaign, []string, error) {
	fields := strings.Fields(arg)
	if len(fields) == 0 {
		if !optional {
			return models.Campaign{}, nil, userErr(fmt.Sprintf(txtAdminBadNumber, word))
		}
		cs, err := r.deps.Store.Campaigns(c.Ctx, false)
		if err != nil {
			return models.Campaign{}, nil, err
		}
		if len(cs) == 0 {
			return models.Campaign{}, nil, userErr(txtAdminNoCampaign)
		}
		return cs[0], nil, nil
	}
	n, err := strconv.Atoi(fields[0])
	if err != nil || n < 1 {
		return models.Campaign{}, nil, userErr(fmt.Sprintf(txtAdminBadNumber, word))
	}
	camp, err := r.deps.Store.Campaign(c.Ctx, uint(n))
	if errors.Is(err, models.ErrNotFound) {
		return camp, nil, userErr(fmt.Sprintf(txtAdminUnknown, n))
	}
	return camp, fields[1:], err
}

// adminProgress handles 进度 [N]: delivery and answers, silent
// organizations named.
func (r *Router) adminProgress(c *Context, a adminCmd) error {
	camp, _, err := r.campaignArg(c, adminStatus, a.rest, true)
	if err != nil {
		return err
	}
	st, err := r.broadcaster().Status(c.Ctx, camp.ID)
	if err != nil {
		return bcErr(c, err)
	}
	c.Reply(broadcast.Summary(st, 30))
	return nil
}

// adminRosterList handles 名单 [N] (phones masked) and 名单 N 完整 (full
// phones, audited).
func (r *Router) adminRosterList(c *Context, a adminCmd) error {
	camp, rest, err := r.campaignArg(c, adminRoster, a.rest, true)
	if err != nil {
		return err
	}
	full := len(rest) == 1 && rest[0] == txtAdminFullWord
	if len(rest) > 0 && !full {
		return userErr(txtAdminRosterUsage)
	}
	regs, err := r.deps.Store.Roster(c.Ctx, camp.ID)
	if err != nil {
		return err
	}
	regs = slices.DeleteFunc(regs, func(v models.RegView) bool { return v.Status == models.StatusCancelled })
	if len(regs) == 0 {
		c.Reply(fmt.Sprintf(txtAdminRosterEmpty, camp.ID, camp.Title))
		return nil
	}
	if full {
		return r.adminFullRoster(c, camp, regs)
	}
	c.Reply(rosterText(camp, regs, maskedPhone))
	return nil
}

// adminCloseCampaign handles 关闭 N.
func (r *Router) adminCloseCampaign(c *Context, a adminCmd) error {
	camp, _, err := r.campaignArg(c, adminClose, a.rest, false)
	if err != nil {
		return err
	}
	if camp.Status != models.CampaignOpen {
		return userErr(fmt.Sprintf(txtAdminShut, camp.ID))
	}
	w, err := r.deps.Store.CloseCampaignWithdrawing(c.Ctx, camp.ID, actor(c))
	if err != nil {
		return err
	}
	reply := fmt.Sprintf(txtAdminClosed, camp.ID, camp.Title)
	if w.Messages > 0 {
		reply += fmt.Sprintf(txtAdminWithdrew, w.Messages, w.Groups)
	}
	c.Reply(reply)
	return nil
}

// adminPromoteByHand handles 递补 N 先锋 3: the first three on that role's
// waitlist are confirmed, and each is announced in their group.
func (r *Router) adminPromoteByHand(c *Context, a adminCmd) error {
	camp, rest, err := r.campaignArg(c, adminPromote, a.rest, false)
	if err != nil {
		return err
	}
	if camp.Status != models.CampaignOpen {
		return userErr(fmt.Sprintf(txtAdminShut, camp.ID))
	}
	example := broadcast.RoleWord(camp.Roles[0])
	if len(rest) < 1 || len(rest) > 2 {
		return userErr(fmt.Sprintf(txtAdminPromoteUsage, camp.ID, example))
	}
	n := 1
	if len(rest) == 2 {
		if n, err = strconv.Atoi(rest[1]); err != nil || n < 1 || n > 1000 {
			return userErr(fmt.Sprintf(txtAdminPromoteUsage, camp.ID, example))
		}
	}
	role, ok := adminRoleByWord(camp.Roles, rest[0])
	if !ok {
		var names []string
		for _, r := range camp.Roles {
			names = append(names, broadcast.RoleWord(r))
		}
		return userErr(fmt.Sprintf(txtAdminNoRole, camp.ID, rest[0], strings.Join(names, "、")))
	}
	promoted, err := r.deps.Store.PromoteByHand(c.Ctx, camp.ID, role.ID, n, actor(c))
	if err != nil {
		return c.storeErr(err)
	}
	if len(promoted) == 0 {
		return userErr(fmt.Sprintf(txtAdminNoneWaiting, camp.ID, role.Name))
	}
	var who []string
	for _, p := range promoted {
		who = append(who, fmt.Sprintf("%s（%s）", p.Volunteer.Name, pii.MaskPhone(p.Volunteer.Phone)))
	}
	c.Reply(fmt.Sprintf(txtAdminPromoted, camp.ID, role.Name, len(promoted), strings.Join(who, "、")))
	announcePromotions(c, promoted)
	return nil
}

func adminRoleByWord(roles []models.Role, word string) (models.Role, bool) {
	for _, r := range roles {
		if slices.Contains(r.AliasList(), word) {
			return r, true
		}
	}
	return models.Role{}, false
}

// adminRemindGroups handles 提醒 N: a reminder with the places left and the
// deadline, queued to each group the initiative reached whose organization
// can still fill a place (not at its cap in every role with room).
func (r *Router) adminRemindGroups(c *Context, a adminCmd) error {
	camp, _, err := r.campaignArg(c, adminRemind, a.rest, false)
	if err != nil {
		return err
	}
	if camp.Status != models.CampaignOpen {
		return userErr(fmt.Sprintf(txtAdminShut, camp.ID))
	}
	counts, err := r.deps.Store.RoleCounts(c.Ctx, camp.ID)
	if err != nil {
		return err
	}
	open := slices.DeleteFunc(slices.Clone(counts), func(rc models.RoleCount) bool { return rc.Left() == 0 })
	if len(open) == 0 {
		return userErr(fmt.Sprintf(txtAdminFull, camp.ID))
	}
	groups, err := r.groupsWithRoom(c, camp, open)
	if err != nil {
		return err
	}
	if len(groups) == 0 {
		return userErr(fmt.Sprintf(txtAdminNoGroups, camp.ID))
	}
	text := r.reminderText(c, camp, open)
	for _, g := range groups {
		c.SendTo(chat.Target{Name: g, Group: true}, text)
	}
	c.Reply(fmt.Sprintf(txtAdminReminded, len(groups)))
	return nil
}

// groupsWithRoom lists the reached groups whose organization is under its
// cap in at least one role that has places left.
func (r *Router) groupsWithRoom(c *Context, camp models.Campaign, open []models.RoleCount) ([]string, error) {
	parts, err := r.deps.Store.DeliveryParts(c.Ctx, camp.ID)
	if err != nil {
		return nil, err
	}
	answers, err := r.deps.Store.ResponseCounts(c.Ctx, camp.ID)
	if err != nil {
		return nil, err
	}
	confirmed := map[[2]uint]int{}
	for _, rc := range answers {
		if rc.Status == models.StatusConfirmed {
			confirmed[[2]uint{rc.OrganizationID, rc.RoleID}] += rc.N
		}
	}
	var out []string
	for _, p := range parts {
		if slices.Contains(out, p.GroupName) {
			continue
		}
		for _, rc := range open {
			if rc.OrgCap == 0 || confirmed[[2]uint{p.OrganizationID, rc.ID}] < rc.OrgCap {
				out = append(out, p.GroupName)
				break
			}
		}
	}
	return out, nil
}

func (r *Router) reminderText(c *Context, camp models.Campaign, open []models.RoleCount) string {
	var left, examples []string
	for _, rc := range open {
		left = append(left, fmt.Sprintf(txtAdminRemindLeft, rc.Name, rc.Left()))
		ex := "报名 " + broadcast.RoleWord(rc.Role) + " 姓名"
		if rc.PhoneRequired {
			ex += " 手机号"
		}
		examples = append(examples, "「"+ex+"」")
	}
	deadline := ""
	if camp.Deadline != nil {
		deadline = fmt.Sprintf(txtAdminRemindEnd, camp.Deadline.In(r.deps.Config.Location).Format("01-02 15:04"))
	}
	return fmt.Sprintf(txtAdminRemind, camp.Title, strings.Join(left, "、"), deadline, strings.Join(examples, " 或 "))
}
