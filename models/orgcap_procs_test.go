package models

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// capEnv carries a child process's orders in TestOrgCapsAcrossProcesses.
const capEnv = "MOBILIZE_CAP_CHILD"

// The workload of TestOrgCapsAcrossProcesses: capOrgs organizations of
// capGroups groups each; person n belongs to organization n%capOrgs. The
// quota is exactly the organizations' caps together, so after any order of
// sign-ups every organization holds its cap (one short of it would mean
// another over it) and the result is known without knowing the order.
const (
	capProcs, capOrgs, capGroups = 6, 6, 2
	capPerOrg                    = 5
	capQuota                     = capOrgs * capPerOrg
	capFirst                     = 30 // sign-ups per process, phase 1
	capLater                     = 6  // sign-ups per process, phase 2
)

// TestOrgCapsAcrossProcesses: capProcs processes, each with its own Store,
// sign up 180 people of 6 organizations at once for a 30-place role with
// 5 places per organization; then, again all at once, they cancel every
// confirmed person of 3 organizations and some waiting people, while 36
// more sign up. Caps, quota and queue hold across processes: each
// organization ends with exactly its cap, filled by its first waiters in
// queue order who did not leave; the queue is one sequence without gaps
// or repeats; and replaying the history, no sign-up or promotion ever
// broke a rule (signup_cancel.go) — on SQLite and on PostgreSQL.
func TestOrgCapsAcrossProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns 12 processes")
	}
	dsn, c := capCampaign(t)
	s, err := Open(dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	spawnChildren(t, capProcs, func(p int) string { return capOrders(dsn, c, p, 0, capFirst, nil) }, "^TestOrgCapChild$")
	first := capStates(t, s, c)
	assertFirstPhase(t, first)

	cancels, want := capCancels(first)
	spawnChildren(t, capProcs, func(p int) string {
		var mine []int
		for i, n := range cancels {
			if i%capProcs == p {
				mine = append(mine, n)
			}
		}
		return capOrders(dsn, c, p, capProcs*capFirst, capLater, mine)
	}, "^TestOrgCapChild$")

	got := capStates(t, s, c)
	for n := capProcs * capFirst; n < capProcs*(capFirst+capLater); n++ {
		want[n] = StatusWaitlisted // the role is full at every commit
	}
	assertCapStates(t, got, want)
	assertQueue(t, s, c, capProcs*(capFirst+capLater)-capQuota)
	assertRulesReplayed(t, s, c)
	assertHistoryMatchesState(t, s)
}

// capCampaign makes a fresh database with the organizations and their
// groups bound, and a campaign whose pioneer role has the quota and cap.
func capCampaign(t *testing.T) (string, Campaign) {
	dsn := testDSN(t)
	s, err := Open(dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	var rows []OrgRow
	for o := range capOrgs {
		for g := range capGroups {
			rows = append(rows, OrgRow{Name: fmt.Sprintf("组织%d", o), Group: capGroupName(o, g)})
		}
	}
	if _, _, err := s.ImportOrgs(ctx, rows); err != nil {
		t.Fatal(err)
	}
	c, err := s.CreateCampaign(ctx, NewCampaign{Title: "抗疫", Roles: []Role{
		{Code: "pioneer", Name: "志愿先锋", Quota: capQuota, OrgCap: capPerOrg, PhoneRequired: true}}})
	if err != nil {
		t.Fatal(err)
	}
	return dsn, c
}

func capGroupName(org, group int) string { return fmt.Sprintf("组织%d的%d群", org, group) }

// capGroupOf is person n's group.
func capGroupOf(n int) string { return capGroupName(n%capOrgs, n/capOrgs%capGroups) }

// capOrders is process p's orders: sign up each people from first+p×each,
// and cancel the people cancels names.
func capOrders(dsn string, c Campaign, p, first, each int, cancels []int) string {
	list := make([]string, len(cancels))
	for i, n := range cancels {
		list[i] = strconv.Itoa(n)
	}
	return fmt.Sprintf("%s=%s|%d|%d|%d|%s", capEnv, dsn, c.ID, first+p*each, each, strings.Join(list, ","))
}

// TestOrgCapChild is one process of TestOrgCapsAcrossProcesses; alone it
// has nothing to do. Its sign-ups and cancellations all begin at once.
func TestOrgCapChild(t *testing.T) {
	s, f, ok := childStore(t, capEnv)
	if !ok {
		t.Skip("run by TestOrgCapsAcrossProcesses")
	}
	id, _ := strconv.Atoi(f[0])
	from, _ := strconv.Atoi(f[1])
	each, _ := strconv.Atoi(f[2])
	var cancels []int
	for _, w := range strings.FieldsFunc(f[3], func(r rune) bool { return r == ',' }) {
		n, _ := strconv.Atoi(w)
		cancels = append(cancels, n)
	}
	ctx := context.Background()
	defer childWindow(t)()
	var wg sync.WaitGroup
	for n := from; n < from+each; n++ {
		wg.Go(func() {
			_, err := s.SignUp(ctx, SignUpRequest{CampaignID: uint(id), RoleCode: "pioneer",
				Name: fmt.Sprintf("志愿者%d", n), Phone: phone(n), GroupName: capGroupOf(n), Sender: fmt.Sprintf("微信%d", n)})
			if err != nil {
				t.Errorf("sign up %d: %v", n, err)
			}
		})
	}
	for _, n := range cancels {
		wg.Go(func() {
			if _, err := s.CancelByAdmin(ctx, uint(id), Who{Phone: phone(n), GroupName: capGroupOf(n)}); err != nil {
				t.Errorf("cancel %d: %v", n, err)
			}
		})
	}
	wg.Wait()
}

// capState is one person's registration as the test reads it back.
type capState struct {
	Person  int
	Status  string
	WaitSeq int64
}

// capStates reads every registration of the campaign, by person number.
func capStates(t *testing.T, s *Store, c Campaign) map[int]capState {
	t.Helper()
	var rows []struct {
		Phone, Status string
		WaitSeq       int64
	}
	err := s.db.Raw(`SELECT v.phone, r.status, r.wait_seq FROM registrations r JOIN volunteers v ON v.id = r.volunteer_id
		WHERE r.campaign_id = ?`, c.ID).Scan(&rows).Error
	if err != nil {
		t.Fatal(err)
	}
	out := map[int]capState{}
	for _, r := range rows {
		n, _ := strconv.Atoi(strings.TrimPrefix(r.Phone, "138"))
		if _, dup := out[n]; dup {
			t.Errorf("person %d registered twice", n)
		}
		out[n] = capState{Person: n, Status: r.Status, WaitSeq: r.WaitSeq}
	}
	return out
}

// assertFirstPhase: after the sign-ups alone, every organization holds
// exactly its cap and everyone else waits.
func assertFirstPhase(t *testing.T, st map[int]capState) {
	t.Helper()
	if len(st) != capProcs*capFirst {
		t.Fatalf("%d registrations after the sign-ups, want %d", len(st), capProcs*capFirst)
	}
	for o, n := range confirmedByOrg(st) {
		if n != capPerOrg {
			t.Errorf("organization %d holds %d places after the sign-ups, want its cap %d", o, n, capPerOrg)
		}
	}
}

func confirmedByOrg(st map[int]capState) []int {
	out := make([]int, capOrgs)
	for n, r := range st {
		if r.Status == StatusConfirmed {
			out[n%capOrgs]++
		}
	}
	return out
}

// orgQueue is organization o's waiting people, in queue order.
func orgQueue(st map[int]capState, o int) []capState {
	var q []capState
	for n, r := range st {
		if n%capOrgs == o && r.Status == StatusWaitlisted {
			q = append(q, r)
		}
	}
	slices.SortFunc(q, func(a, b capState) int { return int(a.WaitSeq - b.WaitSeq) })
	return q
}

// capCancels chooses, from the first phase's state, whom the second
// cancels — every confirmed person of organizations 0-2, the 1st, 3rd and
// 4th waiters of organizations 0 and 1 (some of whom may be promoted
// before their cancellation arrives), the first two waiters of full
// organization 3 — and what each person's status must then be: each
// organization's places go to its first waiters, in queue order, who were
// not cancelled (a later waiter promoted past an earlier one of an
// organization with room would break the order).
func capCancels(st map[int]capState) ([]int, map[int]string) {
	want := map[int]string{}
	gone := map[int]bool{}
	for n, r := range st {
		want[n] = r.Status
		if r.Status == StatusConfirmed && n%capOrgs < 3 {
			gone[n] = true
		}
	}
	for o, picks := range map[int][]int{0: {0, 2, 3}, 1: {0, 2, 3}, 3: {0, 1}} {
		q := orgQueue(st, o)
		for _, i := range picks {
			gone[q[i].Person] = true
		}
	}
	for n := range gone {
		want[n] = StatusCancelled
	}
	for o := range capOrgs {
		held := 0
		for n, r := range st {
			if n%capOrgs == o && r.Status == StatusConfirmed && !gone[n] {
				held++
			}
		}
		for _, w := range orgQueue(st, o) {
			if !gone[w.Person] && held < capPerOrg {
				want[w.Person], held = StatusConfirmed, held+1
			}
		}
	}
	var cancels []int
	for n := range gone {
		cancels = append(cancels, n)
	}
	slices.Sort(cancels)
	return cancels, want
}

// assertCapStates compares everyone's final status with the rules' and
// says how many places each organization ended with.
func assertCapStates(t *testing.T, got map[int]capState, want map[int]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%d registrations, want %d", len(got), len(want))
	}
	var wrong []string
	for n, w := range want {
		if got[n].Status != w {
			wrong = append(wrong, fmt.Sprintf("%d %s (want %s)", n, got[n].Status, w))
		}
	}
	slices.Sort(wrong)
	if len(wrong) > 0 {
		t.Errorf("%d people in the wrong state: %s", len(wrong), strings.Join(wrong[:min(len(wrong), 12)], "; "))
	}
	held := confirmedByOrg(got)
	for o, n := range held {
		if n != capPerOrg {
			t.Errorf("organization %d holds %d places, want its cap %d (all: %v)", o, n, capPerOrg, held)
		}
	}
}

// assertQueue: everyone ever waitlisted took a wait_seq of their own,
// 1…waited without a gap, and the role's counter agrees with the rows.
func assertQueue(t *testing.T, s *Store, c Campaign, waited int64) {
	t.Helper()
	var q struct{ N, Seqs, Low, High int64 }
	err := s.db.Raw(`SELECT COUNT(*) AS n, COUNT(DISTINCT wait_seq) AS seqs, MIN(wait_seq) AS low, MAX(wait_seq) AS high
		FROM registrations WHERE campaign_id = ? AND wait_seq > 0`, c.ID).Scan(&q).Error
	if err != nil {
		t.Fatal(err)
	}
	if q.N != waited || q.Seqs != waited || q.Low != 1 || q.High != waited {
		t.Errorf("queue places (n, distinct, lowest, highest) %+v, want %d distinct from 1 to %d", q, waited, waited)
	}
	var confirmed, waiting int64
	s.db.Model(&Registration{}).Where("campaign_id = ? AND status = ?", c.ID, StatusConfirmed).Count(&confirmed)
	s.db.Model(&Registration{}).Where("campaign_id = ? AND status = ?", c.ID, StatusWaitlisted).Count(&waiting)
	var cnt RoleCounter
	if err := s.db.Where("role_id = ?", c.Roles[0].ID).First(&cnt).Error; err != nil {
		t.Fatal(err)
	}
	if confirmed != capQuota || cnt.Confirmed != capQuota || int64(cnt.Waitlisted) != waiting || cnt.WaitSeq != waited {
		t.Errorf("role counter %+v; rows: %d confirmed, %d waiting; want %d confirmed, wait_seq %d", cnt, confirmed, waiting, capQuota, waited)
	}
}

// capEvent is one status change of the history, with what the rules
// need to judge it.
type capEvent struct {
	Reg            uint
	Status, Reason string
	WaitSeq        int64
	Org            uint
}

// assertRulesReplayed replays the role's history in the order the
// database serialised it (each change was written holding the role's
// counter) and checks every step against the rules: a sign-up confirmed
// only with room in the role and its organization, waitlisted only
// without; a promotion only with room, and of the first waiter in the
// queue whose organization had room; never more than the quota confirmed,
// nor than the cap in one organization.
func assertRulesReplayed(t *testing.T, s *Store, c Campaign) {
	t.Helper()
	var events []capEvent
	err := s.db.Raw(`SELECT e.registration_id AS reg, e.status, e.reason, r.wait_seq, g.organization_id AS org
		FROM registration_events e JOIN registrations r ON r.id = e.registration_id JOIN groups g ON g.id = e.group_id
		WHERE e.campaign_id = ? ORDER BY e.id`, c.ID).Scan(&events).Error
	if err != nil {
		t.Fatal(err)
	}
	r := capReplay{status: map[uint]capEvent{}, held: map[uint]int{}}
	for i, e := range events {
		if why := r.judge(e); why != "" {
			t.Errorf("event %d of %d (registration %d, %s/%s, wait_seq %d): %s", i, len(events), e.Reg, e.Status, e.Reason, e.WaitSeq, why)
			return
		}
		r.apply(e)
		if r.total > capQuota || r.held[e.Org] > capPerOrg {
			t.Errorf("after event %d: %d confirmed, %d in organization %d", i, r.total, r.held[e.Org], e.Org)
			return
		}
	}
}

// capReplay is the role's state part-way through the history.
type capReplay struct {
	status map[uint]capEvent // each registration's latest change
	held   map[uint]int      // confirmed per organization
	total  int
}

func (r *capReplay) room(org uint) bool { return r.total < capQuota && r.held[org] < capPerOrg }

// judge says which rule e breaks, "" when none.
func (r *capReplay) judge(e capEvent) string {
	switch e.Reason {
	case ReasonSignUp:
		if !r.room(e.Org) {
			return "confirmed without room"
		}
	case ReasonWaitlist:
		if r.room(e.Org) {
			return "waitlisted with room"
		}
	case ReasonPromoted:
		if r.status[e.Reg].Status != StatusWaitlisted || !r.room(e.Org) {
			return "promoted without room or from outside the queue"
		}
		for _, w := range r.status {
			if w.Status == StatusWaitlisted && w.WaitSeq < e.WaitSeq && r.room(w.Org) {
				return fmt.Sprintf("promoted past wait_seq %d, whose organization had room", w.WaitSeq)
			}
		}
	}
	return ""
}

func (r *capReplay) apply(e capEvent) {
	if r.status[e.Reg].Status == StatusConfirmed {
		r.total--
		r.held[e.Org]--
	}
	if e.Status == StatusConfirmed {
		r.total++
		r.held[e.Org]++
	}
	r.status[e.Reg] = e
}
