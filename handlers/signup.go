package handlers

import (
	"context"
	"errors"
	"fmt"

	"mobilize/chat"
	"mobilize/grammar"
	"mobilize/models"
	"mobilize/pii"
)

// signUp handles 报名: one person, one role.
func (r *Router) signUp(c *Context) error {
	if c.Cmd.Problem == grammar.BadName && c.Cmd.Phone == "" {
		return nil // "报名先锋的请私聊我": talk about signing up, not a sign-up
	}
	if models.Nobody(c.Msg.Sender) {
		// Nobody could ever cancel or move it: say so before anything.
		return userErr(txtNobodySignUp)
	}
	camp, err := c.campaign()
	if err != nil {
		return err
	}
	if err := problemErr(grammar.SignUp, c.Cmd.Problem, c.hintsFor(camp)); err != nil {
		return err
	}
	role, err := c.role(camp, c.Cmd.Role)
	if err != nil {
		return err
	}
	if role.PhoneRequired && c.Cmd.Phone == "" {
		return userErr(fmt.Sprintf(txtNeedPhone, c.hintsFor(camp).example))
	}
	// With no name typed, the nickname names the volunteer: it is checked
	// like a typed name, since it goes into replies and the roster.
	nick, nickOK := grammar.NicknameAsName(c.Msg.Sender, c.vocab)
	if c.Cmd.Name == "" && !nickOK {
		return userErr(fmt.Sprintf(txtNickNotName, c.hintsFor(camp).example))
	}
	res, err := r.deps.Store.SignUp(c.Ctx, models.SignUpRequest{CampaignID: camp.ID, RoleCode: role.Code,
		Name: c.Cmd.Name, DefaultName: nick, Phone: c.Cmd.Phone, Remark: c.Cmd.Remark, GroupName: c.Msg.Group, Sender: c.Msg.Sender, MsgID: c.Msg.ID})
	if err != nil {
		return c.storeErr(err)
	}
	text := signUpText(res, res.Left)
	if res.Renamed != "" {
		text = fmt.Sprintf(txtRenamed, res.Renamed, res.Reg.Volunteer.Name) + text
	}
	c.Reply(text)
	announcePromotions(c, res.Promoted)
	return nil
}

// signUpText is the one-paragraph answer to a sign-up.
func signUpText(res models.SignUpResult, left int) string {
	reg := res.Reg
	who, phone, roleName := reg.Volunteer.Name, pii.MaskPhone(reg.Volunteer.Phone), reg.Role.Name
	if res.Already {
		return fmt.Sprintf(txtAlready, who, phone, roleName, statusText(reg.Status, res.Position))
	}
	var text string
	switch {
	case reg.Status == models.StatusConfirmed:
		text = fmt.Sprintf(txtConfirmed, who, phone, roleName, left)
	case res.OrgFull:
		text = fmt.Sprintf(txtOrgFull, who, phone, roleName, res.Position)
	default:
		text = fmt.Sprintf(txtWaitlisted, who, phone, roleName, res.Position)
	}
	for _, m := range res.Moved {
		if m.Status == models.StatusConfirmed && reg.Status == models.StatusConfirmed {
			text += "\n" + fmt.Sprintf(txtMoved, who, roleNameOf(m), roleName)
		}
	}
	if res.Kept != nil {
		text += fmt.Sprintf(txtKept, roleNameOf(*res.Kept))
	}
	return text
}

// roleNameOf names a registration's role; Moved and Kept rows carry only
// the role id, so the name is looked up from the loaded Role when present.
func roleNameOf(reg models.Registration) string {
	if reg.Role.Name != "" {
		return reg.Role.Name
	}
	return txtOldRole
}

func statusText(status string, pos int) string {
	if status == models.StatusWaitlisted {
		return fmt.Sprintf(txtStatusWaiting, pos)
	}
	return txtStatusOK
}

// announcePromotions tells each promoted person's group, where they signed
// up, that they now hold a place.
func announcePromotions(c *Context, promoted []models.Registration) {
	for _, p := range promoted {
		c.SendTo(promotionNotice(p))
	}
}

func promotionNotice(p models.Registration) (chat.Target, string) {
	return chat.Target{Name: p.Group.Name, Group: true},
		fmt.Sprintf(txtPromoted, p.Volunteer.Name, pii.MaskPhone(p.Volunteer.Phone), p.Role.Name)
}

// AnnouncePromotions queues through rep (the outbox) the notice each
// promoted person's group gets, in the chat's own words, for promotions
// caused outside a chat (the web page's sign-ups and cancellations).
func AnnouncePromotions(ctx context.Context, rep Replier, promoted []models.Registration) error {
	var errs []error
	for _, p := range promoted {
		to, text := promotionNotice(p)
		errs = append(errs, rep.Send(ctx, to, text))
	}
	return errors.Join(errs...)
}

// storeErr words the Store's known refusals for members.
func (c *Context) storeErr(err error) error {
	if e := ownershipErr(err); e != nil {
		return e
	}
	switch {
	case errors.Is(err, models.ErrCampaignShut):
		return userErr(fmt.Sprintf(txtCampaignShut, txtThisCampaign))
	case errors.Is(err, models.ErrPhoneRequired):
		return userErr(fmt.Sprintf(txtNeedPhone, c.hints().example))
	case errors.Is(err, models.ErrPhoneOwned):
		return userErr(txtPhoneOwned)
	}
	return err
}
