package report

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"mobilize/models"
)

// streams are the four large sheets, written from the database into
// temporary parts before the rest of the workbook.
type streams struct {
	roster, wait, service, pledges *streamSheet
}

// openStreams opens the large sheets' streams, perSheet data rows a part.
// The organization and group columns are as wide as the widest name.
func (b *book) openStreams(ctx context.Context, perSheet int) (*streams, error) {
	nw, err := b.nameWidth(ctx)
	if err != nil {
		return nil, err
	}
	b.names = nw
	layouts := []sheetLayout{
		{shRoster, xlRosterHead, []float64{7, 10, 14, 12, 8, 10, nw, nw, 17, 17, 17, 16}},
		{shWaitlist, xlWaitHead, []float64{12, 7, 10, 14, nw, nw, 17, 16}},
		{shService, xlServiceRows, []float64{12, 10, nw, nw, 12, 8, 8, 16, 16, 17}},
		{shPledges, xlPledgeRows, []float64{7, nw, nw, 10, 14, 10, 6, 12, 8, 17, 17}},
	}
	var open []*streamSheet
	for _, l := range layouts {
		s, err := newStreamSheet(l, b.head, perSheet, b.loc)
		if err != nil {
			for _, o := range open {
				o.close()
			}
			return nil, err
		}
		open = append(open, s)
	}
	return &streams{roster: open[0], wait: open[1], service: open[2], pledges: open[3]}, nil
}

func (s *streams) all() []*streamSheet { return []*streamSheet{s.roster, s.wait, s.service, s.pledges} }

func (s *streams) close() {
	for _, sh := range s.all() {
		sh.close()
	}
}

// names is the sheet names of a stream's parts.
func (s *streams) names(sh *streamSheet) []string {
	var out []string
	for i := range sh.parts {
		out = append(out, sh.partName(i))
	}
	return out
}

// stream writes the large sheets and returns the roster's length.
func (b *book) stream(ctx context.Context, s *streams) (int, error) {
	if err := b.roster(ctx, s.roster, s.wait); err != nil {
		return 0, fmt.Errorf("sheet %s: %w", shRoster, err)
	}
	if err := b.service(ctx, s.service); err != nil {
		return 0, fmt.Errorf("sheet %s: %w", shService, err)
	}
	if err := b.pledges(ctx, s.pledges); err != nil {
		return 0, fmt.Errorf("sheet %s: %w", shPledges, err)
	}
	for _, sh := range s.all() {
		if err := sh.finish(); err != nil {
			return 0, fmt.Errorf("sheet %s: %w", sh.layout.name, err)
		}
	}
	return s.roster.dataRows(), nil
}

// roster writes 名单 and 候补 in one pass over the registrations.
func (b *book) roster(ctx context.Context, all, wait *streamSheet) error {
	n := 0
	return b.store.EachRosterRow(ctx, b.t.CampaignID, func(r models.RosterRow) error {
		n++
		if r.Position > 0 {
			c := wait.next()
			c.text(r.Role)
			c.int(int64(r.Position))
			c.text(r.Name)
			c.text(r.Phone)
			c.text(r.Organization)
			c.text(r.Group)
			c.time(r.CreatedAt, b.stamp)
			c.text(r.Remark)
			wait.commit()
		}
		c := all.next()
		c.int(int64(n))
		c.text(r.Name)
		c.text(r.Phone)
		c.text(r.Role)
		c.text(statusNames[r.Status])
		if r.Position > 0 {
			c.int(int64(r.Position))
		} else {
			c.skip()
		}
		c.text(r.Organization)
		c.text(r.Group)
		c.time(r.CreatedAt, b.stamp)
		c.time(r.ConfirmedAt, b.stamp)
		c.time(r.CancelledAt, b.stamp)
		c.text(r.Remark)
		all.commit()
		return nil
	})
}

// orgs writes 机构响应: every organization that answered, most sign-ups
// first, then those that have not, with when each first answered, counts
// per role, and the nudges the chase job sent (the delivery column stays
// empty until broadcasts record deliveries). It returns how many rows have
// sign-ups, for the chart.
func (b *book) orgs(ctx context.Context) (int, error) {
	head := slices.Clone(xlOrgHeadStart)
	widths := []float64{max(28, b.names), 17, 17}
	for _, r := range b.t.Roles {
		head = append(head, fmt.Sprintf(xlConfirmedOf, r.Name), fmt.Sprintf(xlWaitlistedOf, r.Name))
		widths = append(widths, max(14, textWidth(r.Name)+8), max(14, textWidth(r.Name)+8))
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
func (b *book) service(ctx context.Context, sh *streamSheet) error {
	return b.store.EachServiceRow(ctx, b.t.CampaignID, b.t.Date, func(r models.ServiceRow) error {
		c := sh.next()
		c.day(r.Day, b.dayFmt)
		c.text(r.Name)
		c.text(r.Organization)
		c.text(r.Group)
		c.text(r.Activity)
		c.num(r.Hours)
		c.int(int64(r.People))
		c.text(r.Place)
		c.text(r.Extra)
		c.time(r.CreatedAt, b.stamp)
		sh.commit()
		return nil
	})
}

// pledges writes 捐赠, oldest first.
func (b *book) pledges(ctx context.Context, sh *streamSheet) error {
	return b.store.EachPledgeRow(ctx, b.t.CampaignID, b.end, func(p models.PledgeRow) error {
		c := sh.next()
		state := xlNotDelivered
		if p.Delivered {
			state = xlDelivered
		}
		c.int(int64(p.ID))
		c.text(orgName(p.Organization))
		c.text(p.Group)
		c.text(p.Sender)
		c.text(p.Item)
		c.num(p.Quantity)
		c.text(p.Unit)
		c.num(p.Value)
		c.text(state)
		if p.DeliveredAt != nil {
			c.time(*p.DeliveredAt, b.stamp)
		} else {
			c.skip()
		}
		c.time(p.CreatedAt, b.stamp)
		sh.commit()
		return nil
	})
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
