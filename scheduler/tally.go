package scheduler

import (
	"context"
	"fmt"

	"mobilize/report"
)

// dailyTally sends each open campaign's tally for the slot's day — the
// figures of `mobilize report` for that date — to every admin's private
// chat (by remark) and to the groups in tally.to_groups. A slot caught up
// the next morning still reports its own day.
func (s *Scheduler) dailyTally(ctx context.Context, r Run) ([]Message, error) {
	targets := s.tallyTargets()
	if len(targets) == 0 {
		s.log.Warn("daily tally has no one to go to: set admins or tally.to_groups", "job", "daily_tally")
		return nil, nil
	}
	date := r.Slot.In(s.loc).Format("2006-01-02")
	tallies, err := s.tallies(ctx, r.Campaign, date)
	if err != nil {
		return nil, err
	}
	var out []Message
	for _, t := range tallies {
		text := t.Text()
		for _, to := range targets {
			out = append(out, Message{To: to, Key: fmt.Sprintf("c%d:%s", t.CampaignID, targetKey(to)), Text: text})
		}
	}
	return out, nil
}

// tallies computes the day's tallies with the report package — the same
// figures and the same phone-sized text as `mobilize report` — for every
// open campaign, or for the one asked for by hand.
func (s *Scheduler) tallies(ctx context.Context, campaign uint, date string) ([]report.Tally, error) {
	if campaign == 0 {
		ts, err := report.Daily(ctx, s.d.Store, date, s.loc)
		if err != nil {
			return nil, fmt.Errorf("daily tallies: %w", err)
		}
		return ts, nil
	}
	t, err := report.Compute(ctx, s.d.Store, campaign, date, s.loc)
	if err != nil {
		return nil, fmt.Errorf("tally of campaign %d: %w", campaign, err)
	}
	return []report.Tally{t}, nil
}

// tallyTargets are the admins' private chats, then the configured groups.
func (s *Scheduler) tallyTargets() []Target {
	var out []Target
	for _, a := range s.d.Config.AdminList() {
		out = append(out, Target{Name: a})
	}
	for _, g := range s.d.Config.Tally.ToGroups {
		out = append(out, Target{Name: g, Group: true})
	}
	return out
}

// targetKey names a target inside a dedupe key; a group and a contact of
// the same name stay apart.
func targetKey(t Target) string {
	if t.Group {
		return "group:" + t.Name
	}
	return "user:" + t.Name
}
