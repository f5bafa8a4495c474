package scheduler

import (
	"context"
	"fmt"
	"strings"
	"time"

	"mobilize/models"
)

// campaigns returns the campaigns a run covers: the one asked for by hand,
// or every open one.
func (s *Scheduler) campaigns(ctx context.Context, r Run) ([]models.Campaign, error) {
	if r.Campaign != 0 {
		c, err := s.d.Store.Campaign(ctx, r.Campaign)
		if err != nil {
			return nil, err
		}
		return []models.Campaign{c}, nil
	}
	cs, err := s.d.Store.Campaigns(ctx, true)
	if err != nil {
		return nil, fmt.Errorf("list open campaigns: %w", err)
	}
	// Oldest first, so messages about several campaigns arrive in the
	// order the campaigns were issued.
	for i, j := 0, len(cs)-1; i < j; i, j = i+1, j-1 {
		cs[i], cs[j] = cs[j], cs[i]
	}
	return cs, nil
}

// roleRoom is a role and how many places a group can still fill in it.
type roleRoom struct {
	name string
	left int
}

// roomByOrg returns, for a campaign, a function giving the places an
// organization's group can still fill per role: the role's places left,
// lowered to what the per-organization cap leaves that organization.
func (s *Scheduler) roomByOrg(ctx context.Context, campaignID uint) (func(orgID uint) []roleRoom, int, error) {
	counts, err := s.d.Store.RoleCounts(ctx, campaignID)
	if err != nil {
		return nil, 0, err
	}
	byOrg, err := s.d.Store.ConfirmedByOrg(ctx, campaignID)
	if err != nil {
		return nil, 0, err
	}
	total := 0
	for _, rc := range counts {
		total += rc.Left()
	}
	return func(orgID uint) []roleRoom {
		var out []roleRoom
		for _, rc := range counts {
			left := rc.Left()
			if rc.OrgCap > 0 {
				left = min(left, max(rc.OrgCap-byOrg[rc.ID][orgID], 0))
			}
			if left > 0 {
				out = append(out, roleRoom{name: rc.Name, left: left})
			}
		}
		return out
	}, total, nil
}

// roomText lists places per role: "志愿先锋 5 个、储备志愿者 20 个".
func roomText(rooms []roleRoom) string {
	parts := make([]string, len(rooms))
	for i, r := range rooms {
		parts[i] = fmt.Sprintf(textReminderRole, r.name, r.left)
	}
	return strings.Join(parts, textListSep)
}

// untilText words the time left: " 1 天 3 小时", " 5 小时", " 40 分钟".
func untilText(d time.Duration) string {
	d = d.Round(time.Minute)
	days, hours, mins := int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour), int(d%time.Hour/time.Minute)
	var b strings.Builder
	if days > 0 {
		fmt.Fprintf(&b, textDays, days)
	}
	if hours > 0 {
		fmt.Fprintf(&b, textHours, hours)
	}
	if days == 0 && (mins > 0 || hours == 0) {
		fmt.Fprintf(&b, textMinutes, mins)
	}
	return b.String()
}
