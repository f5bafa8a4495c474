package handlers

import (
	"fmt"
	"strings"

	"mobilize/grammar"
	"mobilize/models"
	"mobilize/pii"
)

// myStatus handles 我的报名 / 查询: each active registration with its status
// and waitlist position.
func (r *Router) myStatus(c *Context) error {
	if err := problemErr(grammar.MyStatus, c.Cmd.Problem, roleHints{}); err != nil {
		return err
	}
	if err := c.nobody("我的报名"); err != nil {
		return err
	}
	who := models.Who{Phone: c.Cmd.Phone, GroupName: c.Msg.Group, Sender: c.Msg.Sender}
	regs, err := r.deps.Store.MyRegistrations(c.Ctx, who)
	if err != nil {
		return err
	}
	if len(regs) == 0 {
		return userErr(fmt.Sprintf(txtMineNone, c.hints().example))
	}
	lines := make([]string, 0, len(regs))
	for _, reg := range regs {
		line := fmt.Sprintf(txtMineLine, reg.Volunteer.Name, pii.MaskPhone(reg.Volunteer.Phone), reg.Role.Name,
			statusText(reg.Status, reg.Position))
		if len(c.open) > 1 {
			line = fmt.Sprintf("[%d] %s", reg.CampaignID, line)
		}
		lines = append(lines, line)
	}
	c.Reply(strings.Join(lines, "\n"))
	return nil
}

// quota handles 名额: places left per role of the campaign; with several
// campaigns taking sign-ups and none picked, of each of them (a member
// asking 名额 wants the places, not a lesson in campaign numbers).
func (r *Router) quota(c *Context) error {
	camps := c.live()
	if c.Cmd.Campaign != 0 || len(camps) < 2 {
		camp, err := c.campaign()
		if err != nil {
			return err
		}
		camps = []models.Campaign{camp}
	}
	var parts []string
	for _, camp := range camps {
		part, err := r.quotaOf(c, camp, len(camps) > 1)
		if err != nil {
			return err
		}
		parts = append(parts, part)
	}
	c.Reply(strings.Join(parts, "\n"))
	return nil
}

// quotaOf is the places left per role of one campaign, headed by its
// number when several are listed.
func (r *Router) quotaOf(c *Context, camp models.Campaign, numbered bool) (string, error) {
	counts, err := r.deps.Store.RoleCounts(c.Ctx, camp.ID)
	if err != nil {
		return "", err
	}
	head := fmt.Sprintf(txtQuotaHead, camp.Title)
	if numbered {
		head = fmt.Sprintf("%d. %s", camp.ID, head)
	}
	lines := []string{head}
	for _, rc := range counts {
		line := fmt.Sprintf(txtQuotaLine, rc.Name, rc.Left(), rc.Quota)
		if rc.Waitlisted > 0 {
			line += fmt.Sprintf(txtQuotaWait, rc.Waitlisted)
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n"), nil
}

// help handles 帮助 / 菜单.
func (r *Router) help(c *Context) error {
	c.Reply(c.helpText())
	return nil
}
