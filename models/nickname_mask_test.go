package models

import (
	"context"
	"strings"
	"testing"
)

// A nickname that holds a phone number is stored masked: in the message
// record and as the volunteer's last seen nickname.
func TestNicknamePhoneStoredMasked(t *testing.T) {
	s := mustOpen(t)
	c := mustCampaign(t, s, 2, 10)
	const nick = "孙八13800138005"
	msg := InboundMessage{MsgID: "n1", Chat: testGroup, Sender: nick, Text: "报名 先锋 孙八 13800138055"}
	req := SignUpRequest{CampaignID: c.ID, RoleCode: "pioneer", Name: "孙八", Phone: "13800138055",
		GroupName: testGroup, Sender: nick, MsgID: "n1"}
	if _, err := s.SignUp(WithInbound(context.Background(), msg), req); err != nil {
		t.Fatal(err)
	}
	var senders, nicks []string
	if err := s.db.Model(&InboundMessage{}).Pluck("sender", &senders).Error; err != nil {
		t.Fatal(err)
	}
	if err := s.db.Model(&Volunteer{}).Pluck("nickname", &nicks).Error; err != nil {
		t.Fatal(err)
	}
	if len(senders) != 1 || len(nicks) != 1 {
		t.Fatalf("stored senders %q, nicknames %q: want one each", senders, nicks)
	}
	for _, got := range []string{senders[0], nicks[0]} {
		if strings.Contains(got, "13800138005") || got != "孙八138****8005" {
			t.Errorf("stored %q, want 孙八138****8005", got)
		}
	}
}
