package models

import (
	"context"
	"errors"
	"testing"
)

// TestChangeOwnIsAllOrNothing: the new role is counted in the chosen
// organization (乙's share of 储备 is free, so 甲's 先锋 becomes 乙's 储备);
// a confirmed 先锋 cannot move into 乙, which holds its share, and when
// the kept place of a waiting switch cannot follow, nothing changes; a
// cancelled registration cannot be changed; Current follows a role change.
func TestChangeOwnIsAllOrNothing(t *testing.T) {
	s, ctx := mustOpen(t), context.Background()
	c, err := s.CreateCampaign(ctx, NewCampaign{Title: "t", Roles: []Role{
		{Code: "pioneer", Name: "先锋", Quota: 3, OrgCap: 1}, {Code: "reserve", Name: "储备", Quota: 2, OrgCap: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	a := moveSign(t, s, c, "pioneer", 1, "甲群", WebSender)
	b := moveSign(t, s, c, "pioneer", 2, "乙群", WebSender)
	yi := b.Reg.Group.OrganizationID
	var capErr *OrgCapError
	if _, err = s.ChangeOwn(ctx, a.Reg.ID, OwnChange{OrgID: yi}); !errors.As(err, &capErr) {
		t.Fatalf("into 乙's full share of 先锋: %v", err)
	}
	moveSign(t, s, c, "reserve", 3, "丙群", WebSender)
	moveSign(t, s, c, "reserve", 4, "丁群", WebSender) // 储备 full: a switch to it waits
	if _, err = s.ChangeOwn(ctx, a.Reg.ID, OwnChange{RoleCode: "reserve", OrgID: yi}); !errors.As(err, &capErr) {
		t.Fatalf("a waiting switch whose kept 先锋 cannot enter 乙: %v", err)
	}
	if v, _ := s.RegistrationView(ctx, a.Reg.ID); v.Status != StatusConfirmed || v.Role.Code != "pioneer" || v.Group.Name != "甲群" {
		t.Errorf("after the refusals: %s %s %s", v.Role.Code, v.Status, v.Group.Name)
	}
	if _, err := s.CancelByAdmin(ctx, c.ID, Who{Phone: phone(4), GroupName: "丁群"}); err != nil {
		t.Fatal(err)
	}
	res, err := s.ChangeOwn(ctx, a.Reg.ID, OwnChange{RoleCode: "reserve", OrgID: yi})
	if err != nil || !res.Changed || res.Reg.Role.Code != "reserve" || res.Reg.Status != StatusConfirmed || res.Reg.Group.Name != "乙群" {
		t.Fatalf("to 乙's 储备: %+v %v", res.Reg, err)
	}
	if cur, err := s.Current(ctx, a.Reg.ID); err != nil || cur != res.Reg.ID {
		t.Errorf("the old link follows to %d (%v), want %d", cur, err, res.Reg.ID)
	}
	if _, err := s.CancelByAdmin(ctx, c.ID, Who{Phone: phone(1), GroupName: "乙群"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ChangeOwn(ctx, res.Reg.ID, OwnChange{RoleCode: "pioneer"}); !errors.Is(err, ErrNotActive) {
		t.Errorf("a cancelled registration changed: %v", err)
	}
}
