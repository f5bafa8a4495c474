package handlers

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"mobilize/grammar"
	"mobilize/models"
)

// vocabulary gathers the words the grammar must know: role words of every
// open campaign and of the configured defaults, activities, bot names. It
// also returns the open campaigns, which every handler needs next.
//
// Each role word maps to itself, not to a role code: the same word may name
// different roles in different campaigns (a campaign's own 先锋 and the
// default pioneer), so the handler finds the role by the word in the
// campaign the message is about (roleByWord).
func (r *Router) vocabulary(ctx context.Context) (grammar.Vocabulary, []models.Campaign, error) {
	camps, err := r.deps.Store.Campaigns(ctx, true)
	if err != nil {
		return grammar.Vocabulary{}, nil, fmt.Errorf("load open campaigns: %w", err)
	}
	v := grammar.Vocabulary{Roles: map[string]string{}, Activities: map[string]string{}, BotNames: r.deps.Config.Bot.Names}
	for _, c := range camps {
		for _, role := range c.Roles {
			for _, a := range role.AliasList() {
				addRoleWord(v.Roles, a)
			}
		}
	}
	for _, role := range r.deps.Config.Roles {
		for _, a := range append([]string{role.Name, role.Code}, role.Aliases...) {
			addRoleWord(v.Roles, a)
		}
	}
	for _, a := range r.deps.Config.Activities {
		for _, w := range append([]string{a.Name}, a.Aliases...) {
			addWord(v.Activities, w, a.Name)
		}
	}
	return v, camps, nil
}

// addRoleWord adds a role word that stands for itself, in the form the
// grammar compares (normalised, lower-cased).
func addRoleWord(m map[string]string, word string) {
	word = strings.ToLower(grammar.Normalize(word))
	if word != "" {
		m[word] = word
	}
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
	live := c.live()
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
	return models.Campaign{}, userErr(fmt.Sprintf(txtChooseCampaign, c.chooseExample(live)) + "\n" + listCampaigns(live))
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

// chooseExample is a sign-up naming one of several campaigns by its number
// (报名 1 先锋 张三 手机号): the oldest one with the role the member typed,
// else the oldest one.
func (c *Context) chooseExample(live []models.Campaign) string {
	camp, role := live[len(live)-1], 0 // Campaigns lists newest first
	for k := len(live) - 1; k >= 0; k-- {
		if r, ok := roleByWord(live[k], c.Cmd.Role); ok {
			camp = live[k]
			role = slices.IndexFunc(camp.Roles, func(x models.Role) bool { return x.ID == r.ID })
			break
		}
	}
	return c.example(camp, role)
}
