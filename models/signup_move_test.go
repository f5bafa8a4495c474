package models

import (
	"context"
	"errors"
	"testing"
	"time"
)

// moveSign signs phone(i) up for role from group, sent by sender.
func moveSign(t *testing.T, s *Store, c Campaign, role string, i int, group, sender string) SignUpResult {
	t.Helper()
	res, err := s.SignUp(context.Background(), SignUpRequest{CampaignID: c.ID, RoleCode: role, Name: "张三丰",
		Phone: phone(i), GroupName: group, Sender: sender})
	if err != nil {
		t.Fatalf("sign up %d: %v", i, err)
	}
	return res
}

// TestMoveHereKeepsRoleAndStatus: 改到本群 files the registration under
// the asking group, role, status and id kept; the history credits the new
// group from then on, and the move is audited.
func TestMoveHereKeepsRoleAndStatus(t *testing.T) {
	s, ctx := mustOpen(t), context.Background()
	c := mustCampaign(t, s, 2, 2)
	first := moveSign(t, s, c, "pioneer", 1, "甲群", "张三")
	res, err := s.MoveHere(ctx, c.ID, Who{GroupName: "乙群", Sender: "张三"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Moved) != 1 || res.From != "甲群" || res.Moved[0].Place() != "乙群" {
		t.Fatalf("moved %+v from %q", res.Moved, res.From)
	}
	m := res.Moved[0]
	if m.ID != first.Reg.ID || m.Status != StatusConfirmed || m.Role.Code != "pioneer" {
		t.Errorf("after the move: id %d status %s role %s", m.ID, m.Status, m.Role.Code)
	}
	day := time.Date(fixedNow.Year(), fixedNow.Month(), fixedNow.Day(), 0, 0, 0, 0, fixedNow.Location())
	counts, err := s.StatusCounts(ctx, c.ID, day, day.AddDate(0, 0, 1))
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range counts {
		want := 0
		if sc.GroupID == m.GroupID && sc.Status == StatusConfirmed {
			want = 1
		}
		if sc.N != want {
			t.Errorf("group %d %s: %d at the end of the day, want %d", sc.GroupID, sc.Status, sc.N, want)
		}
	}
	if _, err := s.MoveHere(ctx, c.ID, Who{GroupName: "乙群", Sender: "张三"}); !errors.Is(err, ErrAlreadyHere) {
		t.Errorf("second move: %v, want ErrAlreadyHere", err)
	}
	var n int64
	s.db.Model(&AuditLog{}).Where("action = ?", AuditRegroup).Count(&n)
	if n != 1 {
		t.Errorf("%d audit records, want 1", n)
	}
}

// TestMoveHereOnlyByItsSender: another sender, even with the phone, and a
// web sign-up (owned by its page, not by any chat name) are refused, and
// nothing moves.
func TestMoveHereOnlyByItsSender(t *testing.T) {
	s, ctx := mustOpen(t), context.Background()
	c := mustCampaign(t, s, 2, 2)
	moveSign(t, s, c, "pioneer", 1, "甲群", "张三")
	moveSign(t, s, c, "pioneer", 2, "甲群", WebSender)
	for _, who := range []Who{
		{GroupName: "乙群", Sender: "路人", Phone: phone(1)},
		{GroupName: "乙群", Sender: "张三", Phone: phone(2)},
		{GroupName: "乙群", Sender: WebSender, Phone: phone(2)},
	} {
		_, err := s.MoveHere(ctx, c.ID, who)
		var not *NotOwnerError
		if !errors.As(err, &not) || not.Reg.Place() != "甲群" {
			t.Errorf("%+v: %v, want a NotOwnerError naming 甲群", who, err)
		}
	}
	if _, err := s.MoveHere(ctx, c.ID, Who{GroupName: "乙群", Sender: "路人"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("a sender with nothing: %v", err)
	}
	if _, err := s.MoveHere(ctx, c.ID, Who{GroupName: "乙群", Sender: "\u3000"}); !errors.Is(err, ErrNobody) {
		t.Errorf("a blank sender: %v", err)
	}
	var moved int64
	s.db.Model(&Registration{}).Joins("JOIN groups ON groups.id = registrations.group_id").Where("groups.name = ?", "乙群").Count(&moved)
	if moved != 0 {
		t.Errorf("%d registrations moved", moved)
	}
}

// TestMoveHereRespectsOrgCaps: a confirmed place cannot enter an
// organization at its cap; leaving one frees its share for whoever waited.
func TestMoveHereRespectsOrgCaps(t *testing.T) {
	s, ctx := mustOpen(t), context.Background()
	c, err := s.CreateCampaign(ctx, NewCampaign{Title: "t", Roles: []Role{{Code: "pioneer", Name: "先锋", Quota: 3, OrgCap: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	moveSign(t, s, c, "pioneer", 1, "甲群", "A")
	if r := moveSign(t, s, c, "pioneer", 2, "甲群", "B"); r.Reg.Status != StatusWaitlisted {
		t.Fatalf("B: %s", r.Reg.Status)
	}
	moveSign(t, s, c, "pioneer", 3, "乙群", "C")
	var capErr *OrgCapError
	if _, err := s.MoveHere(ctx, c.ID, Who{GroupName: "甲群", Sender: "C"}); !errors.As(err, &capErr) {
		t.Errorf("into a full organization: %v", err)
	}
	res, err := s.MoveHere(ctx, c.ID, Who{GroupName: "丙群", Sender: "A"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Promoted) != 1 || res.Promoted[0].Volunteer.Phone != phone(2) {
		t.Errorf("promoted %+v, want B", res.Promoted)
	}
}
