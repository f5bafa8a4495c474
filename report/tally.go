// Package report computes the tallies and rosters the bureau reads from the
// Store, and renders them for a phone screen or for machines. It does the
// arithmetic in Go over the campaign's rows, so days are cut in the
// configured time zone and not by SQLite's string comparison of times.
package report

import (
	"context"
	"fmt"
	"sort"
	"time"

	"mobilize/models"
)

// Tally is one campaign's figures for one day and cumulatively up to it.
type Tally struct {
	CampaignID uint        `json:"campaign"`
	Title      string      `json:"title"`
	Date       string      `json:"date"`
	Roles      []RoleTally `json:"roles"`
	Service    Service     `json:"service"`
	Activities []Activity  `json:"activities"`
	Pledges    []ItemTotal `json:"pledges"`
	Money      Money       `json:"money"`
	Orgs       []OrgTally  `json:"organizations"`
	Generated  time.Time   `json:"generated_at"`
	byOrg      map[string]*OrgTally
}

// RoleTally counts people per role: cumulative to the end of the date and
// new that day. A confirmed place dates from its confirmation (a promotion
// is news on the day it happens); status is the registration's current one,
// so a past day's figures drop people who have cancelled since.
type RoleTally struct {
	Code          string `json:"code"`
	Name          string `json:"name"`
	Quota         int    `json:"quota"`
	Confirmed     int    `json:"confirmed"`
	Waitlisted    int    `json:"waitlisted"`
	NewConfirmed  int    `json:"new_confirmed"`
	NewWaitlisted int    `json:"new_waitlisted"`
}

// Figures are service hours, people served and records.
type Figures struct {
	Hours   float64 `json:"hours"`
	People  int     `json:"people"`
	Records int     `json:"records"`
}

// Service is service work that day and cumulatively.
type Service struct {
	Day   Figures `json:"day"`
	Total Figures `json:"total"`
}

// Activity is service per activity, cumulative.
type Activity struct {
	Name string `json:"name"`
	Figures
}

// ItemTotal is the pledged quantity of one item in one unit.
type ItemTotal struct {
	Item      string  `json:"item"`
	Unit      string  `json:"unit"`
	Day       float64 `json:"day"`
	Total     float64 `json:"total"`
	Delivered float64 `json:"delivered"`
}

// Money sums cash pledged (items in 元) and the stated value of goods.
type Money struct {
	CashDay    float64 `json:"cash_day"`
	Cash       float64 `json:"cash"`
	GoodsValue float64 `json:"goods_value"`
}

// OrgTally is one organization's line.
type OrgTally struct {
	Name       string      `json:"name"`
	Confirmed  int         `json:"confirmed"`
	Waitlisted int         `json:"waitlisted"`
	New        int         `json:"new"`
	Service    Service     `json:"service"`
	Pledges    []ItemTotal `json:"pledges,omitempty"`
	Money      Money       `json:"money"`
}

// Compute builds the tally of campaign id for the day date (YYYY-MM-DD in
// loc).
func Compute(ctx context.Context, store *models.Store, id uint, date string, loc *time.Location) (Tally, error) {
	camp, err := store.Campaign(ctx, id)
	if err != nil {
		return Tally{}, err
	}
	start, err := time.ParseInLocation("2006-01-02", date, loc)
	if err != nil {
		return Tally{}, fmt.Errorf("date %q: %w", date, err)
	}
	end := start.AddDate(0, 0, 1)
	t := Tally{CampaignID: camp.ID, Title: camp.Title, Date: date, Generated: store.Now(), byOrg: map[string]*OrgTally{}}
	regs, err := store.Roster(ctx, id)
	if err != nil {
		return t, err
	}
	t.addRegistrations(camp.Roles, regs, start, end)
	logs, err := store.ServiceLogs(ctx, id)
	if err != nil {
		return t, err
	}
	t.addService(logs, date)
	pledges, err := store.Pledges(ctx, id)
	if err != nil {
		return t, err
	}
	t.addPledges(pledges, start, end)
	t.finish()
	return t, nil
}

func (t *Tally) org(name string) *OrgTally {
	o, ok := t.byOrg[name]
	if !ok {
		o = &OrgTally{Name: name}
		t.byOrg[name] = o
	}
	return o
}

func (t *Tally) addRegistrations(roles []models.Role, regs []models.RegView, start, end time.Time) {
	idx := map[uint]int{}
	for i, r := range roles {
		idx[r.ID] = i
		t.Roles = append(t.Roles, RoleTally{Code: r.Code, Name: r.Name, Quota: r.Quota})
	}
	for _, r := range regs {
		// A confirmed place counts from when it was confirmed, so a
		// promotion today is today's news; a wait counts from the sign-up.
		since := r.CreatedAt
		if r.Status == models.StatusConfirmed && r.ConfirmedAt != nil {
			since = *r.ConfirmedAt
		}
		if !since.Before(end) || r.Status == models.StatusCancelled {
			continue
		}
		rt, o := &t.Roles[idx[r.RoleID]], t.org(r.Group.Organization.Name)
		isNew := !since.Before(start)
		if isNew {
			o.New++
		}
		if r.Status == models.StatusConfirmed {
			rt.Confirmed, o.Confirmed = rt.Confirmed+1, o.Confirmed+1
			if isNew {
				rt.NewConfirmed++
			}
		} else {
			rt.Waitlisted, o.Waitlisted = rt.Waitlisted+1, o.Waitlisted+1
			if isNew {
				rt.NewWaitlisted++
			}
		}
	}
}

func (t *Tally) addService(logs []models.ServiceLog, date string) {
	acts := map[string]*Activity{}
	for _, l := range logs {
		if l.Day > date {
			continue
		}
		o := t.org(l.Group.Organization.Name)
		add(&t.Service.Total, l)
		add(&o.Service.Total, l)
		if l.Day == date {
			add(&t.Service.Day, l)
			add(&o.Service.Day, l)
		}
		name := l.Activity
		if name == "" {
			name = "其他"
		}
		if acts[name] == nil {
			acts[name] = &Activity{Name: name}
		}
		add(&acts[name].Figures, l)
	}
	for _, a := range acts {
		t.Activities = append(t.Activities, *a)
	}
	sort.Slice(t.Activities, func(i, j int) bool {
		return t.Activities[i].Hours > t.Activities[j].Hours ||
			(t.Activities[i].Hours == t.Activities[j].Hours && t.Activities[i].Name < t.Activities[j].Name)
	})
}

func add(f *Figures, l models.ServiceLog) {
	f.Hours += l.Hours
	f.People += l.People
	f.Records++
}

func (t *Tally) addPledges(ps []models.Pledge, start, end time.Time) {
	for _, p := range ps {
		if !p.CreatedAt.Before(end) {
			continue
		}
		isNew := !p.CreatedAt.Before(start)
		o := t.org(p.Organization.Name)
		t.Pledges = addItem(t.Pledges, p, isNew)
		o.Pledges = addItem(o.Pledges, p, isNew)
		addMoney(&t.Money, p, isNew)
		addMoney(&o.Money, p, isNew)
	}
	sortItems(t.Pledges)
}

func addItem(items []ItemTotal, p models.Pledge, isNew bool) []ItemTotal {
	i := slicesIndex(items, p.Item, p.Unit)
	if i < 0 {
		items = append(items, ItemTotal{Item: p.Item, Unit: p.Unit})
		i = len(items) - 1
	}
	items[i].Total += p.Quantity
	if isNew {
		items[i].Day += p.Quantity
	}
	if p.Delivered {
		items[i].Delivered += p.Quantity
	}
	return items
}

func slicesIndex(items []ItemTotal, item, unit string) int {
	for i, it := range items {
		if it.Item == item && it.Unit == unit {
			return i
		}
	}
	return -1
}

func addMoney(m *Money, p models.Pledge, isNew bool) {
	if p.Unit == "元" {
		m.Cash += p.Quantity
		if isNew {
			m.CashDay += p.Quantity
		}
		return
	}
	m.GoodsValue += p.Value
}

func sortItems(items []ItemTotal) {
	sort.SliceStable(items, func(i, j int) bool {
		if items[i].Item != items[j].Item {
			return items[i].Item < items[j].Item
		}
		return items[i].Unit < items[j].Unit
	})
}

// finish orders the organizations: most confirmed first, then by name.
func (t *Tally) finish() {
	for _, o := range t.byOrg {
		sortItems(o.Pledges)
		t.Orgs = append(t.Orgs, *o)
	}
	sort.Slice(t.Orgs, func(i, j int) bool {
		a, b := t.Orgs[i], t.Orgs[j]
		if a.Confirmed != b.Confirmed {
			return a.Confirmed > b.Confirmed
		}
		if a.Service.Total.Hours != b.Service.Total.Hours {
			return a.Service.Total.Hours > b.Service.Total.Hours
		}
		return a.Name < b.Name
	})
}
