package models

import (
	"context"
	"errors"
	"testing"
)

// A member stored under a wrong name (a nickname, a title) fixes it by
// signing up again with the right name and the same phone, from the same
// sender in the same group; anyone else typing that phone is still refused.
func TestRenameOwn(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	c := mustCampaign(t, s, 5, 5)
	req := SignUpRequest{CampaignID: c.ID, RoleCode: "pioneer", Name: "风轻云淡", Phone: phone(1), GroupName: testGroup, Sender: "风轻云淡"}
	if _, err := s.SignUp(ctx, req); err != nil {
		t.Fatal(err)
	}
	other := req
	other.Name, other.Sender = "李娜", "李娜"
	if _, err := s.SignUp(ctx, other); !errors.Is(err, ErrPhoneOwned) {
		t.Fatalf("another sender renamed the phone's owner: %v", err)
	}
	elsewhere := req
	elsewhere.Name, elsewhere.GroupName = "周凯", "另一个群"
	if _, err := s.SignUp(ctx, elsewhere); !errors.Is(err, ErrPhoneOwned) {
		t.Fatalf("renamed from another group: %v", err)
	}
	fix := req
	fix.Name = "周凯"
	res, err := s.SignUp(ctx, fix)
	if err != nil {
		t.Fatal(err)
	}
	if res.Renamed != "风轻云淡" || res.Reg.Volunteer.Name != "周凯" || !res.Already {
		t.Fatalf("rename: %+v", res)
	}
	roster, err := s.Roster(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(roster) != 1 || roster[0].Volunteer.Name != "周凯" {
		t.Fatalf("roster after rename: %+v", roster)
	}
	var n int64
	s.db.Model(&AuditLog{}).Where("action = ?", AuditRename).Count(&n)
	if n != 1 {
		t.Fatalf("%d renames audited, want 1", n)
	}
}
