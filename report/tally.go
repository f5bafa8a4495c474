// Package report computes the tallies and rosters the bureau reads from the
// Store, and renders them for a phone screen, for machines, and as an Excel
// workbook. Counts come from the registration history in SQL aggregates, so
// a past day's tally never changes and a million registrations are never
// loaded into memory.
package report

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"mobilize/models"
	"mobilize/pii"
)

// Tally is one campaign's figures for one day and cumulatively up to its
// end (in the configured time zone).
type Tally struct {
	CampaignID uint        `json:"campaign"`
	Title      string      `json:"title"`
	Date       string      `json:"date"`
	Roles      []RoleTally `json:"roles"`
	// NewConfirmed is how many people took a confirmed place that day: the
	// roles' new confirmations less the role switches (Switched), where a
	// confirmed person moved to a confirmed place in another role.
	NewConfirmed int         `json:"new_confirmed"`
	Switched     int         `json:"switched"`
	Service      Service     `json:"service"`
	Activities   []Activity  `json:"activities"`
	Pledges      []ItemTotal `json:"pledges"`
	Money        Money       `json:"money"`
	// Orgs holds every organization that has signed anyone up, pledged or
	// served, most sign-ups first.
	Orgs []OrgTally `json:"organizations"`
	// Sent counts the organizations the campaign was sent to by the end of
	// the day, Answered those of them with a registration by then
	// (models.Answer, the definition every view shares); UnsentAnswered
	// counts, apart, the organizations with a registration it was not sent
	// to.
	Sent           int `json:"sent_organizations"`
	Answered       int `json:"answered_organizations"`
	UnsentAnswered int `json:"answered_unsent_organizations"`
	// Silent counts the organizations sent to that have not signed anyone
	// up by the end of the day; SilentNames names them.
	Silent      int       `json:"silent_organizations"`
	SilentNames []string  `json:"silent_names,omitempty"`
	Generated   time.Time `json:"generated_at"`
	// today is whether Date is the day the tally was made: its words say
	// 今日 then, 当日 for a past day (a report of last Tuesday is not
	// "today").
	today bool
}

// w is a wording for this tally's day: 今日 as written for today's, 当日
// for a past day's.
func (t Tally) w(format string) string {
	if t.today {
		return format
	}
	return strings.ReplaceAll(format, "今日", "当日")
}

// RoleTally counts people per role at the end of the day, and the moves of
// that day. A promotion is a new confirmation on the day it happens, and
// so is a switch into the role from another; a move to another group
// (改到本群) is none. Only a confirmed place cancelled is given up
// (LeftConfirmed): never a role switch or a group move.
type RoleTally struct {
	Code          string `json:"code"`
	Name          string `json:"name"`
	Quota         int    `json:"quota"`
	Confirmed     int    `json:"confirmed"`
	Waitlisted    int    `json:"waitlisted"`
	Cancelled     int    `json:"cancelled"`
	NewConfirmed  int    `json:"new_confirmed"`
	NewWaitlisted int    `json:"new_waitlisted"`
	// LeftConfirmed is how many confirmed places were given up that day.
	LeftConfirmed int `json:"left_confirmed"`
	id            uint
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

// OrgTally is one organization's line. ByRole follows Tally.Roles.
type OrgTally struct {
	Name          string      `json:"name"`
	Confirmed     int         `json:"confirmed"`
	Waitlisted    int         `json:"waitlisted"`
	Cancelled     int         `json:"cancelled"`
	NewConfirmed  int         `json:"new_confirmed"`
	NewWaitlisted int         `json:"new_waitlisted"`
	ByRole        []RoleCount `json:"by_role"`
	Service       Service     `json:"service"`
	Pledges       []ItemTotal `json:"pledges,omitempty"`
	Money         Money       `json:"money"`
	id            uint
}

// RoleCount is one organization's people in one role.
type RoleCount struct {
	Confirmed  int `json:"confirmed"`
	Waitlisted int `json:"waitlisted"`
}

// SignUps is how many people the organization has signed up and not
// withdrawn: confirmed plus waitlisted.
func (o OrgTally) SignUps() int { return o.Confirmed + o.Waitlisted }

// Compute builds the tally of campaign id for the day date (YYYY-MM-DD in
// loc). It is what `mobilize report` prints and what the daily tally job
// sends; the figures of a past day never change.
func Compute(ctx context.Context, store *models.Store, id uint, date string, loc *time.Location) (t Tally, err error) {
	// One snapshot: the counts, service and pledges are of one moment.
	err = store.Snapshot(ctx, func(ctx context.Context) error {
		t, err = compute(ctx, store, id, date, loc)
		return err
	})
	return t, err
}

// compute is Compute inside its snapshot.
func compute(ctx context.Context, store *models.Store, id uint, date string, loc *time.Location) (Tally, error) {
	camp, err := store.Campaign(ctx, id)
	if err != nil {
		return Tally{}, err
	}
	start, err := time.ParseInLocation("2006-01-02", date, loc)
	if err != nil {
		return Tally{}, fmt.Errorf("date %q: %w", date, err)
	}
	end := start.AddDate(0, 0, 1)
	quotas, err := store.QuotasAt(ctx, id, end)
	if err != nil {
		return Tally{}, err
	}
	b := newBuilder(camp, quotas, date, store.Now())
	b.t.today = store.Now().In(loc).Format("2006-01-02") == date
	groups, err := store.GroupOrgs(ctx)
	if err != nil {
		return Tally{}, err
	}
	b.addOrgs(groups)
	counts, err := store.StatusCounts(ctx, id, start, end)
	if err != nil {
		return Tally{}, err
	}
	b.addCounts(counts)
	changes, err := store.DayChanges(ctx, id, start, end)
	if err != nil {
		return Tally{}, err
	}
	b.addChanges(changes)
	if b.sentTo, err = store.SentTo(ctx, id, end); err != nil {
		return Tally{}, err
	}
	service, err := store.ServiceTotals(ctx, id, date)
	if err != nil {
		return Tally{}, err
	}
	b.addService(service)
	pledges, err := store.PledgeTotals(ctx, id, start, end)
	if err != nil {
		return Tally{}, err
	}
	b.addPledges(pledges)
	return b.finish(), nil
}

// Daily computes the tally of every open campaign for date, newest
// campaign first: the daily tally job's figures.
func Daily(ctx context.Context, store *models.Store, date string, loc *time.Location) ([]Tally, error) {
	camps, err := store.Campaigns(ctx, true)
	if err != nil {
		return nil, err
	}
	out := make([]Tally, 0, len(camps))
	for _, c := range camps {
		t, err := Compute(ctx, store, c.ID, date, loc)
		if err != nil {
			return nil, fmt.Errorf("tally of campaign %d: %w", c.ID, err)
		}
		out = append(out, t)
	}
	return out, nil
}

// builder accumulates a tally from the Store's aggregates.
type builder struct {
	t     Tally
	role  map[uint]int       // role id → index in t.Roles
	orgOf map[uint]uint      // group id → organization id
	orgs  map[uint]*OrgTally // by organization id
	acts  map[string]*Activity
	// registered: organizations with a registration at the end of the
	// day, in any status; sentTo: those the campaign was sent to by then.
	registered, sentTo map[uint]bool
}

// newBuilder starts a tally of camp for date, each role with the quota
// it had at the end of that day (quotas, from the quota history).
func newBuilder(camp models.Campaign, quotas map[uint]int, date string, now time.Time) *builder {
	b := &builder{t: Tally{CampaignID: camp.ID, Title: camp.Title, Date: date, Generated: now},
		role: map[uint]int{}, orgOf: map[uint]uint{}, orgs: map[uint]*OrgTally{},
		acts: map[string]*Activity{}, registered: map[uint]bool{}}
	for i, r := range camp.Roles {
		b.role[r.ID] = i
		q, ok := quotas[r.ID]
		if !ok {
			q = r.Quota
		}
		b.t.Roles = append(b.t.Roles, RoleTally{Code: r.Code, Name: r.Name, Quota: q, id: r.ID})
	}
	return b
}

func (b *builder) addOrgs(groups []models.GroupOrg) {
	for _, g := range groups {
		if g.GroupID != 0 {
			b.orgOf[g.GroupID] = g.OrganizationID
		}
		if b.orgs[g.OrganizationID] == nil {
			b.orgs[g.OrganizationID] = &OrgTally{Name: g.Organization, id: g.OrganizationID, ByRole: make([]RoleCount, len(b.t.Roles))}
		}
	}
}

// org is the organization a group belongs to (a group unknown to the
// organization list counts under an empty name rather than being lost).
func (b *builder) org(groupID uint) *OrgTally {
	id := b.orgOf[groupID]
	if b.orgs[id] == nil {
		b.orgs[id] = &OrgTally{Name: "", id: id, ByRole: make([]RoleCount, len(b.t.Roles))}
	}
	return b.orgs[id]
}

func (b *builder) addCounts(counts []models.StatusCount) {
	for _, c := range counts {
		i, ok := b.role[c.RoleID]
		if !ok {
			continue
		}
		r, o := &b.t.Roles[i], b.org(c.GroupID)
		if c.N > 0 {
			b.registered[o.id] = true
		}
		switch c.Status {
		case models.StatusConfirmed:
			r.Confirmed, r.NewConfirmed, r.LeftConfirmed = r.Confirmed+c.N, r.NewConfirmed+c.In, r.LeftConfirmed+c.Out
			o.Confirmed, o.NewConfirmed, o.ByRole[i].Confirmed = o.Confirmed+c.N, o.NewConfirmed+c.In, o.ByRole[i].Confirmed+c.N
		case models.StatusWaitlisted:
			r.Waitlisted, r.NewWaitlisted = r.Waitlisted+c.N, r.NewWaitlisted+c.In
			o.Waitlisted, o.NewWaitlisted, o.ByRole[i].Waitlisted = o.Waitlisted+c.N, o.NewWaitlisted+c.In, o.ByRole[i].Waitlisted+c.N
		case models.StatusCancelled:
			r.Cancelled, o.Cancelled = r.Cancelled+c.N, o.Cancelled+c.N
		}
	}
}

// addChanges says why the day's confirmed places moved: only a cancelled
// one was given up; one that moved to another role or group is the same
// person's place, neither given up nor (for a group move) new.
func (b *builder) addChanges(changes []models.DayChange) {
	for i := range b.t.Roles {
		b.t.Roles[i].LeftConfirmed = 0
	}
	for _, c := range changes {
		i, ok := b.role[c.RoleID]
		if !ok {
			continue
		}
		r := &b.t.Roles[i]
		switch {
		case c.GaveUp():
			r.LeftConfirmed += c.N
		case c.Switched():
			b.t.Switched += c.N
			b.org(c.FromGroup).NewConfirmed -= c.N // its new role's place is the same person's
		case c.Regrouped() && c.To == models.StatusConfirmed:
			r.NewConfirmed -= c.N
			b.org(c.ToGroup).NewConfirmed -= c.N
		case c.Regrouped() && c.To == models.StatusWaitlisted:
			r.NewWaitlisted -= c.N
			b.org(c.ToGroup).NewWaitlisted -= c.N
		}
	}
	for _, r := range b.t.Roles {
		b.t.NewConfirmed += r.NewConfirmed
	}
	b.t.NewConfirmed -= b.t.Switched
}

func (b *builder) addService(rows []models.ServiceTotal) {
	for _, s := range rows {
		day := Figures{Hours: s.DayHours, People: s.DayPeople, Records: s.DayRecords}
		tot := Figures{Hours: s.Hours, People: s.People, Records: s.Records}
		o := b.org(s.GroupID)
		addFigures(&b.t.Service, day, tot)
		addFigures(&o.Service, day, tot)
		name := s.Activity
		if name == "" {
			name = "其他"
		}
		if b.acts[name] == nil {
			b.acts[name] = &Activity{Name: name}
		}
		a := b.acts[name]
		a.Hours, a.People, a.Records = a.Hours+tot.Hours, a.People+tot.People, a.Records+tot.Records
	}
}

func addFigures(s *Service, day, tot Figures) {
	s.Day.Hours, s.Day.People, s.Day.Records = s.Day.Hours+day.Hours, s.Day.People+day.People, s.Day.Records+day.Records
	s.Total.Hours, s.Total.People, s.Total.Records = s.Total.Hours+tot.Hours, s.Total.People+tot.People, s.Total.Records+tot.Records
}

func (b *builder) addPledges(rows []models.PledgeTotal) {
	for _, p := range rows {
		o := b.orgs[p.OrganizationID]
		if o == nil {
			o = &OrgTally{id: p.OrganizationID, ByRole: make([]RoleCount, len(b.t.Roles))}
			b.orgs[p.OrganizationID] = o
		}
		it := ItemTotal{Item: p.Item, Unit: p.Unit, Day: p.DayQuantity, Total: p.Quantity, Delivered: p.Delivered}
		b.t.Pledges = addItem(b.t.Pledges, it)
		o.Pledges = addItem(o.Pledges, it)
		addMoney(&b.t.Money, p)
		addMoney(&o.Money, p)
	}
}

func addItem(items []ItemTotal, it ItemTotal) []ItemTotal {
	for i := range items {
		if items[i].Item == it.Item && items[i].Unit == it.Unit {
			items[i].Day += it.Day
			items[i].Total += it.Total
			items[i].Delivered += it.Delivered
			return items
		}
	}
	return append(items, it)
}

func addMoney(m *Money, p models.PledgeTotal) {
	if p.Unit == "元" {
		m.Cash += p.Quantity
		m.CashDay += p.DayQuantity
		return
	}
	m.GoodsValue += p.Value
}

// finish orders everything: organizations by sign-ups, then confirmed,
// then service hours, then name; activities by hours.
func (b *builder) finish() Tally {
	t := b.t
	for _, a := range b.acts {
		t.Activities = append(t.Activities, *a)
	}
	sort.Slice(t.Activities, func(i, j int) bool {
		x, y := t.Activities[i], t.Activities[j]
		return x.Hours > y.Hours || (x.Hours == y.Hours && x.Name < y.Name)
	})
	sortItems(t.Pledges)
	for id, o := range b.orgs {
		sortItems(o.Pledges)
		if b.registered[id] || o.Service.Total.Records > 0 || len(o.Pledges) > 0 {
			t.Orgs = append(t.Orgs, *o)
		}
	}
	b.addAnswer(&t)
	maskTally(&t)
	sort.Slice(t.Orgs, func(i, j int) bool {
		a, b := t.Orgs[i], t.Orgs[j]
		if a.SignUps() != b.SignUps() {
			return a.SignUps() > b.SignUps()
		}
		if a.Confirmed != b.Confirmed {
			return a.Confirmed > b.Confirmed
		}
		if a.Service.Total.Hours != b.Service.Total.Hours {
			return a.Service.Total.Hours > b.Service.Total.Hours
		}
		return a.Name < b.Name
	})
	return t
}

// addAnswer counts who answered by the one definition (models.Answer),
// from the registrations at the end of the day.
func (b *builder) addAnswer(t *Tally) {
	a := models.Answer{SentTo: b.sentTo, Registered: b.registered}
	t.Sent, t.Answered, t.UnsentAnswered = a.Sent(), a.Answered(), len(a.Unsent())
	for _, id := range a.Silent() {
		if o := b.orgs[id]; o != nil {
			t.SilentNames = append(t.SilentNames, o.Name)
		}
	}
	sort.Strings(t.SilentNames)
	t.Silent = len(t.SilentNames)
}

// maskTally masks phones in every name a tally carries. An organization
// nobody imported is named after its group, and members name groups (and
// pledged items): a tally goes to chats, the console and files, and never
// carries a phone whole.
func maskTally(t *Tally) {
	t.Title = pii.MaskPhones(t.Title)
	for i := range t.Orgs {
		t.Orgs[i].Name = pii.MaskPhones(t.Orgs[i].Name)
		maskItems(t.Orgs[i].Pledges)
	}
	for i := range t.SilentNames {
		t.SilentNames[i] = pii.MaskPhones(t.SilentNames[i])
	}
	for i := range t.Activities {
		t.Activities[i].Name = pii.MaskPhones(t.Activities[i].Name)
	}
	maskItems(t.Pledges)
}

func maskItems(items []ItemTotal) {
	for i := range items {
		items[i].Item = pii.MaskPhones(items[i].Item)
	}
}

func sortItems(items []ItemTotal) {
	sort.SliceStable(items, func(i, j int) bool {
		if items[i].Item != items[j].Item {
			return items[i].Item < items[j].Item
		}
		return items[i].Unit < items[j].Unit
	})
}
