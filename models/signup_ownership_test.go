package models

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"
)

// TestNobodyNames: empty and blank names are nobody; real names are not.
func TestNobodyNames(t *testing.T) {
	for _, s := range []string{"", " ", "\u3000", "\u200b", "\u2060\u3000", "\t"} {
		if !Nobody(s) {
			t.Errorf("%q should be nobody", s)
		}
	}
	for _, s := range []string{"张三", "a", " 李 ", WebSender[1:]} {
		if Nobody(s) {
			t.Errorf("%q is somebody", s)
		}
	}
}

// TestWebSignUpsOwnedByNobodyInChat: a web sign-up stored the old way
// (empty sender) is converted at open, and a blank chat sender then finds
// nothing (issue 16: blank senders saw and cancelled web sign-ups).
func TestWebSignUpsOwnedByNobodyInChat(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.db")
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	c := mustCampaign(t, s, 2, 2)
	if _, err := s.SignUp(ctx, SignUpRequest{CampaignID: c.ID, RoleCode: "pioneer", Name: "张三", Phone: phone(1),
		GroupName: testGroup, Sender: WebSender, MsgID: "web"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SignUp(ctx, SignUpRequest{CampaignID: c.ID, RoleCode: "reserve", Name: "李四", Phone: phone(2),
		GroupName: testGroup, Sender: WebSender, MsgID: "web"}); err != nil {
		t.Fatal(err)
	}
	// As before WebSender (empty), and as SQLite files stored it before
	// PostgreSQL (NUL-led).
	if err := s.db.Exec(`UPDATE registrations SET sender = CASE WHEN id = 1 THEN '' ELSE ? END`, oldWebSender).Error; err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(path, nil); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var regs []Registration
	if err := s.db.Order("id").Find(&regs).Error; err != nil || len(regs) != 2 || regs[0].Sender != WebSender || regs[1].Sender != WebSender {
		t.Fatalf("after open: %+v, %v", regs, err)
	}
	for _, blank := range []string{"", "\u3000"} {
		if _, err := s.CancelAsMember(ctx, c.ID, Who{GroupName: testGroup, Sender: blank}); !errors.Is(err, ErrNobody) {
			t.Errorf("cancel by %q: %v, want ErrNobody", blank, err)
		}
		if _, err := s.CancelAsMember(ctx, c.ID, Who{GroupName: testGroup, Sender: blank, Phone: phone(1)}); !errors.Is(err, ErrNotOwner) {
			t.Errorf("cancel by %q with the phone: %v, want ErrNotOwner", blank, err)
		}
	}
	// A second web submission for the phone changes nothing, renames nobody.
	_, err = s.SignUp(ctx, SignUpRequest{CampaignID: c.ID, RoleCode: "reserve", Name: "李四", Phone: phone(1),
		GroupName: testGroup, Sender: WebSender, MsgID: "web"})
	if !errors.Is(err, ErrPhoneOwned) {
		t.Errorf("web rename: %v, want ErrPhoneOwned", err)
	}
	_, err = s.SignUp(ctx, SignUpRequest{CampaignID: c.ID, RoleCode: "reserve", Name: "张三", Phone: phone(1),
		GroupName: testGroup, Sender: WebSender, MsgID: "web"})
	var held *RegisteredError
	if !errors.As(err, &held) || held.Reg.Role.Code != "pioneer" || !held.SameGroup {
		t.Errorf("web move: %v, want a RegisteredError for pioneer", err)
	}
}

// TestWithdrawnIsNotFailed: issue 15 finding 7. Rows withdrawn when a
// campaign closed are counted apart, never as failed sends.
func TestWithdrawnIsNotFailed(t *testing.T) {
	s := mustOpen(t)
	done := fixedNow.UTC()
	for i, reason := range []string{WithdrawnReason, WithdrawnReason, "ret 1101"} {
		row := OutboxMessage{Target: "群", Status: OutboxFailed, LastError: reason, FinishedAt: &done}
		row.Text = string(rune('a' + i))
		if err := s.db.Create(&row).Error; err != nil {
			t.Fatal(err)
		}
	}
	c, err := s.CountOutbox(context.Background(), done.Add(-time.Hour))
	if err != nil || c.Failed != 1 || c.Withdrawn != 2 {
		t.Fatalf("failed %d, withdrawn %d (%v); want 1 and 2", c.Failed, c.Withdrawn, err)
	}
}
