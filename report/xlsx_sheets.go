package report

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"mobilize/models"
)

// roster writes 名单 and 候补 in one pass over the registrations.
func (b *book) roster(ctx context.Context) (int, error) {
	all, err := b.header(shRoster, xlRosterHead, 7, 10, 14, 12, 8, 9, 24, 24, 17, 17, 17, 16)
	if err != nil {
		return 0, err
	}
	wait, err := b.header(shWaitlist, xlWaitHead, 12, 7, 10, 14, 24, 24, 17, 16)
	if err != nil {
		return 0, err
	}
	rw, ww := &rowWriter{sw: all}, &rowWriter{sw: wait}
	err = b.store.EachRosterRow(ctx, b.t.CampaignID, func(r models.RosterRow) error {
		var pos any
		if r.Position > 0 {
			pos = r.Position
			if err := ww.add(r.Role, r.Position, r.Name, r.Phone, r.Organization, r.Group, b.when(&r.CreatedAt), r.Remark); err != nil {
				return err
			}
		}
		return rw.add(rw.row+1, r.Name, r.Phone, r.Role, statusNames[r.Status], pos, r.Organization, r.Group,
			b.when(&r.CreatedAt), b.when(r.ConfirmedAt), b.when(r.CancelledAt), r.Remark)
	})
	if err != nil {
		return 0, err
	}
	if err := all.Flush(); err != nil {
		return 0, err
	}
	return rw.row, wait.Flush()
}

// orgs writes 机构响应: every organization that answered, most sign-ups
// first, then those that have not, with when each first answered, counts
// per role, and the nudges the chase job sent (the delivery column stays
// empty until broadcasts record deliveries). It returns how many rows have
// sign-ups, for the chart.
func (b *book) orgs(ctx context.Context) (int, error) {
	head := slices.Clone(xlOrgHeadStart)
	widths := []float64{28, 17, 17}
	for _, r := range b.t.Roles {
		head = append(head, fmt.Sprintf(xlConfirmedOf, r.Name), fmt.Sprintf(xlWaitlistedOf, r.Name))
		widths = append(widths, 14, 14)
	}
	head = append(head, xlOrgHeadEnd...)
	widths = append(widths, 10, 8, 9, 13, 12, 13)
	sw, err := b.header(shOrgs, head, widths...)
	if err != nil {
		return 0, err
	}
	first, nudges, err := b.responses(ctx)
	if err != nil {
		return 0, err
	}
	w, answered := &rowWriter{sw: sw}, 0
	for _, o := range b.t.Orgs {
		if o.SignUps() > 0 {
			answered++
		}
		row := []any{orgName(o.Name), nil, b.when(first[o.Name])}
		for _, rc := range o.ByRole {
			row = append(row, rc.Confirmed, rc.Waitlisted)
		}
		row = append(row, o.SignUps(), o.Cancelled, nudges[o.Name], o.Service.Total.Hours, o.Money.Cash, o.Money.GoodsValue)
		if err := w.add(row...); err != nil {
			return 0, err
		}
	}
	for _, name := range b.t.SilentNames {
		row := []any{name, nil, nil}
		for range b.t.Roles {
			row = append(row, 0, 0)
		}
		if err := w.add(append(row, 0, 0, nudges[name], 0, 0, 0)...); err != nil {
			return 0, err
		}
	}
	return answered, sw.Flush()
}

// responses is, per organization name, its groups' earliest sign-up and
// how many nudges the chase job sent them.
func (b *book) responses(ctx context.Context) (map[string]*time.Time, map[string]int, error) {
	byGroup, err := b.store.FirstSignUps(ctx, b.t.CampaignID, b.end)
	if err != nil {
		return nil, nil, err
	}
	nudged, err := b.store.NudgesByGroup(ctx, b.t.CampaignID, b.end)
	if err != nil {
		return nil, nil, err
	}
	groups, err := b.store.GroupOrgs(ctx)
	if err != nil {
		return nil, nil, err
	}
	first, nudges := map[string]*time.Time{}, map[string]int{}
	for _, g := range groups {
		if g.GroupID == 0 {
			continue
		}
		nudges[g.Organization] += nudged[g.GroupID]
		at, ok := byGroup[g.GroupID]
		if !ok {
			continue
		}
		if cur := first[g.Organization]; cur == nil || at.Before(*cur) {
			first[g.Organization] = &at
		}
	}
	return first, nudges, nil
}

// service writes 服务记录, oldest first.
func (b *book) service(ctx context.Context) error {
	sw, err := b.header(shService, xlServiceRows, 12, 10, 24, 24, 12, 8, 8, 16, 16, 17)
	if err != nil {
		return err
	}
	w := &rowWriter{sw: sw}
	err = b.store.EachServiceRow(ctx, b.t.CampaignID, b.t.Date, func(r models.ServiceRow) error {
		return w.add(b.day(r.Day), r.Name, r.Organization, r.Group, r.Activity, r.Hours, r.People, r.Place, r.Extra, b.when(&r.CreatedAt))
	})
	if err != nil {
		return err
	}
	return sw.Flush()
}

// pledges writes 捐赠, oldest first.
func (b *book) pledges(ctx context.Context) error {
	sw, err := b.header(shPledges, xlPledgeRows, 7, 24, 24, 10, 14, 10, 6, 12, 8, 17, 17)
	if err != nil {
		return err
	}
	w := &rowWriter{sw: sw}
	err = b.store.EachPledgeRow(ctx, b.t.CampaignID, b.end, func(p models.PledgeRow) error {
		state := xlNotDelivered
		if p.Delivered {
			state = xlDelivered
		}
		return w.add(int(p.ID), orgName(p.Organization), p.Group, p.Sender, p.Item, p.Quantity, p.Unit, p.Value, state,
			b.when(p.DeliveredAt), b.when(&p.CreatedAt))
	})
	if err != nil {
		return err
	}
	return sw.Flush()
}

// dailyConfirmed is, for each local day from the campaign's first event to
// the report's date, the confirmed people per role at the day's end.
func (b *book) dailyConfirmed(ctx context.Context) (days []string, series [][]int, err error) {
	_, off := b.end.Add(-time.Second).Zone()
	deltas, err := b.store.DailyCounts(ctx, b.t.CampaignID, b.end, time.Duration(off)*time.Second)
	if err != nil {
		return nil, nil, err
	}
	idx := map[uint]int{}
	for i, r := range b.t.Roles {
		idx[r.id] = i
	}
	byDay := map[string][]int{}
	first := b.t.Date
	for _, d := range deltas {
		i, ok := idx[d.RoleID]
		if !ok || d.Status != models.StatusConfirmed {
			continue
		}
		if byDay[d.Day] == nil {
			byDay[d.Day] = make([]int, len(b.t.Roles))
		}
		byDay[d.Day][i] += d.N
		first = min(first, d.Day)
	}
	cur := make([]int, len(b.t.Roles))
	for day, n := first, 0; cmp.Compare(day, b.t.Date) <= 0 && n < maxDays; day, n = nextDay(day), n+1 {
		for i, n := range byDay[day] {
			cur[i] += n
		}
		days, series = append(days, day), append(series, slices.Clone(cur))
	}
	return days, series, nil
}

// maxDays bounds the daily table (ten years of a campaign).
const maxDays = 3660

func nextDay(day string) string {
	d, _ := time.Parse("2006-01-02", day)
	return d.AddDate(0, 0, 1).Format("2006-01-02")
}
