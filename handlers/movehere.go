package handlers

import (
	"errors"
	"fmt"

	"mobilize/grammar"
	"mobilize/models"
)

// Answers to 改到本群 (models.MoveHere).
const (
	txtMovedHere      = "✅ %s（%s）的%s报名已从“%s”改到“%s”，岗位与状态不变（%s）。"
	txtMoveNotOwner   = "%s（%s）的报名在“%s”，只能由原报名人改动：请本人用报名时的微信在本群发送“改到本群”，或在原群发送“取消报名”后在本群重新报名。"
	txtMoveNotFound   = "没有找到您在其他群的报名。如是为他人报名，请发送：改到本群 手机号"
	txtMoveAmbiguous  = "您为多人报过名，请发送：改到本群 手机号"
	txtMoveAlready    = "您的报名已在本群，无需改动。"
	txtMoveOrgCap     = "本群所属组织的%s名额（每个组织 %d 名）已满，报名未改动，仍在原群。"
	txtMoveBadPhone   = "手机号有误，请填写 11 位手机号，例如：改到本群 手机号"
	txtMovedHereShort = "改到本群"
)

// moveHere handles 改到本群: the sender's registration made in another
// group (or the one the phone names, when the sender made it) is filed
// under this group, role and status kept. Anyone else is told whose it is,
// masked, and how its owner can move it.
func (r *Router) moveHere(c *Context) error {
	if c.Cmd.Problem != grammar.OK {
		return userErr(txtMoveBadPhone)
	}
	if err := c.nobody(txtMovedHereShort); err != nil {
		return err
	}
	camp, err := c.campaign()
	if err != nil {
		return err
	}
	who := models.Who{Phone: c.Cmd.Phone, GroupName: c.Msg.Group, Sender: c.Msg.Sender}
	res, err := r.deps.Store.MoveHere(c.Ctx, camp.ID, who)
	if err != nil {
		return moveErr(c, err)
	}
	for _, reg := range res.Moved {
		v := reg.Volunteer
		c.Reply(fmt.Sprintf(txtMovedHere, v.MaskedName(), grammar.MaskPhone(v.Phone), reg.Role.Name,
			grammar.MaskPhones(res.From), grammar.MaskPhones(reg.Place()), plainStatus(reg.Status)))
	}
	announcePromotions(c, res.Promoted)
	return nil
}

// moveErr words MoveHere's refusals.
func moveErr(c *Context, err error) error {
	var not *models.NotOwnerError
	var capErr *models.OrgCapError
	switch {
	case errors.As(err, &not):
		v := not.Reg.Volunteer
		return userErr(fmt.Sprintf(txtMoveNotOwner, v.MaskedName(), grammar.MaskPhone(v.Phone), grammar.MaskPhones(not.Reg.Place())))
	case errors.As(err, &capErr):
		return userErr(fmt.Sprintf(txtMoveOrgCap, capErr.Role.Name, capErr.Role.OrgCap))
	case errors.Is(err, models.ErrAlreadyHere):
		return userErr(txtMoveAlready)
	case errors.Is(err, models.ErrNotFound):
		return userErr(txtMoveNotFound)
	case errors.Is(err, models.ErrAmbiguous):
		return userErr(txtMoveAmbiguous)
	}
	return c.storeErr(err)
}
