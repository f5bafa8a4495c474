package handlers

import (
	"errors"
	"fmt"

	"mobilize/grammar"
	"mobilize/models"
)

// Answers to the ownership refusals (models/signup_ownership.go): a sign-up that
// would change a registration made elsewhere or by someone else, a cancel
// of someone else's registration, and a sender WeChat gave no usable name.
const (
	txtRegisteredElsewhere = "%s（%s）已在“%s”报名%s（%s），本次未作改动。如需改到本群，请由原报名人在本群发送“改到本群”。"
	txtRegisteredHere      = "%s（%s）已由他人在本群报名%s（%s），本次未作改动。如需更改，请由原报名人发送，或联系管理员。"
	txtNotOwner            = "%s（%s）的报名只能由本人或代报名人取消。"
	txtStatusWaitingPlain  = "候补中"
	txtNobodySignUp        = "暂未识别到您的微信昵称（刚入群或昵称为空白），请稍后再发，或设置昵称后再报名。"
	txtNobody              = "暂未识别到您的微信昵称，请稍后再发，或写上手机号，例如：%s 手机号"
)

// registeredText answers a refused repeat sign-up. The name is masked:
// whoever typed the phone may not be its owner.
func registeredText(e *models.RegisteredError) string {
	reg := e.Reg
	who, phone := reg.Volunteer.MaskedName(), grammar.MaskPhone(reg.Volunteer.Phone)
	status := plainStatus(reg.Status)
	if e.SameGroup {
		return fmt.Sprintf(txtRegisteredHere, who, phone, reg.Role.Name, status)
	}
	return fmt.Sprintf(txtRegisteredElsewhere, who, phone, grammar.MaskPhones(reg.Place()), reg.Role.Name, status)
}

// plainStatus words a status without a queue position: 已确认, 候补中.
func plainStatus(status string) string {
	if status == models.StatusWaitlisted {
		return txtStatusWaitingPlain
	}
	return statusText(status, 0)
}

// ownershipErr words the ownership refusals in err, or returns nil when
// err is none of them.
func ownershipErr(err error) error {
	var reg *models.RegisteredError
	var not *models.NotOwnerError
	switch {
	case errors.As(err, &reg):
		return userErr(registeredText(reg))
	case errors.As(err, &not):
		v := not.Reg.Volunteer
		return userErr(fmt.Sprintf(txtNotOwner, v.MaskedName(), grammar.MaskPhone(v.Phone)))
	}
	return nil
}

// nobody refuses, with the name hint, a lookup by sender when WeChat gave
// the sender no usable name (models.Nobody) and no phone was typed: such a
// sender is nobody and must never match someone's registrations.
func (c *Context) nobody(word string) error {
	if c.Cmd.Phone == "" && models.Nobody(c.Msg.Sender) {
		return userErr(fmt.Sprintf(txtNobody, word))
	}
	return nil
}
