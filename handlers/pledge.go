package handlers

import (
	"errors"
	"fmt"

	"mobilize/grammar"
	"mobilize/models"
)

// pledge handles 捐赠 / 认捐 / 捐款 on behalf of the group's organization,
// in the campaign the group is answering (the newest open one when several
// are open: donations are not split by role).
func (r *Router) pledge(c *Context) error {
	if err := problemErr(grammar.Pledge, c.Cmd.Problem, roleHints{}); err != nil {
		return err
	}
	camp, err := c.campaign()
	var ue *UserError
	if errors.As(err, &ue) && len(c.open) > 1 {
		camp, err = c.open[0], nil // Campaigns lists newest first
	}
	if err != nil && c.Cmd.Spoken {
		return nil // a sentence, not addressed to the bot: no campaign, no answer
	}
	if err != nil {
		return err
	}
	it := c.Cmd.Pledge
	p, err := r.deps.Store.AddPledge(c.Ctx, models.PledgeRequest{CampaignID: camp.ID, GroupName: c.Msg.Group,
		Sender: c.Msg.Sender, MsgID: c.Msg.ID, Item: it.Item, Unit: it.Unit, Quantity: it.Quantity, Value: it.Value})
	if err != nil {
		return err
	}
	text := fmt.Sprintf(txtPledgeOK, p.Organization.Name, p.ID, p.Item, num(p.Quantity), p.Unit, valueText(p), p.ID)
	if c.Cmd.Spoken {
		text += "\n" + fmt.Sprintf(txtUndoPledgeHint, p.ID)
	}
	c.Reply(text)
	return nil
}

func valueText(p models.Pledge) string {
	if p.Value == 0 || p.Unit == "元" {
		return ""
	}
	return fmt.Sprintf(txtPledgeValue, num(p.Value))
}

// delivered handles 已送达 N: by the member who pledged, in their group, or
// by an admin in a private chat.
func (r *Router) delivered(c *Context) error {
	by := models.PledgeOwner{GroupName: c.Msg.Group, Sender: c.Msg.Sender}
	if !c.Msg.IsGroup() {
		if !r.deps.Config.IsAdmin(c.Msg.Remark) {
			return nil // not an admin: a private chat gets no answer
		}
		by = models.PledgeOwner{Admin: c.Msg.Remark}
	}
	if err := problemErr(grammar.Delivered, c.Cmd.Problem, roleHints{}); err != nil {
		return err
	}
	p, err := r.deps.Store.MarkDelivered(c.Ctx, uint(c.Cmd.ID), by)
	if errors.Is(err, models.ErrNotFound) {
		return userErr(fmt.Sprintf(txtDeliveredNone, c.Cmd.ID))
	}
	if err != nil {
		return err
	}
	c.Reply(fmt.Sprintf(txtDeliveredOK, p.ID, p.Organization.Name, p.Item, num(p.Quantity), p.Unit))
	return nil
}
