package handlers

import (
	"errors"
	"fmt"

	"mobilize/grammar"
	"mobilize/models"
)

// undoPledge handles 撤销认捐 N: the member who pledged takes a pledge back,
// in the group they pledged from, unless it was delivered.
func (r *Router) undoPledge(c *Context) error {
	if err := problemErr(grammar.UndoPledge, c.Cmd.Problem, roleHints{}); err != nil {
		return err
	}
	p, err := r.deps.Store.WithdrawPledge(c.Ctx, uint(c.Cmd.ID), models.PledgeOwner{GroupName: c.Msg.Group, Sender: c.Msg.Sender})
	switch {
	case errors.Is(err, models.ErrNotFound):
		return userErr(fmt.Sprintf(txtDeliveredNone, c.Cmd.ID))
	case errors.Is(err, models.ErrDelivered):
		return userErr(fmt.Sprintf(txtUndoPledgeDelivered, c.Cmd.ID))
	case err != nil:
		return err
	}
	c.Reply(fmt.Sprintf(txtUndoPledgeOK, p.ID, p.Item, num(p.Quantity), p.Unit))
	return nil
}
