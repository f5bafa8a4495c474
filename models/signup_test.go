package models

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"
)

func TestQuotaEdgeAndWaitlistOrder(t *testing.T) {
	s := mustOpen(t)
	c := mustCampaign(t, s, 2, 5)
	for i := 1; i <= 2; i++ {
		if r := mustSignUp(t, s, c, "pioneer", i); r.Reg.Status != StatusConfirmed {
			t.Fatalf("%d: %s", i, r.Reg.Status)
		}
	}
	for i := 3; i <= 5; i++ {
		r := mustSignUp(t, s, c, "pioneer", i)
		if r.Reg.Status != StatusWaitlisted || r.Position != i-2 {
			t.Errorf("%d: %s position %d", i, r.Reg.Status, r.Position)
		}
	}
	again := mustSignUp(t, s, c, "pioneer", 4)
	if !again.Already || again.Position != 2 {
		t.Errorf("duplicate phone: already=%v position=%d", again.Already, again.Position)
	}
}

func TestCancelPromotesFirstWaitlisted(t *testing.T) {
	s := mustOpen(t)
	c := mustCampaign(t, s, 1, 5)
	mustSignUp(t, s, c, "pioneer", 1)
	mustSignUp(t, s, c, "pioneer", 2)
	mustSignUp(t, s, c, "pioneer", 3)
	res, err := s.CancelByAdmin(context.Background(), c.ID, Who{GroupName: testGroup, Phone: phone(1)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Cancelled) != 1 || len(res.Promoted) != 1 || res.Promoted[0].Volunteer.Phone != phone(2) {
		t.Fatalf("cancel: %+v", res)
	}
	if res.Promoted[0].Group.Name != "广安市营养学会志愿群" {
		t.Errorf("promotion should know the group to tell: %q", res.Promoted[0].Group.Name)
	}
	mine, _ := s.MyRegistrations(context.Background(), Who{GroupName: testGroup, Phone: phone(3)})
	if len(mine) != 1 || mine[0].Position != 1 {
		t.Errorf("third person should now be first in line: %+v", mine)
	}
	if _, err := s.CancelByAdmin(context.Background(), c.ID, Who{GroupName: testGroup, Phone: phone(1)}); !errors.Is(err, ErrNotFound) {
		t.Errorf("second cancel: %v", err)
	}
}

func TestCancelBySenderNeedsPhoneWhenAmbiguous(t *testing.T) {
	s := mustOpen(t)
	c := mustCampaign(t, s, 5, 5)
	ctx := context.Background()
	for i := 1; i <= 2; i++ {
		_, err := s.SignUp(ctx, SignUpRequest{CampaignID: c.ID, RoleCode: "pioneer", Name: fmt.Sprint("队员", i),
			Phone: phone(i), GroupName: "群", Sender: "队长"})
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.CancelByAdmin(ctx, 0, Who{GroupName: "群", Sender: "队长"}); !errors.Is(err, ErrAmbiguous) {
		t.Errorf("want ErrAmbiguous, got %v", err)
	}
	if _, err := s.CancelByAdmin(ctx, 0, Who{GroupName: "群", Sender: "路人"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("want ErrNotFound, got %v", err)
	}
}

func TestRoleSwitch(t *testing.T) {
	s := mustOpen(t)
	c := mustCampaign(t, s, 1, 5)
	mustSignUp(t, s, c, "reserve", 1)
	// Room in pioneer: moves at once.
	r := mustSignUp(t, s, c, "pioneer", 1)
	if r.Reg.Status != StatusConfirmed || len(r.Moved) != 1 {
		t.Fatalf("switch with room: %+v", r)
	}
	// Pioneer full: person 2 waits for pioneer and keeps the reserve place.
	mustSignUp(t, s, c, "reserve", 2)
	r = mustSignUp(t, s, c, "pioneer", 2)
	if r.Reg.Status != StatusWaitlisted || r.Kept == nil || len(r.Moved) != 0 {
		t.Fatalf("switch without room: %+v", r)
	}
	// Person 1 leaves pioneer: person 2 is promoted and gives up reserve.
	res, err := s.CancelByAdmin(context.Background(), c.ID, Who{GroupName: testGroup, Phone: phone(1)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Promoted) != 1 || res.Promoted[0].Role.Code != "pioneer" {
		t.Fatalf("promotion: %+v", res.Promoted)
	}
	mine, _ := s.MyRegistrations(context.Background(), Who{GroupName: testGroup, Phone: phone(2)})
	if len(mine) != 1 || mine[0].Role.Code != "pioneer" || mine[0].Status != StatusConfirmed {
		t.Errorf("after promotion: %+v", mine)
	}
}

func TestOrgCapWaitlistsAndSkips(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	c, err := s.CreateCampaign(ctx, NewCampaign{Title: "t", Roles: []Role{{Code: "pioneer", Name: "先锋", Quota: 3, OrgCap: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	sign := func(i int, group string) SignUpResult {
		r, err := s.SignUp(ctx, SignUpRequest{CampaignID: c.ID, RoleCode: "pioneer", Name: "某", Phone: phone(i), GroupName: group})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	sign(1, "甲群")
	if r := sign(2, "甲群"); r.Reg.Status != StatusWaitlisted || !r.OrgFull {
		t.Errorf("org cap: %+v", r)
	}
	if r := sign(3, "乙群"); r.Reg.Status != StatusConfirmed {
		t.Errorf("other org should get a place: %s", r.Reg.Status)
	}
}

func TestClosedAndPastDeadline(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	past := fixedNow.Add(-time.Hour)
	c, _ := s.CreateCampaign(ctx, NewCampaign{Title: "t", Deadline: &past, Roles: []Role{{Code: "pioneer", Name: "先锋", Quota: 3}}})
	_, err := s.SignUp(ctx, SignUpRequest{CampaignID: c.ID, RoleCode: "pioneer", Name: "某", Phone: phone(1), GroupName: "g"})
	if !errors.Is(err, ErrCampaignShut) {
		t.Errorf("past deadline: %v", err)
	}
	c2 := mustCampaign(t, s, 1, 1)
	s.CloseCampaign(ctx, c2.ID, "test")
	_, err = s.SignUp(ctx, SignUpRequest{CampaignID: c2.ID, RoleCode: "pioneer", Name: "某", Phone: phone(1), GroupName: "g"})
	if !errors.Is(err, ErrCampaignShut) {
		t.Errorf("closed: %v", err)
	}
	_, err = s.SignUp(ctx, SignUpRequest{CampaignID: c2.ID, RoleCode: "nope", Name: "某", Phone: phone(1), GroupName: "g"})
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown role: %v", err)
	}
}

// TestConcurrentSignUps is the bar: 200 people at once for 40
// places → exactly 40 confirmed, 160 waitlisted at positions 1..160, and
// no error at all (no "database is locked").
func TestConcurrentSignUps(t *testing.T) {
	s := mustOpen(t)
	c := mustCampaign(t, s, 40, 145)
	var wg sync.WaitGroup
	errs := make(chan error, 200)
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			_, err := s.SignUp(context.Background(), SignUpRequest{CampaignID: c.ID, RoleCode: "pioneer",
				Name: "并发", Phone: phone(i), GroupName: fmt.Sprint("群", i%7), Sender: fmt.Sprint("s", i)})
			errs <- err
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("concurrent sign-up failed: %v", err)
		}
	}
	assertCounters(t, s)
	assertHistoryMatchesState(t, s)
	roster, err := s.Roster(context.Background(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	var confirmed int
	var positions []int
	for _, r := range roster {
		switch r.Status {
		case StatusConfirmed:
			confirmed++
		case StatusWaitlisted:
			mine, _ := s.MyRegistrations(context.Background(), Who{GroupName: r.Group.Name, Phone: r.Volunteer.Phone})
			positions = append(positions, mine[0].Position)
		}
	}
	sort.Ints(positions)
	if confirmed != 40 || len(positions) != 160 {
		t.Fatalf("confirmed %d waitlisted %d", confirmed, len(positions))
	}
	for i, p := range positions {
		if p != i+1 {
			t.Fatalf("positions are not 1..160: %v", positions)
		}
	}
}

func TestFirstSeenAndOrgs(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	first, err := s.RecordSeen(WithInbound(ctx, InboundMessage{MsgID: "m1", Text: "报名 13800138000"}))
	again, _ := s.RecordSeen(WithInbound(ctx, InboundMessage{MsgID: "m1"}))
	if err != nil || !first || again {
		t.Errorf("first=%v again=%v err=%v", first, again, err)
	}
	g, _ := s.EnsureGroup(ctx, "未导入群")
	if !g.Organization.Unbound || g.Organization.Name != "未导入群" {
		t.Errorf("auto org: %+v", g.Organization)
	}
	if _, _, err := s.ImportOrgs(ctx, []OrgRow{{Name: "广安市慈善会", Kind: "慈善组织", Group: "未导入群"}}); err != nil {
		t.Fatal(err)
	}
	orgs, _ := s.ListOrgs(ctx)
	if len(orgs) != 1 || orgs[0].Name != "广安市慈善会" || orgs[0].Unbound || len(orgs[0].Groups) != 1 {
		t.Errorf("after import: %+v", orgs)
	}
}
