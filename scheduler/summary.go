package scheduler

import (
	"context"
	"fmt"
	"strings"

	"mobilize/models"
)

// summaryToGroups sends each open campaign's progress — confirmed of quota
// per role, and the deadline — to every group the campaign reaches, in
// three short lines. Off by default: groups hear from the bot only when
// the bureau wants them to.
func (s *Scheduler) summaryToGroups(ctx context.Context, r Run) ([]Message, error) {
	camps, err := s.campaigns(ctx, r)
	if err != nil {
		return nil, err
	}
	var out []Message
	for _, c := range camps {
		if c.Status != models.CampaignOpen {
			continue
		}
		text, err := s.summaryText(ctx, c)
		if err != nil {
			return nil, err
		}
		groups, err := s.d.Store.CampaignGroups(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		for _, g := range groups {
			to := Target{Name: g.Name, Group: true}
			out = append(out, Message{To: to, Key: fmt.Sprintf("c%d:%s", c.ID, targetKey(to)), Text: text})
		}
	}
	return out, nil
}

func (s *Scheduler) summaryText(ctx context.Context, c models.Campaign) (string, error) {
	counts, err := s.d.Store.RoleCounts(ctx, c.ID)
	if err != nil {
		return "", fmt.Errorf("progress of campaign %d: %w", c.ID, err)
	}
	parts := make([]string, len(counts))
	for i, rc := range counts {
		parts[i] = fmt.Sprintf(textSummaryRole, rc.Name, rc.Confirmed, rc.Quota)
		if rc.Waitlisted > 0 {
			parts[i] += fmt.Sprintf(textSummaryWaiting, rc.Waitlisted)
		}
	}
	lines := []string{fmt.Sprintf(textSummaryHead, c.Title), strings.Join(parts, "，")}
	if c.Deadline != nil {
		lines = append(lines, fmt.Sprintf(textSummaryDeadline, c.Deadline.In(s.loc).Format(textDeadlineClock)))
	}
	return strings.Join(lines, "\n"), nil
}
