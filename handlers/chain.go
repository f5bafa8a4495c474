package handlers

import (
	"errors"
	"fmt"
	"strings"

	"mobilize/grammar"
	"mobilize/models"
)

// chainResult gathers what one 接龙 message did, for its single reply.
type chainResult struct {
	added, waiting, same int
	rejected             []string
}

// chainList handles a #接龙 list: every numbered line not yet registered
// becomes a registration, lines already registered are left alone, and one
// reply says what was added and what was refused and why.
func (r *Router) chainList(c *Context) error {
	if !looksLikeSignUps(c.Cmd.Chain) {
		return nil // a numbered notice (集合时间、注意事项), not a sign-up list
	}
	camp, err := c.campaign()
	if err != nil {
		return err
	}
	var res chainResult
	for _, e := range c.Cmd.Chain.Entries {
		reason, err := r.chainEntry(c, camp, e, &res)
		if err != nil {
			return err
		}
		if reason != "" {
			res.rejected = append(res.rejected, fmt.Sprintf(txtChainReject, rejectLabel(e), reason))
		}
	}
	c.Reply(res.text())
	return nil
}

// chainEntry registers one line; it returns why the line was refused, or "".
func (r *Router) chainEntry(c *Context, camp models.Campaign, e grammar.ChainEntry, res *chainResult) (string, error) {
	if reason := c.chainProblem(e, camp); reason != "" {
		return reason, nil
	}
	role, err := c.role(camp, e.Role)
	if err != nil {
		return fmt.Sprintf(txtChainNoRole, roleNames(camp)), nil
	}
	if role.PhoneRequired && e.Phone == "" {
		return txtChainNoPhone, nil
	}
	out, err := r.deps.Store.SignUp(c.Ctx, models.SignUpRequest{CampaignID: camp.ID, RoleCode: role.Code,
		Name: e.Name, Phone: e.Phone, GroupName: c.Msg.Group, Sender: c.Msg.Sender, MsgID: c.Msg.ID, OnlyNew: true})
	if errors.Is(err, models.ErrPhoneOwned) {
		return txtChainPhoneOwned, nil
	}
	if err != nil {
		return "", c.storeErr(err)
	}
	switch {
	case out.Already:
		res.same++
	case out.Reg.Status == models.StatusWaitlisted:
		res.added++
		res.waiting++
	default:
		res.added++
	}
	announcePromotions(c, out.Promoted)
	return "", nil
}

// chainProblem explains a line the grammar could not read as a sign-up.
func (c *Context) chainProblem(e grammar.ChainEntry, camp models.Campaign) string {
	if e.Problem == grammar.OK && e.Name == "" {
		return txtChainNoName
	}
	return problemText(grammar.Chain, e.Problem, c.hintsFor(camp))
}

func (res chainResult) text() string {
	var b strings.Builder
	fmt.Fprintf(&b, txtChainHead, res.added)
	if res.waiting > 0 {
		fmt.Fprintf(&b, txtChainWaiting, res.waiting)
	}
	if res.same > 0 {
		fmt.Fprintf(&b, txtChainSame, res.same)
	}
	b.WriteString("。")
	if len(res.rejected) > 0 {
		b.WriteString("\n" + txtChainRejected + "\n" + strings.Join(res.rejected, "\n"))
	}
	return b.String()
}

// rejectLabel names a refused line: its number and name, or, when no name
// could be read, the line itself with any phone number masked.
func rejectLabel(e grammar.ChainEntry) string {
	if e.Name != "" {
		return fmt.Sprintf("%d. %s", e.Index, e.Name)
	}
	return grammar.MaskPhones(e.Line)
}

// looksLikeSignUps reports whether any line of a numbered list carries a
// phone number or a role: only then is it a sign-up list and not a notice.
func looksLikeSignUps(l *grammar.ChainList) bool {
	for _, e := range l.Entries {
		if e.Phone != "" || e.Role != "" || e.Problem == grammar.BadPhone {
			return true
		}
	}
	return false
}
