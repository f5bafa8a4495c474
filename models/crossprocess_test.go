package models

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// helperEnv carries a child process's orders in TestSignUpsAcrossProcesses.
const helperEnv = "MOBILIZE_SIGNUP_CHILD"

// TestSignUpsAcrossProcesses: 8 processes, each with its own Store, sign
// up 250 people at once for a 40-place role of one database. Quotas and
// the queue hold across processes — exactly 40 confirmed, everyone else
// waitlisted, each with a wait_seq of its own, none skipped — on SQLite
// (one writer at a time, by its file lock) and on PostgreSQL (the role's
// counter row locked FOR UPDATE). Run in the suite's second pass, on
// PostgreSQL (.ci/run).
func TestSignUpsAcrossProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns 8 processes")
	}
	const procs, each, places = 8, 250, 40
	dsn, c := crossProcessCampaign(t, places)

	// All begin at once (spawnChildren), each seeing the group first: the
	// group and its organization are made once, by whichever is first.
	spawnChildren(t, procs, func(p int) string {
		return fmt.Sprintf("%s=%s|%d|%d|%d", helperEnv, dsn, c.ID, p, each)
	}, "^TestSignUpChild$")

	s, err := Open(dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var rows []struct {
		Status string
		N      int
		Seqs   int
		Low    int64
		High   int64
	}
	err = s.db.Raw(`SELECT status, COUNT(*) AS n, COUNT(DISTINCT wait_seq) AS seqs, MIN(wait_seq) AS low, MAX(wait_seq) AS high
		FROM registrations WHERE campaign_id = ? GROUP BY status ORDER BY status`, c.ID).Scan(&rows).Error
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("[{confirmed %d 1 0 0} {waitlisted %d %d 1 %d}]", places, procs*each-places, procs*each-places, procs*each-places)
	if got := fmt.Sprint(rows); got != want {
		t.Errorf("registrations by status (n, distinct wait_seq, lowest, highest): %s, want %s", got, want)
	}
	var cnt RoleCounter
	if err := s.db.Where("role_id = ?", c.Roles[0].ID).First(&cnt).Error; err != nil {
		t.Fatal(err)
	}
	if cnt.Confirmed != places || cnt.Waitlisted != procs*each-places || cnt.WaitSeq != int64(procs*each-places) {
		t.Errorf("role counter %+v", cnt)
	}
	assertHistoryMatchesState(t, s)
}

// TestSignUpChild is one process of TestSignUpsAcrossProcesses; alone it
// has nothing to do.
func TestSignUpChild(t *testing.T) {
	s, f, ok := childStore(t, helperEnv)
	if !ok {
		t.Skip("run by TestSignUpsAcrossProcesses")
	}
	campaignID, _ := strconv.Atoi(f[0])
	inParallel(t, f[1], f[2], func(n int) {
		_, err := s.SignUp(context.Background(), SignUpRequest{CampaignID: uint(campaignID), RoleCode: "pioneer",
			Name: fmt.Sprintf("志愿者%d", n), Phone: phone(n), GroupName: testGroup, Sender: fmt.Sprintf("微信%d", n)})
		if err != nil {
			t.Errorf("sign up %d: %v", n, err)
		}
	})
}

// childStore opens the store a child process's orders (env: the
// database, then its own fields, |-separated) name, and returns the other
// fields; ok is false when the orders are absent (the test runs alone).
func childStore(t *testing.T, env string) (*Store, []string, bool) {
	orders := os.Getenv(env)
	if orders == "" {
		return nil, nil, false
	}
	f := strings.Split(orders, "|")
	s, err := Open(f[0], nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, f[1:], true
}

// inParallel waits for the start (childWindow), then runs fn for each of
// process proc's numbers (proc×each up to (proc+1)×each), all at once, and
// prints the end.
func inParallel(t *testing.T, proc, each string, fn func(n int)) {
	p, _ := strconv.Atoi(proc)
	e, _ := strconv.Atoi(each)
	defer childWindow(t)()
	var wg sync.WaitGroup
	for i := range e {
		wg.Add(1)
		go func() { defer wg.Done(); fn(p*e + i) }()
	}
	wg.Wait()
}

// TestSamePeopleAcrossProcesses: 8 processes sign up the same 250 people
// at once (the same phones, groups and senders, as when a member's message
// reaches several hosts' bots or a form is sent twice). Each person is made
// once and registered once: 250 people, 40 confirmed, 210 waitlisted in
// one queue — on PostgreSQL by the unique phone (the second insert waits
// and takes the first's person) and the rows each sign-up locks.
func TestSamePeopleAcrossProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns 8 processes")
	}
	const procs, people, places = 8, 250, 40
	dsn, c := crossProcessCampaign(t, places)
	spawnChildren(t, procs, func(int) string {
		return fmt.Sprintf("%s=%s|%d|%d|%d", helperEnv, dsn, c.ID, 0, people) // process 0's people, every time
	}, "^TestSignUpChild$")

	s, err := Open(dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var vols, regs, confirmed, waiting, seqs int64
	s.db.Model(&Volunteer{}).Count(&vols)
	s.db.Model(&Registration{}).Count(&regs)
	s.db.Model(&Registration{}).Where("status = ?", StatusConfirmed).Count(&confirmed)
	s.db.Model(&Registration{}).Where("status = ?", StatusWaitlisted).Count(&waiting)
	s.db.Model(&Registration{}).Where("status = ?", StatusWaitlisted).Distinct("wait_seq").Count(&seqs)
	if vols != people || regs != people || confirmed != places || waiting != people-places || seqs != people-places {
		t.Errorf("%d people, %d registrations, %d confirmed, %d waitlisted (%d distinct places in the queue); want %d, %d, %d, %d, %d",
			vols, regs, confirmed, waiting, seqs, people, people, places, people-places, people-places)
	}
	assertHistoryMatchesState(t, s)
}

// crossProcessCampaign makes a fresh database with a campaign whose
// pioneer role has places, closed again for the child processes to open.
func crossProcessCampaign(t *testing.T, places int) (string, Campaign) {
	dsn := testDSN(t)
	s, err := Open(dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	return dsn, mustCampaign(t, s, places, 0)
}
