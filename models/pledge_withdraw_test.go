package models

import (
	"context"
	"errors"
	"testing"
)

// 撤销认捐: only the pledger, from their group, and only before delivery;
// the withdrawal is audited.
func TestWithdrawPledge(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	c := mustCampaign(t, s, 2, 2)
	add := func() Pledge {
		p, err := s.AddPledge(ctx, PledgeRequest{CampaignID: c.ID, GroupName: testGroup, Sender: "刘芳", Item: "消毒液", Quantity: 200, Unit: "桶"})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	p := add()
	if _, err := s.WithdrawPledge(ctx, p.ID, PledgeOwner{GroupName: testGroup, Sender: "别人"}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("someone else withdrew it: %v", err)
	}
	if _, err := s.WithdrawPledge(ctx, p.ID, PledgeOwner{GroupName: "另一个群", Sender: "刘芳"}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("withdrawn from another group: %v", err)
	}
	if _, err := s.WithdrawPledge(ctx, p.ID, PledgeOwner{GroupName: testGroup, Sender: "刘芳"}); err != nil {
		t.Fatal(err)
	}
	if ps, _ := s.Pledges(ctx, c.ID); len(ps) != 0 {
		t.Fatalf("pledge still listed: %+v", ps)
	}
	q := add()
	if _, err := s.MarkDelivered(ctx, q.ID, PledgeOwner{GroupName: testGroup, Sender: "刘芳"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.WithdrawPledge(ctx, q.ID, PledgeOwner{GroupName: testGroup, Sender: "刘芳"}); !errors.Is(err, ErrDelivered) {
		t.Fatalf("a delivered pledge was withdrawn: %v", err)
	}
	var n int64
	s.db.Model(&AuditLog{}).Where("action = ?", AuditPledgeWithdrawn).Count(&n)
	if n != 1 {
		t.Fatalf("%d withdrawals audited, want 1", n)
	}
}
