package models

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
)

// TestEachRosterRowMatchesRoster checks the streamed roster, which reads
// group names from a map and times as Unix seconds, against the loaded
// one: same rows in the same order, same names, phones, roles, statuses,
// waitlist positions, groups, organizations, remarks and times (to the
// second), including registrations with no group and a cancellation that
// promoted someone.
func TestEachRosterRowMatchesRoster(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	c := mustCampaign(t, s, 2, 3)
	if _, _, err := s.ImportOrgs(ctx, []OrgRow{{Name: "营养学会", Group: testGroup}}); err != nil {
		t.Fatal(err)
	}
	clock := fixedNow
	s.Now = func() time.Time { clock = clock.Add(90*time.Second + 500*time.Millisecond); return clock }
	for i := range 6 {
		group := testGroup
		if i%2 == 1 {
			group = "无组织的群"
		}
		role := "pioneer"
		if i == 5 {
			role = "reserve"
		}
		if _, err := s.SignUp(ctx, SignUpRequest{CampaignID: c.ID, RoleCode: role, Name: fmt.Sprintf("志愿者%d", i),
			Phone: phone(i), GroupName: group, Sender: "s", Remark: fmt.Sprintf("备注%d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.SignUp(ctx, SignUpRequest{CampaignID: c.ID, RoleCode: "reserve", Name: "私聊", Phone: phone(9)}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CancelByAdmin(ctx, c.ID, Who{Phone: phone(0), GroupName: testGroup}); err != nil { // promotes 志愿者2
		t.Fatal(err)
	}
	want, err := s.Roster(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []RosterRow
	if err := s.EachRosterRow(ctx, c.ID, func(r RosterRow) error { got = append(got, r); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) || len(got) != 7 {
		t.Fatalf("%d streamed rows, %d loaded", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		same := g.ID == w.ID && g.Name == w.Volunteer.Name && g.Phone == w.Volunteer.Phone && g.RoleCode == w.Role.Code &&
			g.Role == w.Role.Name && g.Status == w.Status && g.Position == w.Position && g.Group == w.Group.Name &&
			g.Organization == w.Group.Organization.Name && g.Remark == w.Remark &&
			sameSecond(g.CreatedAt, &w.CreatedAt) && sameSecond(g.ConfirmedAt, w.ConfirmedAt) && sameSecond(g.CancelledAt, w.CancelledAt)
		if !same {
			t.Errorf("row %d: streamed %+v\nloaded %+v %+v %+v", i, g, w.Registration, w.Group, w.Position)
		}
	}
	var waitlisted []RosterRow
	err = s.EachRosterRow(ctx, c.ID, func(r RosterRow) error { waitlisted = append(waitlisted, r); return nil }, StatusWaitlisted)
	if err != nil || len(waitlisted) != 2 || waitlisted[0].Name != "志愿者3" || waitlisted[1].Position != 2 {
		t.Errorf("waitlisted only: %+v %v", waitlisted, err)
	}
}

// TestEachRosterRowStopsWhenCancelled: the streamed queries do not hand
// the driver a cancellable context (see uncancelled), so the loop itself
// must notice an interrupted export.
func TestEachRosterRowStopsWhenCancelled(t *testing.T) {
	s := mustOpen(t)
	c := mustCampaign(t, s, 2, 3)
	for i := range 4 {
		mustSignUp(t, s, c, "pioneer", i) // 2 confirmed, 2 waitlisted
	}
	ctx, cancel := context.WithCancel(context.Background())
	seen := 0
	err := s.EachRosterRow(ctx, c.ID, func(RosterRow) error { seen++; cancel(); return nil })
	if !errors.Is(err, context.Canceled) || seen != 2 {
		t.Errorf("after cancelling: %d rows, %v; want the first part's 2 and context.Canceled", seen, err)
	}
}

// sameSecond reports whether a streamed time (zero for none) is the loaded
// one to the second.
func sameSecond(got time.Time, want *time.Time) bool {
	if want == nil || want.IsZero() {
		return got.IsZero()
	}
	return got.Unix() == want.Unix() && !got.IsZero()
}
