// Package loadgen writes generated campaigns for the benchmarks and the
// scale tests: a million registrations with their status history in
// seconds, through the Store's bare bulk path (models.Store.Bulk), and
// the bare-insert yardstick benchmarks divide by. It is not part of the
// product: nothing outside tests and benchmarks imports it.
package loadgen

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"mobilize/models"
)

// Sizes says how big a generated database is.
type Sizes struct {
	Registrations, ServiceLogs, Pledges, Organizations int
	Days                                               int // the campaign's length so far
}

// Generate fills an empty store with one open campaign of generated
// data: registrations spread over the days with their status history
// (sign-ups, waitlistings, some promotions and cancellations), one group
// per organization, service records and pledges. It is deterministic
// (fixed seed) and writes bare statements in one transaction, most rows
// in multi-row INSERTs (batch.go), so a million rows take minutes at most,
// not the hour a million SignUp calls would (the status ledger's triggers
// count the events as they go in). The same rows on SQLite and PostgreSQL
// (TestGeneratedAlikeOnBothDatabases). It returns the campaign and the
// first day (in loc).
func Generate(ctx context.Context, s *models.Store, n Sizes, loc *time.Location) (models.Campaign, time.Time, error) {
	first := time.Date(2026, 11, 1, 0, 0, 0, 0, loc)
	c, err := s.CreateCampaign(ctx, models.NewCampaign{Title: "压测倡议", Roles: []models.Role{
		{Code: "pioneer", Name: "志愿先锋", Quota: n.Registrations / 4, PhoneRequired: true},
		{Code: "reserve", Name: "储备志愿者", Quota: n.Registrations / 2, PhoneRequired: true},
	}})
	if err != nil {
		return c, first, err
	}
	err = s.Bulk(ctx, func(tx models.Raw) error {
		g := loadGen{tx: tx, n: n, c: c, first: first, rnd: rand.New(rand.NewPCG(1, 2)), promoted: map[int]int64{}}
		for _, step := range []func() error{g.orgs, g.registrations, g.service, g.pledges} {
			if err := step(); err != nil {
				return err
			}
		}
		return nil
	})
	return c, first, err
}

type loadGen struct {
	tx    models.Raw
	n     Sizes
	c     models.Campaign
	first time.Time
	rnd   *rand.Rand

	groups   []int32       // each registration's group, by id
	promoted map[int]int64 // each role's queue place promoted last
}

func (g *loadGen) exec(q string, args ...any) (sql.Result, error) { return g.tx.Exec(q, args...) }

// at is a time on day d (0-based) of the campaign, spread over the day.
func (g *loadGen) at(d int) time.Time {
	return g.first.AddDate(0, 0, d).Add(time.Duration(g.rnd.IntN(86400)) * time.Second)
}

func (g *loadGen) orgs() error {
	for i := 1; i <= g.n.Organizations; i++ {
		if _, err := g.exec(`INSERT INTO organizations (id, name, kind, unbound, created_at) VALUES (?, ?, '协会', false, ?)`,
			i, fmt.Sprintf("第%04d社会组织", i), g.first); err != nil {
			return err
		}
		if _, err := g.exec(`INSERT INTO groups (id, name, organization_id, enabled, created_at) VALUES (?, ?, ?, true, ?)`,
			i, fmt.Sprintf("第%04d志愿群", i), i, g.first); err != nil {
			return err
		}
	}
	return nil
}

// registrations writes volunteers, registrations and their events: sign-ups
// in time order, confirmed while the role has room, then waitlisted; one
// in twenty cancels a few days later, and a cancelled confirmed place
// promotes the next waiting person of its role. The sign-ups go in
// batches (batch.go); the cancellations one by one, since each promotion
// reads the queue the earlier ones left.
func (g *loadGen) registrations() error {
	vol := newBatch(g.tx, `INSERT INTO volunteers (id, name, phone, nickname, group_name, created_at, updated_at) VALUES `,
		`(?, ?, ?, ?, ?, ?, ?)`)
	reg := newBatch(g.tx, `INSERT INTO registrations (id, campaign_id, role_id, status, wait_seq, volunteer_id, group_id, sender,
		source_msg_id, switch_from, created_at, updated_at, confirmed_at, cancelled_at) VALUES `,
		`(?, ?, ?, ?, ?, ?, ?, ?, '', 0, ?, ?, ?, ?)`)
	ev := g.events()
	type later struct {
		id, role, group int
		at              time.Time
		confirmed       bool
	}
	confirmed := map[int]int{}
	var cancels []later
	g.groups = make([]int32, g.n.Registrations+1)
	perDay := max(g.n.Registrations/max(g.n.Days, 1), 1)
	for i := 1; i <= g.n.Registrations; i++ {
		day := min((i-1)/perDay, g.n.Days-1)
		at := g.at(day)
		ri := g.rnd.IntN(3) % 2 // two thirds pioneers
		role := g.c.Roles[ri]
		group := 1 + g.rnd.IntN(max(g.n.Organizations, 1))
		g.groups[i] = int32(group)
		name := fmt.Sprintf("志愿者%d", i)
		if err := vol.add(i, name, fmt.Sprintf("139%08d", i), name, fmt.Sprintf("第%04d志愿群", group), at, at); err != nil {
			return err
		}
		status, reason, seq := models.StatusConfirmed, models.ReasonSignUp, 0
		var confAt any = at
		if confirmed[ri] >= role.Quota {
			status, reason, seq, confAt = models.StatusWaitlisted, models.ReasonWaitlist, i, nil
		} else {
			confirmed[ri]++
		}
		if err := reg.add(i, g.c.ID, role.ID, status, seq, i, group, name, at, at, confAt, nil); err != nil {
			return err
		}
		if err := ev.add(i, g.c.ID, role.ID, group, status, reason, at.UTC()); err != nil {
			return err
		}
		if g.rnd.IntN(20) == 0 && day+1 < g.n.Days {
			cancels = append(cancels, later{i, int(role.ID), group, g.at(day + 1 + g.rnd.IntN(g.n.Days-day-1)), status == models.StatusConfirmed})
		}
	}
	if err := flushAll(vol, reg, ev); err != nil {
		return err
	}
	slices.SortFunc(cancels, func(a, b later) int { return a.at.Compare(b.at) })
	for _, x := range cancels {
		if _, err := g.exec(`UPDATE registrations SET status = ?, cancelled_at = ?, updated_at = ? WHERE id = ?`,
			models.StatusCancelled, x.at, x.at, x.id); err != nil {
			return err
		}
		if err := ev.add(x.id, g.c.ID, x.role, x.group, models.StatusCancelled, models.ReasonCancelled, x.at.UTC()); err != nil {
			return err
		}
		if x.confirmed {
			if err := g.promote(ev, x.role, x.at); err != nil {
				return err
			}
		}
	}
	return ev.flush()
}

// events batches history events. Their ids come from the database in the
// order the rows are added, the order the events happened.
func (g *loadGen) events() *batch {
	return newBatch(g.tx, `INSERT INTO registration_events (registration_id, campaign_id, role_id, group_id, status, reason, at) VALUES `,
		`(?, ?, ?, ?, ?, ?, ?)`)
}

// promote confirms the first waiting registration of the role, if it had
// signed up by then. It looks past the place it promoted last
// (g.promoted): everyone waiting before that place has left the queue
// for good (promoted or cancelled; nobody here joins a queue ahead of
// others), so the answer is the same, and PostgreSQL does not step over
// every earlier promotion's dead index entry inside the one transaction
// (quadratic: 12,000 promotions took 6.5 s from the queue's start, 0.33 s
// past the last place; BENCHMARKS.md).
func (g *loadGen) promote(ev *batch, role int, at time.Time) error {
	var id, group int
	var since time.Time
	var seq int64
	err := g.tx.QueryRow(`SELECT id, group_id, created_at, wait_seq FROM registrations
		WHERE role_id = ? AND status = ? AND wait_seq > ? ORDER BY wait_seq LIMIT 1`,
		role, models.StatusWaitlisted, g.promoted[role]).Scan(&id, &group, &since, &seq)
	if err == sql.ErrNoRows || (err == nil && since.After(at)) {
		return nil
	}
	if err != nil {
		return err
	}
	g.promoted[role] = seq
	if _, err := g.exec(`UPDATE registrations SET status = ?, confirmed_at = ?, wait_seq = 0 WHERE id = ?`, models.StatusConfirmed, at, id); err != nil {
		return err
	}
	return ev.add(id, g.c.ID, role, group, models.StatusConfirmed, models.ReasonPromoted, at.UTC())
}

// service writes the service records, each for a random registration
// with that registration's volunteer, group and sender (g.groups: the
// volunteer and the sender follow from the id).
func (g *loadGen) service() error {
	st := newBatch(g.tx, `INSERT INTO service_logs (campaign_id, registration_id, volunteer_id, group_id, day, hours, people, activity, sender, created_at) VALUES `,
		`(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	acts := []string{"核酸检测", "秩序维护", "物资配送", "消杀", "心理疏导"}
	for i := 0; i < g.n.ServiceLogs; i++ {
		day := g.rnd.IntN(g.n.Days)
		at := g.at(day)
		hours, people, act := float64(1+g.rnd.IntN(8)), g.rnd.IntN(200), acts[g.rnd.IntN(len(acts))]
		r := 1 + g.rnd.IntN(g.n.Registrations)
		if err := st.add(g.c.ID, r, r, g.groups[r], at.Format("2006-01-02"), hours, people, act, fmt.Sprintf("志愿者%d", r), at); err != nil {
			return err
		}
	}
	return st.flush()
}

func (g *loadGen) pledges() error {
	items := []struct{ item, unit string }{{"N95口罩", "个"}, {"防护服", "套"}, {"现金", "元"}, {"蔬菜", "吨"}, {"消毒液", "瓶"}}
	st := newBatch(g.tx, `INSERT INTO pledges (campaign_id, organization_id, group_id, sender, item, quantity, unit, value, delivered, created_at) VALUES `,
		`(?, ?, ?, '会长', ?, ?, ?, ?, ?, ?)`)
	for i := 0; i < g.n.Pledges; i++ {
		it := items[g.rnd.IntN(len(items))]
		org := 1 + g.rnd.IntN(max(g.n.Organizations, 1))
		if err := st.add(g.c.ID, org, org, it.item, float64(1+g.rnd.IntN(1000)), it.unit,
			float64(g.rnd.IntN(10000)), g.rnd.IntN(3) == 0, g.at(g.rnd.IntN(g.n.Days))); err != nil {
			return err
		}
	}
	return st.flush()
}
