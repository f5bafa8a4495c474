package models

import (
	"context"
	"errors"
	"strings"
	"testing"

	"gorm.io/gorm"
)

func seenRows(t *testing.T, s *Store) []InboundMessage {
	t.Helper()
	var rows []InboundMessage
	if err := s.db.Order("id").Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	return rows
}

func countRegs(t *testing.T, s *Store) int64 {
	t.Helper()
	var n int64
	if err := s.db.Model(&Registration{}).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// A sign-up that fails inside its transaction leaves the message unrecorded,
// so the next delivery of it is handled; the one that succeeds records it
// with its registration, and a third delivery changes nothing.
func TestMessageIsSeenWithItsEffect(t *testing.T) {
	s := mustOpen(t)
	c := mustCampaign(t, s, 3, 3)
	msg := InboundMessage{MsgID: "wx-1", Chat: testGroup, Sender: "张三", Text: "报名 先锋 张三 138 0013 8000"}
	req := SignUpRequest{CampaignID: c.ID, RoleCode: "pioneer", Name: "张三", Phone: "13800138000", GroupName: testGroup, Sender: "张三", MsgID: "wx-1"}

	broken := req
	broken.RoleCode = "no-such-role" // an internal failure after the mark was written
	if _, err := s.SignUp(WithInbound(context.Background(), msg), broken); !errors.Is(err, ErrNotFound) {
		t.Fatalf("injected failure: %v", err)
	}
	if rows := seenRows(t, s); len(rows) != 0 {
		t.Fatalf("a failed handling recorded the message: %+v", rows)
	}
	if seen, err := s.Seen(context.Background(), "wx-1"); err != nil || seen {
		t.Fatalf("Seen after failure = %v, %v", seen, err)
	}

	ctx := WithInbound(context.Background(), msg)
	if _, err := s.SignUp(ctx, req); err != nil {
		t.Fatalf("redelivery: %v", err)
	}
	if first, err := s.RecordSeen(ctx); err != nil || !first {
		t.Errorf("RecordSeen after the effect = %v, %v; want true (already recorded by it)", first, err)
	}
	rows := seenRows(t, s)
	if len(rows) != 1 || countRegs(t, s) != 1 {
		t.Fatalf("after redelivery: %d seen rows, %d registrations", len(rows), countRegs(t, s))
	}
	if strings.Contains(rows[0].Text, "0013") || rows[0].Chat != testGroup {
		t.Errorf("stored message %+v: want masked text and the chat", rows[0])
	}

	again := WithInbound(context.Background(), msg)
	if _, err := s.SignUp(again, req); !errors.Is(err, ErrDuplicate) {
		t.Errorf("third delivery: err = %v, want ErrDuplicate", err)
	}
	if first, err := s.RecordSeen(again); err != nil || first {
		t.Errorf("RecordSeen of a duplicate = %v, %v; want false", first, err)
	}
	if n := countRegs(t, s); n != 1 {
		t.Errorf("%d registrations after a duplicate, want 1", n)
	}
}

// Reads never record the message: only a change, or RecordSeen after a
// handler that changed nothing, does.
func TestReadsDoNotRecordTheMessage(t *testing.T) {
	s := mustOpen(t)
	c := mustCampaign(t, s, 3, 3)
	mustSignUp(t, s, c, "pioneer", 1)
	ctx := WithInbound(context.Background(), InboundMessage{MsgID: "q-1", Text: "我的报名"})
	if _, err := s.MyRegistrations(ctx, Who{Phone: phone(1)}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RoleCounts(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if rows := seenRows(t, s); len(rows) != 0 {
		t.Fatalf("a read recorded the message: %+v", rows)
	}
	if first, err := s.RecordSeen(ctx); err != nil || !first {
		t.Fatalf("RecordSeen = %v, %v", first, err)
	}
	if rows := seenRows(t, s); len(rows) != 1 || rows[0].MsgID != "q-1" {
		t.Errorf("after RecordSeen: %+v", rows)
	}
}

// A transaction that only reads records nothing, even through tx: only the
// first one that changes something carries the mark.
func TestOnlyAChangeRecordsTheMessage(t *testing.T) {
	s := mustOpen(t)
	ctx := WithInbound(context.Background(), InboundMessage{MsgID: "w-1", Text: "x"})
	if err := s.tx(ctx, func(tx *gorm.DB) error {
		var n int64
		return tx.Model(&Campaign{}).Count(&n).Error
	}); err != nil {
		t.Fatal(err)
	}
	if rows := seenRows(t, s); len(rows) != 0 {
		t.Fatalf("a reading transaction recorded the message: %+v", rows)
	}
	if _, err := s.CreateCampaign(ctx, NewCampaign{Title: "抗疫"}); err != nil {
		t.Fatal(err)
	}
	if rows := seenRows(t, s); len(rows) != 1 {
		t.Fatalf("the change did not record the message: %+v", rows)
	}
	if _, err := s.CreateCampaign(WithInbound(context.Background(), InboundMessage{MsgID: "w-1"}), NewCampaign{Title: "again"}); !errors.Is(err, ErrDuplicate) {
		t.Errorf("a second delivery's change: err = %v, want ErrDuplicate", err)
	}
	cs, err := s.Campaigns(context.Background(), false)
	if err != nil || len(cs) != 1 {
		t.Errorf("campaigns after the duplicate: %d, %v; want 1", len(cs), err)
	}
}
