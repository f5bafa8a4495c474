package scheduler

import (
	"context"
	"fmt"
	"strings"

	"mobilize/models"
)

// deadlineReminder reminds, for each open campaign whose deadline is ahead
// and within reminders.window, every group whose organization can still
// fill places — per-organization caps included — of the places left per
// role and the deadline. A full campaign, or a group whose organization has
// reached its caps, gets nothing.
func (s *Scheduler) deadlineReminder(ctx context.Context, r Run) ([]Message, error) {
	camps, err := s.campaigns(ctx, r)
	if err != nil {
		return nil, err
	}
	now := s.d.Now()
	window := s.d.Config.Reminders.Window.D()
	var out []Message
	for _, c := range camps {
		if c.Status != models.CampaignOpen || c.Deadline == nil || !now.Before(*c.Deadline) || c.Deadline.Sub(now) > window {
			continue
		}
		msgs, err := s.remindCampaign(ctx, c)
		if err != nil {
			return nil, fmt.Errorf("reminders for campaign %d: %w", c.ID, err)
		}
		out = append(out, msgs...)
	}
	return out, nil
}

func (s *Scheduler) remindCampaign(ctx context.Context, c models.Campaign) ([]Message, error) {
	room, total, err := s.roomByOrg(ctx, c.ID)
	if err != nil || total == 0 {
		return nil, err
	}
	groups, err := s.d.Store.CampaignGroups(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	var out []Message
	for _, g := range groups {
		rooms := room(g.OrganizationID)
		if len(rooms) == 0 {
			continue
		}
		to := Target{Name: g.Name, Group: true}
		out = append(out, Message{To: to, Key: fmt.Sprintf("c%d:%s", c.ID, targetKey(to)), Text: s.reminderText(c, rooms)})
	}
	return out, nil
}

func (s *Scheduler) reminderText(c models.Campaign, rooms []roleRoom) string {
	lines := []string{
		fmt.Sprintf(textReminderHead, c.Title),
		fmt.Sprintf(textReminderWhen, c.Deadline.In(s.loc).Format(textDeadlineClock), untilText(c.Deadline.Sub(s.d.Now()))),
		fmt.Sprintf(textReminderLeft, roomText(rooms)),
		fmt.Sprintf(textReminderHow, rooms[0].name),
	}
	return strings.Join(lines, "\n")
}
