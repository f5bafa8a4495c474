package handlers

import (
	"errors"
	"fmt"

	"mobilize/grammar"
	"mobilize/models"
	"mobilize/pii"
)

// cancel handles 取消报名: by the phone typed, else the sender's own
// sign-ups in this group. Freed places are filled from the waitlist in the
// same transaction and the promoted people's groups are told.
func (r *Router) cancel(c *Context) error {
	if err := problemErr(grammar.Cancel, c.Cmd.Problem, roleHints{}); err != nil {
		return err
	}
	if err := c.nobody("取消报名"); err != nil {
		return err
	}
	who := models.Who{Phone: c.Cmd.Phone, GroupName: c.Msg.Group, Sender: c.Msg.Sender}
	res, err := r.deps.Store.CancelAsMember(c.Ctx, uint(c.Cmd.Campaign), who)
	switch {
	case errors.Is(err, models.ErrNotOwner):
		return ownershipErr(err)
	case errors.Is(err, models.ErrNotFound):
		return userErr(txtCancelNotFound)
	case errors.Is(err, models.ErrAmbiguous):
		return userErr(txtCancelAmbiguous)
	case err != nil:
		return c.storeErr(err)
	}
	for _, reg := range res.Cancelled {
		c.Reply(fmt.Sprintf(txtCancelled, reg.Volunteer.Name, pii.MaskPhone(reg.Volunteer.Phone), reg.Role.Name))
	}
	announcePromotions(c, res.Promoted)
	return nil
}
