package handlers

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"mobilize/grammar"
	"mobilize/models"
)

// Hints: every answer that tells a member how to type something. The role
// words in them come from the campaign's own roles and are checked against
// the grammar, so a hint never suggests a sign-up the bot would then refuse.

// roleHints is what a hint needs to know about the campaign at hand.
type roleHints struct {
	example string // 报名 先锋 张三 手机号
	names   string // 志愿先锋、储备志愿者
}

// problemKey picks a hint: the same problem reads differently per command.
type problemKey struct {
	kind    grammar.Kind
	problem grammar.Problem
}

// problemHints is the one table from a grammar problem to what the member
// is told. A 接龙 line gets a short reason (it is listed among others), any
// other command a whole hint. Problems a command cannot have fall back to
// fallbackHints.
var problemHints = map[problemKey]func(h roleHints) string{
	{grammar.SignUp, grammar.BadPhone}:    func(h roleHints) string { return fmt.Sprintf(txtBadPhone, h.example) },
	{grammar.SignUp, grammar.UnknownRole}: func(h roleHints) string { return fmt.Sprintf(txtUnknownRole, h.names, h.example) },
	{grammar.SignUp, grammar.BadName}:     func(h roleHints) string { return fmt.Sprintf(txtBadName, h.example) },
	{grammar.SignUp, grammar.MissingName}: func(h roleHints) string { return fmt.Sprintf(txtNickNotName, h.example) },
	{grammar.SignUp, grammar.IDNumber}:    func(h roleHints) string { return fmt.Sprintf(txtIDNumber, h.example) },
	{grammar.SignUp, grammar.ManyPhones}:  func(h roleHints) string { return fmt.Sprintf(txtManyPhones, h.example) },

	{grammar.Cancel, grammar.BadPhone}:   fixed(txtCancelBadPhone),
	{grammar.MyStatus, grammar.BadPhone}: fixed(txtMineBadPhone),

	{grammar.Chain, grammar.BadPhone}:    fixed(txtChainBadPhone),
	{grammar.Chain, grammar.UnknownRole}: func(h roleHints) string { return fmt.Sprintf(txtChainBadRole, h.names) },
	{grammar.Chain, grammar.MissingName}: fixed(txtChainNoName),
	{grammar.Chain, grammar.BadName}:     fixed(txtChainBadName),
	{grammar.Chain, grammar.ManyPhones}:  fixed(txtChainManyPhones),
	{grammar.Chain, grammar.IDNumber}:    fixed(txtChainIDNumber),

	{grammar.Service, grammar.MissingHours}: fixed(txtServiceHint),
	{grammar.Service, grammar.BadHours}:     fixed(txtServiceBadHours),
	{grammar.Service, grammar.BadNumber}:    fixed(txtServiceBadNum),
	{grammar.Service, grammar.BadDate}:      fixed(txtServiceBadDate),

	{grammar.Pledge, grammar.MissingItem}: fixed(txtPledgeNoItem),
	{grammar.Pledge, grammar.MissingQty}:  fixed(txtPledgeNoQty),
	{grammar.Pledge, grammar.ManyItems}:   fixed(txtPledgeManyItems),
	{grammar.Pledge, grammar.BadNumber}:   fixed(txtPledgeBadNum),

	{grammar.Delivered, grammar.MissingID}:  fixed(txtDeliveredNoID),
	{grammar.UndoPledge, grammar.MissingID}: fixed(txtUndoPledgeNoID),
	{grammar.UndoPledge, grammar.BadNumber}: fixed(txtUndoPledgeNoID),
	{grammar.Delivered, grammar.BadNumber}:  fixed(txtDeliveredNoID),
}

// fallbackHints answer a problem the table has no row for, per command.
var fallbackHints = map[grammar.Kind]func(h roleHints) string{
	grammar.SignUp:    func(h roleHints) string { return fmt.Sprintf(txtNeedPhone, h.example) },
	grammar.Chain:     fixed(txtChainOther),
	grammar.Service:   fixed(txtServiceHint),
	grammar.Pledge:    fixed(txtPledgeBadNum),
	grammar.Delivered: fixed(txtDeliveredNoID),
}

func fixed(s string) func(roleHints) string { return func(roleHints) string { return s } }

// problemText is what the member is told about problem p of a command of
// kind k; "" when p is OK.
func problemText(k grammar.Kind, p grammar.Problem, h roleHints) string {
	if p == grammar.OK {
		return ""
	}
	if f, ok := problemHints[problemKey{k, p}]; ok {
		return f(h)
	}
	if f, ok := fallbackHints[k]; ok {
		return f(h)
	}
	return txtChainOther
}

// problemErr is problemText as the error a handler returns; nil when p is OK.
func problemErr(k grammar.Kind, p grammar.Problem, h roleHints) error {
	if t := problemText(k, p, h); t != "" {
		return userErr(t)
	}
	return nil
}

// hintsFor builds the hints of a campaign from its own roles. With several
// campaigns taking sign-ups, the example carries the campaign's number.
func (c *Context) hintsFor(camp models.Campaign) roleHints {
	return roleHints{names: roleNames(camp), example: c.example(camp, 0)}
}

// example is a sign-up for role i of camp as a member would type it:
// 报名 [number] [role word] 张三 手机号. The role word is left out when the
// campaign has only one role (报名 张三 手机号 is enough).
func (c *Context) example(camp models.Campaign, i int) string {
	prefix := ""
	if len(c.live()) > 1 {
		prefix = fmt.Sprintf("%d ", camp.ID)
	}
	if len(camp.Roles) > 1 {
		if w := c.roleWord(camp, i); w != "" {
			prefix += w + " "
		}
	}
	return fmt.Sprintf(txtExample, prefix)
}

// live are the open campaigns taking sign-ups now, newest first.
func (c *Context) live() []models.Campaign {
	var live []models.Campaign
	for _, camp := range c.open {
		if camp.Accepts(c.now) {
			live = append(live, camp)
		}
	}
	return live
}

// hints are the hints when no campaign was picked (打卡 before any sign-up):
// those of the only campaign taking sign-ups, else of the newest open one.
func (c *Context) hints() roleHints {
	if live := c.live(); len(live) > 0 {
		return c.hintsFor(live[len(live)-1])
	}
	if len(c.open) > 0 {
		return c.hintsFor(c.open[0])
	}
	return roleHints{names: txtGenericRole, example: fmt.Sprintf(txtExample, txtGenericRole+" ")}
}

// roleWord is the word to show for role i of camp: its shortest name or
// alias (its code only when nothing else will do) that the grammar, with
// today's vocabulary, reads back as that very role. A role with no such
// word (its every word shadowed) gets "".
func (c *Context) roleWord(camp models.Campaign, i int) string {
	r := camp.Roles[i]
	words := r.AliasList()
	words = append(slices.DeleteFunc(words[:len(words):len(words)], func(w string) bool { return w == r.Code }), r.Code)
	best := ""
	for _, w := range words {
		w = grammar.Normalize(w)
		if w == "" || (best != "" && (w == grammar.Normalize(r.Code) ||
			utf8.RuneCountInString(w) >= utf8.RuneCountInString(best))) {
			continue
		}
		cmd := grammar.Parse(fmt.Sprintf(txtExampleProbe, w), c.vocab)
		if cmd.Kind != grammar.SignUp || cmd.Problem != grammar.OK {
			continue
		}
		if got, ok := roleByWord(camp, cmd.Role); ok && got.ID == r.ID && got.Code == r.Code {
			best = w
		}
	}
	return best
}

// roleByWord finds the campaign's role a typed role word names: the word is
// the role's name, code or one of its aliases; failing that, a part of
// exactly one role's name (roleByPart). Roles are matched by word, not by a
// code fixed in config, so a campaign's own roles win over the defaults
// (--role p:先锋:1, then 报名 先锋).
func roleByWord(camp models.Campaign, word string) (models.Role, bool) {
	if r, ok := roleByAlias(camp, word); ok {
		return r, true
	}
	return roleByPart(camp, word)
}

// roleByPart finds the one role whose name contains word, of two
// characters or more. Members shorten names: a campaign created with
// --role res:储备志愿者:145 and no aliases still takes 报名 储备 (and 志愿先锋
// takes 先锋), where the member used to be told there is no such role. A
// word in several names (志愿 in 志愿先锋 and 储备志愿者) names none.
func roleByPart(camp models.Campaign, word string) (models.Role, bool) {
	w := strings.ToLower(grammar.Normalize(word))
	if utf8.RuneCountInString(w) < 2 {
		return models.Role{}, false
	}
	var found []models.Role
	for _, r := range camp.Roles {
		if strings.Contains(strings.ToLower(grammar.Normalize(r.Name)), w) {
			found = append(found, r)
		}
	}
	if len(found) != 1 {
		return models.Role{}, false
	}
	return found[0], true
}

// roleByAlias finds the role whose name, code or alias is word.
func roleByAlias(camp models.Campaign, word string) (models.Role, bool) {
	for _, r := range camp.Roles {
		for _, a := range r.AliasList() {
			if a = grammar.Normalize(a); a != "" && strings.EqualFold(a, word) {
				return r, true
			}
		}
	}
	return models.Role{}, false
}

// role finds the campaign's role for a typed role word, or, when none was
// typed and the campaign has only one role, that role.
func (c *Context) role(camp models.Campaign, word string) (models.Role, error) {
	if word == "" && len(camp.Roles) == 1 {
		return camp.Roles[0], nil
	}
	if r, ok := roleByWord(camp, word); ok {
		return r, nil
	}
	h := c.hintsFor(camp)
	if word == "" {
		return models.Role{}, userErr(fmt.Sprintf(txtNeedRole, h.names, h.example))
	}
	return models.Role{}, userErr(fmt.Sprintf(txtUnknownRole, h.names, h.example))
}

func roleNames(camp models.Campaign) string {
	names := make([]string, len(camp.Roles))
	for i, r := range camp.Roles {
		names[i] = r.Name
	}
	return strings.Join(names, "、")
}

// helpText is the answer to 帮助: one sign-up line per role of the campaigns
// taking sign-ups (with their numbers when there are several), then the
// other commands.
func (c *Context) helpText() string {
	var live []models.Campaign
	for _, camp := range c.live() {
		if c.Cmd.Campaign == 0 || camp.ID == uint(c.Cmd.Campaign) {
			live = append(live, camp)
		}
	}
	lines := []string{txtHelpHead}
	if len(live) == 0 {
		lines = []string{txtNoCampaign, txtHelpHead}
	}
	if len(live) > 1 {
		lines = []string{txtHelpCampaigns, listCampaigns(live), txtHelpHead}
	}
	people := txtExampleNames
	for _, camp := range live {
		number := ""
		if len(c.live()) > 1 { // without the number, 报名 asks which campaign
			number = fmt.Sprintf("%d ", camp.ID)
		}
		for i := range camp.Roles {
			w := c.roleWord(camp, i)
			if w == "" && len(camp.Roles) > 1 {
				continue // a role nobody can name: no line rather than a wrong one
			}
			if w != "" {
				w += " "
			}
			lines = append(lines, fmt.Sprintf(txtHelpSignUp, number, w, people[i%len(people)]))
		}
	}
	return strings.Join(append(lines, txtHelpRest), "\n")
}
