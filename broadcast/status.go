package broadcast

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"mobilize/models"
)

// Delivery states of a group, worst first.
const (
	StateUncertain = "uncertain"
	StateFailed    = "failed"
	StateWithdrawn = "withdrawn"
	StatePending   = "pending"
	StateSent      = "sent"
)

// GroupStatus is how the campaign's delivery to one group stands.
type GroupStatus struct {
	Group        string     `json:"group"`
	Organization string     `json:"organization"`
	State        string     `json:"state"`
	Reason       string     `json:"reason,omitempty"`
	Parts        int        `json:"parts"`
	Sent         int        `json:"sent"`
	QueuedAt     time.Time  `json:"queued_at"`
	DeliveredAt  *time.Time `json:"delivered_at,omitempty"` // when its last part went out
	// Account is the bot account that sends or sent the group's messages
	// (status_accounts.go): its outbox rows' account, several joined by
	// "、" when a failover moved some; "" when no account serves it yet.
	Account string `json:"account,omitempty"`
}

// RoleTally is one role's confirmed and waitlisted count.
type RoleTally struct {
	Code       string `json:"code"`
	Name       string `json:"name"`
	Confirmed  int    `json:"confirmed"`
	Waitlisted int    `json:"waitlisted"`
}

// OrgStatus is one reached organization's answer: when the initiative
// reached it, when it first signed someone up, and how many per role.
type OrgStatus struct {
	Organization string      `json:"organization"`
	Groups       []string    `json:"groups"`
	DeliveredAt  *time.Time  `json:"delivered_at,omitempty"`
	FirstSignup  *time.Time  `json:"first_signup_at,omitempty"`
	Roles        []RoleTally `json:"roles"`
}

// Answered reports whether anyone from the organization signed up.
func (o OrgStatus) Answered() bool { return o.FirstSignup != nil }

// Status is a campaign's broadcast: per group, per organization (answered
// first, by first sign-up; those that have not answered last), and totals.
type Status struct {
	CampaignID uint               `json:"campaign"`
	Title      string             `json:"title"`
	Open       bool               `json:"open"`
	Groups     []GroupStatus      `json:"groups"`
	Orgs       []OrgStatus        `json:"organizations"`
	Counts     map[string]int     `json:"counts"` // groups per state
	Roles      []models.RoleCount `json:"roles"`
	// Accounts lists the bot accounts known to serve any group: with more
	// than one, staff see which account sends to each group.
	Accounts []string `json:"accounts,omitempty"`
	// owners is every group's owner by name, for the groups not sent to
	// (SenderOf).
	owners map[string]string
	// Answer is who answered (models.Answer: among the organizations sent
	// to, and apart those that answered unasked).
	Answer models.Answer `json:"-"`
	// UnsentAnswered counts the organizations that answered without being
	// sent to (Answer.Unsent).
	UnsentAnswered int `json:"answered_unsent"`
}

// Answered counts the organizations sent to that answered.
func (s Status) Answered() int { return s.Answer.Answered() }

// Done reports whether nothing is waiting to be sent.
func (s Status) Done() bool { return s.Counts[StatePending] == 0 }

// Status reads how the campaign's broadcast stands, in one snapshot: the
// deliveries, the counts and who answered are of one moment.
func (b *Broadcaster) Status(ctx context.Context, campaignID uint) (st Status, err error) {
	err = b.Store.Snapshot(ctx, func(ctx context.Context) error {
		st, err = b.status(ctx, campaignID)
		return err
	})
	return st, err
}

// status is Status inside its snapshot.
func (b *Broadcaster) status(ctx context.Context, campaignID uint) (Status, error) {
	c, err := b.Store.Campaign(ctx, campaignID)
	if errors.Is(err, models.ErrNotFound) {
		return Status{}, &Error{fmt.Sprintf(txtNoCampaign, campaignID)}
	}
	if err != nil {
		return Status{}, err
	}
	st := Status{CampaignID: c.ID, Title: c.Title, Open: c.Status == models.CampaignOpen, Counts: map[string]int{}}
	parts, err := b.Store.DeliveryParts(ctx, c.ID)
	if err != nil {
		return st, err
	}
	if st.Roles, err = b.Store.RoleCounts(ctx, c.ID); err != nil {
		return st, err
	}
	if st.Answer, err = b.Store.Answer(ctx, c.ID); err != nil {
		return st, err
	}
	st.UnsentAnswered = len(st.Answer.Unsent())
	orgs, order := groupStatuses(&st, parts)
	if err := b.addAccounts(ctx, &st); err != nil {
		return st, err
	}
	if err := b.addResponses(ctx, c, orgs); err != nil {
		return st, err
	}
	for _, id := range order {
		st.Orgs = append(st.Orgs, *orgs[id])
	}
	sortOrgs(st.Orgs)
	return st, nil
}

// groupStatuses folds outbox rows into one status per group, and groups
// into organizations (in the order first reached).
func groupStatuses(st *Status, parts []models.DeliveryPartView) (map[uint]*OrgStatus, []uint) {
	orgs := map[uint]*OrgStatus{}
	var order []uint
	for i := 0; i < len(parts); {
		j := i
		for j < len(parts) && parts[j].DeliveryID == parts[i].DeliveryID {
			j++
		}
		g := foldGroup(parts[i:j])
		st.Groups = append(st.Groups, g)
		st.Counts[g.State]++
		o, ok := orgs[parts[i].OrganizationID]
		if !ok {
			o = &OrgStatus{Organization: g.Organization}
			orgs[parts[i].OrganizationID] = o
			order = append(order, parts[i].OrganizationID)
		}
		o.Groups = append(o.Groups, g.Group)
		if g.DeliveredAt != nil && (o.DeliveredAt == nil || g.DeliveredAt.Before(*o.DeliveredAt)) {
			o.DeliveredAt = g.DeliveredAt
		}
		i = j
	}
	return orgs, order
}

func foldGroup(parts []models.DeliveryPartView) GroupStatus {
	p0 := parts[0]
	g := GroupStatus{Group: p0.GroupName, Organization: p0.OrgName, Parts: len(parts), QueuedAt: p0.QueuedAt, State: StateSent}
	rank := map[string]int{StateUncertain: 0, StateFailed: 1, StateWithdrawn: 2, StatePending: 3, StateSent: 4}
	var last *time.Time
	g.Account = partsAccount(parts)
	for _, p := range parts {
		s := partState(p)
		if s == StateSent {
			g.Sent++
			if last == nil || p.SentAt.After(*last) {
				last = p.SentAt
			}
		}
		if rank[s] < rank[g.State] {
			g.State, g.Reason = s, p.LastError
		}
	}
	if g.State == StateSent {
		g.DeliveredAt = last
	}
	return g
}

func partState(p models.DeliveryPartView) string {
	switch p.Status {
	case models.OutboxSent:
		return StateSent
	case models.OutboxFailed:
		if p.LastError == models.WithdrawnReason {
			return StateWithdrawn
		}
		return StateFailed
	case models.OutboxUncertain:
		return StateUncertain
	}
	return StatePending // pending or sending
}

// addResponses fills in each organization's first sign-up and counts.
func (b *Broadcaster) addResponses(ctx context.Context, c models.Campaign, orgs map[uint]*OrgStatus) error {
	first, err := b.Store.FirstSignups(ctx, c.ID)
	if err != nil {
		return err
	}
	for _, f := range first {
		if o, ok := orgs[f.OrganizationID]; ok {
			at := f.CreatedAt
			o.FirstSignup = &at
		}
	}
	counts, err := b.Store.ResponseCounts(ctx, c.ID)
	if err != nil {
		return err
	}
	for id, o := range orgs {
		for _, r := range c.Roles {
			t := RoleTally{Code: r.Code, Name: r.Name}
			for _, rc := range counts {
				if rc.OrganizationID != id || rc.RoleID != r.ID {
					continue
				}
				if rc.Status == models.StatusConfirmed {
					t.Confirmed += rc.N
				} else {
					t.Waitlisted += rc.N
				}
			}
			o.Roles = append(o.Roles, t)
		}
	}
	return nil
}

// sortOrgs puts answering organizations first, by first sign-up, and the
// silent ones last, by name.
func sortOrgs(orgs []OrgStatus) {
	sort.SliceStable(orgs, func(i, j int) bool {
		a, b := orgs[i], orgs[j]
		if a.Answered() != b.Answered() {
			return a.Answered()
		}
		if a.Answered() {
			return a.FirstSignup.Before(*b.FirstSignup)
		}
		return a.Organization < b.Organization
	})
}

// Silent lists the organizations that have not answered, by name.
func (s Status) Silent() []string {
	var out []string
	for _, o := range s.Orgs {
		if !o.Answered() {
			out = append(out, o.Organization)
		}
	}
	return out
}

// Summary is the short status for a phone: totals per state, roles,
// answered organizations and (up to maxSilent of) those that have not.
func Summary(s Status, maxSilent int) string {
	state := txtStatusOpen
	if !s.Open {
		state = txtStatusClosed
	}
	lines := []string{fmt.Sprintf(txtStatusHead, s.CampaignID, s.Title, state)}
	if len(s.Groups) == 0 {
		lines = append(lines, txtStatusNoneSent)
	} else {
		lines = append(lines, fmt.Sprintf(txtStatusGroups, len(s.Groups), s.Counts[StateSent], s.Counts[StatePending],
			s.Counts[StateFailed], s.Counts[StateUncertain], s.Counts[StateWithdrawn]))
		lines = append(lines, fmt.Sprintf(txtStatusOrgs, s.Answered(), s.Answer.Sent()))
	}
	if s.UnsentAnswered > 0 {
		lines = append(lines, fmt.Sprintf(txtStatusUnsent, s.UnsentAnswered))
	}
	for _, r := range s.Roles {
		lines = append(lines, fmt.Sprintf(txtStatusRoles, r.Name, r.Confirmed, r.Quota, r.Waitlisted))
	}
	if silent := s.Silent(); len(silent) > 0 {
		shown := silent
		if maxSilent > 0 && len(shown) > maxSilent {
			shown = append(shown[:maxSilent:maxSilent], fmt.Sprintf(txtStatusMore, len(silent)))
		}
		lines = append(lines, fmt.Sprintf(txtStatusSilent, len(silent), strings.Join(shown, "、")))
	}
	return strings.Join(lines, "\n")
}

// StateName is a delivery state in Chinese.
func StateName(state string) string {
	return map[string]string{StateSent: txtStateSent, StatePending: txtStatePending, StateFailed: txtStateFailed,
		StateUncertain: txtStateUncertain, StateWithdrawn: txtStateWithdrawn}[state]
}

// TimeText renders an optional time in loc, or a dash.
func TimeText(t *time.Time, loc *time.Location) string {
	if t == nil {
		return txtNever
	}
	return t.In(loc).Format("01-02 15:04")
}
