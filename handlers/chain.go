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
	added, same int
	waiting     []string // names of the lines put on the waitlist
	rejected    []string
	noPhone     []string // lines refused only for a missing phone
}

// chainList handles a #接龙 list: every numbered line not yet registered
// becomes a registration, lines already registered are left alone, and one
// reply says what was added and what was refused and why. The lines are
// applied all-or-nothing, in one transaction: a list cut short by a crash or
// an internal error registers nobody, and WeChat's next delivery of it (or
// the member re-posting it) registers everyone.
func (r *Router) chainList(c *Context) error {
	if !looksLikeSignUps(c.Cmd.Chain) {
		return nil // a numbered notice (集合时间、注意事项), not a sign-up list
	}
	camp, err := c.campaign()
	if err != nil {
		return err
	}
	entries := c.Cmd.Chain.Entries
	reasons := make([]string, len(entries)) // why each line was refused, "" if sent to the store
	var reqs []models.SignUpRequest
	var sent []int // entry index of each request
	for i, e := range entries {
		req, reason := c.chainRequest(camp, e)
		if reasons[i] = reason; reason == "" {
			reqs, sent = append(reqs, req), append(sent, i)
		}
	}
	lines, err := r.deps.Store.SignUpList(c.Ctx, reqs)
	if err != nil {
		return c.storeErr(err)
	}
	var res chainResult
	for k, line := range lines {
		if errors.Is(line.Err, models.ErrPhoneOwned) {
			reasons[sent[k]] = txtChainPhoneOwned
			continue
		}
		res.count(line.Result)
		announcePromotions(c, line.Result.Promoted)
	}
	for i, reason := range reasons {
		switch {
		case reason == txtChainNoPhone:
			res.noPhone = append(res.noPhone, rejectLabel(entries[i]))
		case reason != "":
			res.rejected = append(res.rejected, fmt.Sprintf(txtChainReject, rejectLabel(entries[i]), reason))
		}
	}
	text := res.text()
	if u := c.Cmd.Chain.Unread; len(u) > 0 {
		text += "\n" + fmt.Sprintf(txtChainUnread, grammar.MaxChainEntries, u[0].Index, len(u))
	}
	c.Reply(text)
	return nil
}

// chainRequest turns one line into a sign-up, or says why it is refused.
func (c *Context) chainRequest(camp models.Campaign, e grammar.ChainEntry) (models.SignUpRequest, string) {
	if reason := c.chainProblem(e, camp); reason != "" {
		return models.SignUpRequest{}, reason
	}
	role, err := c.role(camp, e.Role)
	if err != nil {
		return models.SignUpRequest{}, fmt.Sprintf(txtChainNoRole, roleNames(camp))
	}
	if role.PhoneRequired && e.Phone == "" {
		return models.SignUpRequest{}, txtChainNoPhone
	}
	return models.SignUpRequest{CampaignID: camp.ID, RoleCode: role.Code, Name: e.Name, Phone: e.Phone,
		Remark: e.Remark, GroupName: c.Msg.Group, Sender: c.Msg.Sender, MsgID: c.Msg.ID, OnlyNew: true}, ""
}

// count adds one applied line to the tally of the reply.
func (res *chainResult) count(out models.SignUpResult) {
	switch {
	case out.Already:
		res.same++
	case out.Reg.Status == models.StatusWaitlisted:
		res.added++
		res.waiting = append(res.waiting, out.Reg.Volunteer.Name)
	default:
		res.added++
	}
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
	if len(res.waiting) > 0 {
		fmt.Fprintf(&b, txtChainWaiting, len(res.waiting), strings.Join(res.waiting, "、"))
	}
	if res.same > 0 {
		fmt.Fprintf(&b, txtChainSame, res.same)
	}
	b.WriteString("。")
	if len(res.rejected) > 0 {
		b.WriteString("\n" + txtChainRejected + "\n" + strings.Join(res.rejected, "\n"))
	}
	if len(res.noPhone) > 0 {
		b.WriteString("\n" + fmt.Sprintf(txtChainNeedPhones, strings.Join(res.noPhone, "、")))
	}
	return b.String()
}

// rejectLabel names a refused line: its number and name, or, when no name
// could be read, the line itself with any phone number masked, cut short.
func rejectLabel(e grammar.ChainEntry) string {
	if e.Name != "" {
		return fmt.Sprintf("%d. %s", e.Index, e.Name)
	}
	return echo(e.Line)
}

// looksLikeSignUps reports whether any line of a numbered list carries a
// phone number or a role, or the title says it is a sign-up (报名, 志愿)
// and a line names someone: only then is it a sign-up list and not a
// notice.
func looksLikeSignUps(l *grammar.ChainList) bool {
	titled := strings.Contains(l.Title, "报名") || strings.Contains(l.Title, "志愿")
	for _, e := range l.Entries {
		if e.Phone != "" || e.Role != "" || e.Problem == grammar.BadPhone || (titled && e.Name != "") {
			return true
		}
	}
	return false
}
