package scheduler

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"mobilize/models"
)

// reached is a group the campaign's initiative reached, and when: the
// first of its delivery's messages to be sent.
type reached struct {
	groupID, orgID uint
	group, org     string
	at             time.Time
}

// nudged is one group nudged in this run, for the admins' list.
type nudged struct {
	group, org string
	n          int
}

// chaseSilent nudges, once per run, each group the initiative reached more
// than chase.after ago whose organization has not signed anyone up, at
// most chase.max times per campaign; the admins get the list. A nudge is
// recorded just before it is queued, under the slot, so a re-run of the
// slot neither counts it twice nor sends it twice.
func (s *Scheduler) chaseSilent(ctx context.Context, r Run) ([]Message, error) {
	if s.d.Config.Chase.Max == 0 {
		return nil, nil
	}
	camps, err := s.campaigns(ctx, r)
	if err != nil {
		return nil, err
	}
	var out []Message
	for _, c := range camps {
		if !c.Accepts(s.d.Now()) {
			continue
		}
		msgs, err := s.chaseCampaign(ctx, c, r.Slot)
		if err != nil {
			return nil, fmt.Errorf("chase for campaign %d: %w", c.ID, err)
		}
		out = append(out, msgs...)
	}
	return out, nil
}

func (s *Scheduler) chaseCampaign(ctx context.Context, c models.Campaign, slot time.Time) ([]Message, error) {
	groups, err := s.reachedGroups(ctx, c.ID)
	if err != nil || len(groups) == 0 {
		return nil, err
	}
	signups, err := s.d.Store.SignUpsByOrg(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	counts, err := s.d.Store.NudgeCounts(ctx, c.ID, slot)
	if err != nil {
		return nil, err
	}
	room, _, err := s.roomByOrg(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	now, after, maxN := s.d.Now(), s.d.Config.Chase.After.D(), s.d.Config.Chase.Max
	var out []Message
	var list []nudged
	for _, g := range groups {
		rooms := room(g.orgID)
		if now.Sub(g.at) < after || signups[g.orgID] > 0 || counts[g.groupID] >= maxN || len(rooms) == 0 {
			continue
		}
		to := Target{Name: g.group, Group: true}
		campaignID, groupID := c.ID, g.groupID
		out = append(out, Message{To: to, Key: fmt.Sprintf("c%d:%s", c.ID, targetKey(to)), Text: s.nudgeText(c, rooms),
			before: func(ctx context.Context) error { return s.d.Store.RecordNudge(ctx, campaignID, groupID, slot) }})
		list = append(list, nudged{group: g.group, org: g.org, n: counts[g.groupID] + 1})
	}
	if len(list) == 0 {
		return nil, nil
	}
	text := chaseAdminText(c, list)
	for _, a := range s.d.Config.AdminList() {
		to := Target{Name: a}
		out = append(out, Message{To: to, Key: fmt.Sprintf("c%d:%s", c.ID, targetKey(to)), Text: text})
	}
	return out, nil
}

// reachedGroups lists the groups the campaign's initiative was sent to,
// with the time its first message went out; groups still waiting for it
// are left out. Ordered by group name.
func (s *Scheduler) reachedGroups(ctx context.Context, campaignID uint) ([]reached, error) {
	parts, err := s.d.Store.DeliveryParts(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	byDelivery := map[uint]*reached{}
	for _, p := range parts {
		if p.SentAt == nil {
			continue
		}
		g := byDelivery[p.DeliveryID]
		if g == nil {
			g = &reached{groupID: p.GroupID, orgID: p.OrganizationID, group: p.GroupName, org: p.OrgName, at: *p.SentAt}
			byDelivery[p.DeliveryID] = g
		}
		if p.SentAt.Before(g.at) {
			g.at = *p.SentAt
		}
	}
	out := make([]reached, 0, len(byDelivery))
	for _, g := range byDelivery {
		out = append(out, *g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].group < out[j].group })
	return out, nil
}

func (s *Scheduler) nudgeText(c models.Campaign, rooms []roleRoom) string {
	text := fmt.Sprintf(textChaseNudge, c.Title, rooms[0].name, roomText(rooms))
	if c.Deadline != nil {
		text += fmt.Sprintf(textChaseDeadline, c.Deadline.In(s.loc).Format(textDeadlineClock))
	}
	return text
}

// chaseAdminListMax keeps the admins' list to a phone screen.
const chaseAdminListMax = 20

func chaseAdminText(c models.Campaign, list []nudged) string {
	lines := []string{fmt.Sprintf(textChaseAdmin, c.Title, len(list))}
	for i, n := range list {
		if i == chaseAdminListMax {
			lines = append(lines, fmt.Sprintf(textChaseAdminMore, len(list)-i))
			break
		}
		lines = append(lines, fmt.Sprintf(textChaseAdminRow, n.group, n.org, n.n))
	}
	return strings.Join(lines, "\n")
}
