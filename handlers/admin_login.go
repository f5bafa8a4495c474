package handlers

import (
	"context"
	"fmt"

	"mobilize/chat"
	"mobilize/grammar"
)

// loginWord is what an admin sends in a private chat for a staff console
// login link.
const loginWord = "登录"

// isLoginRequest reports whether m asks for a console login link: exactly
// 登录, in a private chat. Whether the sender may have one is the
// handler's business.
func isLoginRequest(m chat.Message) bool {
	return !m.IsGroup() && grammar.Normalize(m.Text) == loginWord
}

// adminLogin answers 登录 with a one-time console link, valid for ten
// minutes. Only an admin — by 备注 listed in config admins, never by
// nickname — gets an answer; anyone else, and every group, gets silence.
// The message goes through the usual middleware, so a duplicate delivery
// does not mint a second link.
func (r *Router) adminLogin(ctx context.Context, m chat.Message) error {
	if !r.deps.Config.IsAdmin(m.Remark) || r.deps.LoginLink == nil {
		return nil // silence, and no inbound row: anyone may send 登录
	}
	h := func(c *Context) error {
		link, err := r.deps.LoginLink(c.Ctx, c.Msg.Remark)
		if err != nil {
			return err
		}
		c.Reply(fmt.Sprintf(txtLoginLink, link))
		return nil
	}
	c := &Context{Ctx: ctx, Msg: m, now: r.deps.Now()}
	err := chain(h, Recover(r.deps.Log), Logging(r.deps.Log), IgnoreSelf(), limitWith(r.private, r.deps.Now), Dedupe(r.deps.Store))(c)
	return r.flush(c, err)
}
