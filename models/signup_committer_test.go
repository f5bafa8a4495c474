package models

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"testing"
)

// pioneerJob is a committer job signing a person up as pioneer, the i-th
// test phone, from group.
func pioneerJob(campaignID uint, name, group string, i int) *signUpJob {
	return &signUpJob{ctx: context.Background(), ok: make(chan struct{}), req: SignUpRequest{CampaignID: campaignID,
		RoleCode: "pioneer", Name: name, Phone: phone(i), GroupName: group, Sender: "微信" + name}}
}

// TestGroupCommitSavepointIsolation: in one batch, a sign-up that fails
// after writing (it created its new group, then found the phone owned)
// rolls back only itself.
func TestGroupCommitSavepointIsolation(t *testing.T) {
	s := mustOpen(t)
	c := mustCampaign(t, s, 5, 5)
	mustSignUp(t, s, c, "pioneer", 1)
	job := func(name, group string, i int) *signUpJob { return pioneerJob(c.ID, name, group, i) }
	batch := []*signUpJob{job("甲", "一群", 2), job("冒名", "新群", 1), job("乙", "一群", 3)}
	s.commits.commit(batch)
	if batch[0].err != nil || batch[2].err != nil || !errors.Is(batch[1].err, ErrPhoneOwned) {
		t.Fatalf("errors: %v / %v / %v", batch[0].err, batch[1].err, batch[2].err)
	}
	var groups int64
	if err := s.db.Model(&Group{}).Where("name = ?", "新群").Count(&groups).Error; err != nil || groups != 0 {
		t.Errorf("the failed sign-up's group survived: %d (%v)", groups, err)
	}
	rc, err := s.RoleCounts(context.Background(), c.ID)
	if err != nil || rc[0].Confirmed != 3 {
		t.Errorf("confirmed %+v (%v), want 3", rc, err)
	}
	assertCounters(t, s)
	assertHistoryMatchesState(t, s)
}

// TestBatchMemoNeverKeepsRolledBackRows: a batch remembers the groups it
// read (batchMemo), but a group created by a sign-up whose savepoint was
// rolled back is gone, and the next sign-up of the batch from that group
// must create it again rather than point at a row that no longer exists.
func TestBatchMemoNeverKeepsRolledBackRows(t *testing.T) {
	s := mustOpen(t)
	c := mustCampaign(t, s, 5, 5)
	mustSignUp(t, s, c, "pioneer", 1)
	job := func(name, group string, i int) *signUpJob { return pioneerJob(c.ID, name, group, i) }
	batch := []*signUpJob{job("甲", "新群", 2), job("冒名", "另一新群", 1), job("乙", "另一新群", 3), job("丙", "新群", 4)}
	s.commits.commit(batch)
	if batch[0].err != nil || !errors.Is(batch[1].err, ErrPhoneOwned) || batch[2].err != nil || batch[3].err != nil {
		t.Fatalf("errors: %v / %v / %v / %v", batch[0].err, batch[1].err, batch[2].err, batch[3].err)
	}
	for _, j := range []*signUpJob{batch[0], batch[2], batch[3]} {
		var g Group
		if err := s.db.First(&g, j.res.Reg.GroupID).Error; err != nil || g.Name != j.req.GroupName {
			t.Errorf("%s: registration's group %d is %q (%v), want %q", j.req.Name, j.res.Reg.GroupID, g.Name, err,
				j.req.GroupName)
		}
	}
	if batch[0].res.Reg.GroupID != batch[3].res.Reg.GroupID {
		t.Errorf("one group, two ids: %d and %d", batch[0].res.Reg.GroupID, batch[3].res.Reg.GroupID)
	}
	assertCounters(t, s)
	assertHistoryMatchesState(t, s)
}

// TestGroupCommitConcurrent: many concurrent sign-ups for few places get
// exactly the quota confirmed, the rest a gap-free queue, each told the
// status and position the database holds; the queue follows the order
// the sign-ups were decided in (registration ids).
func TestGroupCommitConcurrent(t *testing.T) {
	s := mustOpen(t)
	c := mustCampaign(t, s, 40, 40)
	const n = 400
	results := make([]SignUpResult, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var err error
			results[i], err = s.SignUp(context.Background(), SignUpRequest{CampaignID: c.ID, RoleCode: "pioneer",
				Name: fmt.Sprint("人", i), Phone: phone(i), GroupName: testGroup})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	var confirmed []uint
	waiting := map[int]uint{} // position → registration id
	for _, r := range results {
		switch r.Reg.Status {
		case StatusConfirmed:
			confirmed = append(confirmed, r.Reg.ID)
		case StatusWaitlisted:
			if _, dup := waiting[r.Position]; dup {
				t.Fatalf("position %d given twice", r.Position)
			}
			waiting[r.Position] = r.Reg.ID
		}
	}
	if len(confirmed) != 40 || len(waiting) != n-40 {
		t.Fatalf("confirmed %d, waitlisted %d", len(confirmed), len(waiting))
	}
	sort.Slice(confirmed, func(i, j int) bool { return confirmed[i] < confirmed[j] })
	prev := confirmed[len(confirmed)-1]
	for p := 1; p <= n-40; p++ {
		id, ok := waiting[p]
		if !ok || id <= prev {
			t.Fatalf("position %d: registration %d (ok %v) after %d", p, id, ok, prev)
		}
		prev = id
	}
	assertCounters(t, s)
	assertHistoryMatchesState(t, s)
}

func TestSignUpAfterClose(t *testing.T) {
	s := mustOpen(t)
	c := mustCampaign(t, s, 5, 5)
	s.Close()
	_, err := s.SignUp(context.Background(), SignUpRequest{CampaignID: c.ID, RoleCode: "pioneer", Name: "迟",
		Phone: phone(1), GroupName: testGroup})
	if !errors.Is(err, ErrClosed) {
		t.Errorf("sign-up after Close: %v", err)
	}
}

// TestBatchMemoCountersFollowTheBatch: one batch that confirms, waitlists,
// fails half-way, and switches a person to another role (which frees a
// place and promotes the next in line) must tell each sign-up the status,
// position and queue number the database holds, with the remembered counter
// following every change the batch makes.
func TestBatchMemoCountersFollowTheBatch(t *testing.T) {
	s := mustOpen(t)
	c := mustCampaign(t, s, 2, 2)
	mustSignUp(t, s, c, "pioneer", 1)
	job := func(name, role string, i int) *signUpJob {
		j := pioneerJob(c.ID, name, testGroup, i)
		j.req.RoleCode = role
		return j
	}
	batch := []*signUpJob{
		job("乙", "pioneer", 2),  // confirmed: the last place
		job("丙", "pioneer", 3),  // waitlisted, 1st
		job("冒名", "pioneer", 1), // fails: the phone is 志愿者1's
		job("丁", "pioneer", 4),  // waitlisted, 2nd
		job("乙", "reserve", 2),  // 乙 moves to reserve: 丙 promoted
		job("戊", "pioneer", 5),  // waitlisted, 2nd again (丁 is 1st)
		job("己", "reserve", 6),  // confirmed: reserve's last place
		job("庚", "reserve", 7),  // waitlisted, 1st
	}
	s.commits.commit(batch)
	for i, j := range batch {
		if i == 2 {
			if !errors.Is(j.err, ErrPhoneOwned) {
				t.Fatalf("job 3: %v, want ErrPhoneOwned", j.err)
			}
			continue
		}
		if j.err != nil {
			t.Fatalf("job %d (%s): %v", i+1, j.req.Name, j.err)
		}
		var db Registration
		if err := s.db.First(&db, j.res.Reg.ID).Error; err != nil {
			t.Fatal(err)
		}
		pos, err := position(s.db, db)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s %s: told %s at %d; holds %s at %d", j.req.Name, j.req.RoleCode, j.res.Reg.Status, j.res.Position,
			db.Status, pos)
		if j.res.Reg.WaitSeq != db.WaitSeq {
			t.Errorf("%s: told queue number %d, database %d", j.req.Name, j.res.Reg.WaitSeq, db.WaitSeq)
		}
	}
	want := []struct {
		status string
		pos    int
	}{{StatusConfirmed, 0}, {StatusWaitlisted, 1}, {}, {StatusWaitlisted, 2}, {StatusConfirmed, 0},
		{StatusWaitlisted, 2}, {StatusConfirmed, 0}, {StatusWaitlisted, 1}}
	for i, w := range want {
		if i == 2 {
			continue
		}
		if r := batch[i].res; r.Reg.Status != w.status || r.Position != w.pos {
			t.Errorf("job %d (%s %s): %s at %d, want %s at %d", i+1, batch[i].req.Name, batch[i].req.RoleCode,
				r.Reg.Status, r.Position, w.status, w.pos)
		}
	}
	assertCounters(t, s)
	assertHistoryMatchesState(t, s)
}
