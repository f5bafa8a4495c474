package handlers

import (
	"context"
	"fmt"
	"strings"

	"mobilize/grammar"
	"mobilize/models"
)

// vocabulary gathers the words the grammar must know: role aliases of the
// configured defaults and of every open campaign, activities, bot names.
// It also returns the open campaigns, which every handler needs next.
func (r *Router) vocabulary(ctx context.Context) (grammar.Vocabulary, []models.Campaign, error) {
	camps, err := r.deps.Store.Campaigns(ctx, true)
	if err != nil {
		return grammar.Vocabulary{}, nil, fmt.Errorf("load open campaigns: %w", err)
	}
	v := grammar.Vocabulary{Roles: map[string]string{}, Activities: map[string]string{}, BotNames: r.deps.Config.Bot.Names}
	for _, role := range r.deps.Config.Roles {
		for _, a := range append([]string{role.Name, role.Code}, role.Aliases...) {
			addWord(v.Roles, a, role.Code)
		}
	}
	for _, c := range camps {
		for _, role := range c.Roles {
			for _, a := range role.AliasList() {
				addWord(v.Roles, a, role.Code)
			}
		}
	}
	for _, a := range r.deps.Config.Activities {
		for _, w := range append([]string{a.Name}, a.Aliases...) {
			addWord(v.Activities, w, a.Name)
		}
	}
	return v, camps, nil
}

// addWord keeps the first meaning of a word; lower-cased so "Pioneer" works.
func addWord(m map[string]string, word, code string) {
	word = strings.ToLower(strings.TrimSpace(word))
	if _, taken := m[word]; word != "" && !taken {
		m[word] = code
	}
}

// campaign picks the campaign a command is about: the number typed, else
// the only open one accepting sign-ups. With several open and no number,
// the answer lists them so the member can choose.
func (c *Context) campaign() (models.Campaign, error) {
	var live []models.Campaign
	for _, camp := range c.open {
		if camp.Accepts(c.now) {
			live = append(live, camp)
		}
	}
	if n := c.Cmd.Campaign; n != 0 {
		for _, camp := range c.open {
			if camp.ID == uint(n) {
				if !camp.Accepts(c.now) {
					return camp, userErr(fmt.Sprintf(txtCampaignShut, camp.Title))
				}
				return camp, nil
			}
		}
		return models.Campaign{}, userErr(fmt.Sprintf(txtNoSuchCampaign, n) + "\n" + listCampaigns(live))
	}
	switch len(live) {
	case 0:
		return models.Campaign{}, userErr(txtNoCampaign)
	case 1:
		return live[0], nil
	}
	return models.Campaign{}, userErr(txtChooseCampaign + "\n" + listCampaigns(live))
}

func listCampaigns(cs []models.Campaign) string {
	if len(cs) == 0 {
		return txtNoCampaign
	}
	lines := make([]string, len(cs))
	for i, c := range cs {
		lines[i] = fmt.Sprintf("%d. %s", c.ID, c.Title)
	}
	return strings.Join(lines, "\n")
}

// role finds the campaign's role for a code, or, when none was typed and
// the campaign has only one role, that role.
func role(camp models.Campaign, code string) (models.Role, error) {
	if code == "" && len(camp.Roles) == 1 {
		return camp.Roles[0], nil
	}
	for _, r := range camp.Roles {
		if r.Code == code {
			return r, nil
		}
	}
	if code == "" {
		return models.Role{}, userErr(fmt.Sprintf(txtNeedRole, roleNames(camp), exampleRole(camp)))
	}
	return models.Role{}, userErr(fmt.Sprintf(txtUnknownRole, roleNames(camp), exampleRole(camp)))
}

func roleNames(camp models.Campaign) string {
	names := make([]string, len(camp.Roles))
	for i, r := range camp.Roles {
		names[i] = r.Name
	}
	return strings.Join(names, "、")
}

// exampleRole is the shortest word for the campaign's first role, for hints.
func exampleRole(camp models.Campaign) string {
	if len(camp.Roles) == 0 {
		return ""
	}
	best := camp.Roles[0].Name
	for _, a := range camp.Roles[0].AliasList() {
		if len([]rune(a)) < len([]rune(best)) && a != camp.Roles[0].Code {
			best = a
		}
	}
	return best
}
