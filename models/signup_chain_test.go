package models

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

func chainReq(c Campaign, role string, i int) SignUpRequest {
	return SignUpRequest{CampaignID: c.ID, RoleCode: role, Name: fmt.Sprintf("队员%d", i), Phone: phone(i),
		GroupName: testGroup, Sender: "群主", MsgID: "chain-1", OnlyNew: true}
}

func countVolunteers(t *testing.T, s *Store) int64 {
	t.Helper()
	var n int64
	if err := s.db.Model(&Volunteer{}).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// A failure in the middle of a list registers nobody and leaves the
// message unrecorded; handled again, the whole list goes in.
func TestSignUpListIsAllOrNothing(t *testing.T) {
	s := mustOpen(t)
	c := mustCampaign(t, s, 2, 10)
	msg := InboundMessage{MsgID: "chain-1", Chat: testGroup, Sender: "群主", Text: "#接龙"}
	reqs := []SignUpRequest{chainReq(c, "pioneer", 1), chainReq(c, "pioneer", 2), chainReq(c, "pioneer", 3), chainReq(c, "reserve", 4)}

	broken := append([]SignUpRequest(nil), reqs...)
	broken[2].RoleCode = "vanished" // an internal failure on line 3 of 4
	if _, err := s.SignUpList(WithInbound(context.Background(), msg), broken); !errors.Is(err, ErrNotFound) {
		t.Fatalf("injected failure: err = %v", err)
	}
	if n, v, seen := countRegs(t, s), countVolunteers(t, s), seenRows(t, s); n != 0 || v != 0 || len(seen) != 0 {
		t.Fatalf("after a failure mid-list: %d registrations, %d volunteers, %d seen rows; want none", n, v, len(seen))
	}

	lines, err := s.SignUpList(WithInbound(context.Background(), msg), reqs)
	if err != nil {
		t.Fatal(err)
	}
	statuses := ""
	for _, l := range lines {
		if l.Err != nil {
			t.Fatalf("line refused: %v", l.Err)
		}
		statuses += l.Result.Reg.Status[:1]
	}
	if statuses != "ccwc" { // two pioneer places, the third waits
		t.Errorf("statuses %q, want ccwc", statuses)
	}
	if n := countRegs(t, s); n != 4 {
		t.Errorf("%d registrations, want 4", n)
	}
	if _, err := s.SignUpList(WithInbound(context.Background(), msg), reqs); !errors.Is(err, ErrDuplicate) {
		t.Errorf("the same message again: err = %v, want ErrDuplicate", err)
	}
}

// A line refused on its own (a phone owned by someone else) leaves nothing
// behind and lets the other lines through.
func TestSignUpListRefusesOneLine(t *testing.T) {
	s := mustOpen(t)
	c := mustCampaign(t, s, 5, 5)
	mustSignUp(t, s, c, "pioneer", 1) // 志愿者1 owns phone(1)
	thief := chainReq(c, "reserve", 1)
	thief.Name = "冒名者"
	reqs := []SignUpRequest{chainReq(c, "pioneer", 2), thief, chainReq(c, "reserve", 3)}
	lines, err := s.SignUpList(context.Background(), reqs)
	if err != nil {
		t.Fatal(err)
	}
	if lines[0].Err != nil || !errors.Is(lines[1].Err, ErrPhoneOwned) || lines[2].Err != nil {
		t.Fatalf("line errors: %v / %v / %v", lines[0].Err, lines[1].Err, lines[2].Err)
	}
	if n, v := countRegs(t, s), countVolunteers(t, s); n != 3 || v != 3 {
		t.Errorf("%d registrations and %d volunteers, want 3 and 3", n, v)
	}
}
