package models

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
)

func deliveryReq(c Campaign, g Group, n int) DeliveryRequest {
	r := DeliveryRequest{CampaignID: c.ID, GroupID: g.ID, GroupName: g.Name, By: "test"}
	for i := range n {
		r.Messages = append(r.Messages, OutboxMessage{Target: g.Name, IsGroup: true, Kind: KindBroadcast, Text: fmt.Sprintf("part %d", i+1)})
	}
	return r
}

func TestQueueDeliveryOncePerGroup(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	c := mustCampaign(t, s, 3, 3)
	g, err := s.EnsureGroup(ctx, "甲群")
	if err != nil {
		t.Fatal(err)
	}
	for try := range 3 {
		_, created, err := s.QueueDelivery(ctx, deliveryReq(c, g, 3))
		if err != nil {
			t.Fatal(err)
		}
		if created != (try == 0) {
			t.Fatalf("try %d: created = %v", try, created)
		}
	}
	rows, err := s.OutboxRows(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0].Text != "part 1" || rows[2].Text != "part 3" {
		t.Fatalf("outbox = %+v, want the three parts once, in order", rows)
	}
	parts, err := s.DeliveryParts(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(parts) != 3 || parts[0].GroupName != "甲群" || parts[0].OrgName != "甲群" || parts[1].Seq != 2 {
		t.Fatalf("parts = %+v", parts)
	}
}

func TestCloseWithdrawsUnsentDeliveries(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	c := mustCampaign(t, s, 3, 3)
	g, err := s.EnsureGroup(ctx, "甲群")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.QueueDelivery(ctx, deliveryReq(c, g, 2)); err != nil {
		t.Fatal(err)
	}
	rows, err := s.OutboxRows(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The first part went out before the campaign closed.
	if _, err := s.ClaimOutbox(ctx, rows[0].ID); err != nil {
		t.Fatal(err)
	}
	if err := s.FinishOutbox(ctx, rows[0].ID, OutboxOutcome{Status: OutboxSent}); err != nil {
		t.Fatal(err)
	}
	if err := s.CloseCampaign(ctx, c.ID, "test"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ClaimOutbox(ctx, rows[1].ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("claim after close: err = %v, want ErrNotFound (withdrawn)", err)
	}
	after, err := s.OutboxRows(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after[0].Status != OutboxSent || after[1].Status != OutboxFailed || after[1].LastError != WithdrawnReason {
		t.Fatalf("after close: %+v", after)
	}
	trail, err := s.AuditTrail(ctx, "campaign.close")
	want := fmt.Sprintf("倡议 %d；撤回未发出的消息 1 条（1 个群）", c.ID)
	if err != nil || len(trail) != 1 || trail[0].Actor != "test" || trail[0].Detail != want {
		t.Fatalf("close audit %+v, %v; want %q", trail, err, want)
	}
	g2, err := s.EnsureGroup(ctx, "乙群")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.QueueDelivery(ctx, deliveryReq(c, g2, 1)); !errors.Is(err, ErrCampaignShut) {
		t.Fatalf("queue to a closed campaign: err = %v", err)
	}
}

func TestResponsesPerOrganization(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	c := mustCampaign(t, s, 1, 5)
	mustSignUp(t, s, c, "pioneer", 1)
	mustSignUp(t, s, c, "pioneer", 2) // waitlisted
	mustSignUp(t, s, c, "reserve", 3)
	counts, err := s.ResponseCounts(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, rc := range counts {
		got[fmt.Sprint(rc.RoleID, rc.Status)] += rc.N
	}
	want := map[string]int{fmt.Sprint(c.Roles[0].ID, StatusConfirmed): 1, fmt.Sprint(c.Roles[0].ID, StatusWaitlisted): 1,
		fmt.Sprint(c.Roles[1].ID, StatusConfirmed): 1}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("counts = %v, want %v", got, want)
	}
	first, err := s.FirstSignups(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != 1 || !first[0].CreatedAt.Equal(fixedNow) {
		t.Fatalf("first sign-ups = %+v", first)
	}
}

func TestPendingConfirmsOnce(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	now := fixedNow
	p, err := s.SavePending(ctx, AdminPending{Admin: "王科长", Title: "倡议", Body: "正文", Targets: "all",
		AttachUntil: now.Add(2 * time.Minute), ExpiresAt: now.Add(10 * time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AttachToPending(ctx, "王科长", "image", "/tmp/a.png", now.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AttachToPending(ctx, "王科长", "file", "/tmp/a.pdf", now.Add(3*time.Minute)); !errors.Is(err, ErrNotFound) {
		t.Fatalf("attach after 2 minutes: err = %v", err)
	}
	build := func(p AdminPending) NewCampaign {
		return NewCampaign{Title: p.Title, Body: p.Body, Roles: []Role{{Code: "p", Name: "先锋", Quota: 1}}}
	}
	p1, c1, err := s.ConfirmPending(ctx, "王科长", now.Add(4*time.Minute), build)
	if err != nil {
		t.Fatal(err)
	}
	_, c2, err := s.ConfirmPending(ctx, "王科长", now.Add(5*time.Minute), build)
	if err != nil {
		t.Fatal(err)
	}
	if c1.ID != c2.ID || p1.Image != "/tmp/a.png" || p1.File != "" || p1.ID != p.ID {
		t.Fatalf("confirm twice: campaigns %d and %d, draft %+v", c1.ID, c2.ID, p1)
	}
	cs, err := s.Campaigns(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 {
		t.Fatalf("%d campaigns, want 1", len(cs))
	}
	if _, _, err := s.ConfirmPending(ctx, "王科长", now.Add(11*time.Minute), build); !errors.Is(err, ErrNotFound) {
		t.Fatalf("confirm after expiry: err = %v", err)
	}
	if _, err := s.Pending(ctx, "王科长", now.Add(11*time.Minute)); !errors.Is(err, ErrNotFound) {
		t.Fatalf("pending after expiry: err = %v", err)
	}
	if ok, err := s.DropPending(ctx, "王科长"); err != nil || !ok {
		t.Fatalf("drop: %v %v", ok, err)
	}
}

func TestPromoteByHand(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	c := mustCampaign(t, s, 1, 5)
	for i := 1; i <= 3; i++ {
		mustSignUp(t, s, c, "pioneer", i) // 1 confirmed, 2 waitlisted
	}
	got, err := s.PromoteByHand(ctx, c.ID, c.Roles[0].ID, 5, "admin:王科长")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Volunteer.Phone != phone(2) || got[1].Volunteer.Phone != phone(3) || got[0].Group.Name != testGroup {
		t.Fatalf("promoted %+v", got)
	}
	counts, err := s.RoleCounts(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if counts[0].Confirmed != 3 || counts[0].Quota != 3 || counts[0].Waitlisted != 0 {
		t.Fatalf("after promoting by hand: %+v (quota grows only by the places filled)", counts[0])
	}
	var events int64
	if err := s.db.Model(&RegistrationEvent{}).Where("reason = ?", ReasonPromoted).Count(&events).Error; err != nil {
		t.Fatal(err)
	}
	if events != 2 {
		t.Fatalf("%d promotion events in the history, want 2", events)
	}
}
