package handlers

import "mobilize/models"

// cancelHint answers a question about cancelling (要退出怎么弄) with the
// command to send.
func (r *Router) cancelHint(c *Context) error {
	c.Reply(txtCancelHowTo)
	return nil
}

// softCancel answers a member who says they cannot come (周六家里有事，来不了了)
// with the exact command to send, and only when they are registered in this
// group: to anyone else the sentence is chat, and the bot stays quiet.
func (r *Router) softCancel(c *Context) error {
	who := models.Who{GroupName: c.Msg.Group, Sender: c.Msg.Sender}
	regs, err := r.deps.Store.MyRegistrations(c.Ctx, who)
	if err != nil || len(regs) == 0 {
		return err
	}
	c.Reply(txtCancelHowTo)
	return nil
}
