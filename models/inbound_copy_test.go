package models

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

// copyOf is a group message as one account received it.
func copyOf(id, account string, sentAt int64, text string) InboundMessage {
	return InboundMessage{MsgID: id, Chat: testGroup, Sender: "张三", Text: text, Account: account, SentAt: sentAt}
}

// Two accounts' copies of one sign-up, with different ids, register once,
// whichever copy is handled first.
func TestAnotherAccountsCopyOfASignUpIsADuplicate(t *testing.T) {
	for _, order := range [][2]string{{"值班号1", "值班号2"}, {"值班号2", "值班号1"}} {
		t.Run(order[0]+"先", func(t *testing.T) {
			s := mustOpen(t)
			c := mustCampaign(t, s, 3, 3)
			const text = "报名 先锋 张三 13800138000"
			req := SignUpRequest{CampaignID: c.ID, RoleCode: "pioneer", Name: "张三", Phone: "13800138000", GroupName: testGroup, Sender: "张三"}
			first := req
			first.MsgID = "id-" + order[0]
			if _, err := s.SignUp(WithInbound(context.Background(), copyOf(first.MsgID, order[0], 1765000000, text)), first); err != nil {
				t.Fatal(err)
			}
			second := req
			second.MsgID = "id-" + order[1]
			ctx := WithInbound(context.Background(), copyOf(second.MsgID, order[1], 1765000000, text))
			if _, err := s.SignUp(ctx, second); !errors.Is(err, ErrDuplicate) {
				t.Fatalf("the other account's copy: %v, want ErrDuplicate", err)
			}
			if ok, err := s.RecordSeen(ctx); err != nil || ok {
				t.Fatalf("RecordSeen of the copy = %v, %v; want false", ok, err)
			}
			if n := countRegs(t, s); n != 1 {
				t.Fatalf("%d registrations, want 1", n)
			}
			if rows := seenRows(t, s); len(rows) != 1 || rows[0].Account != order[0] || rows[0].SentAt != 1765000000 {
				t.Fatalf("seen rows %+v", rows)
			}
		})
	}
}

// What makes two messages copies: another account, the same group, sender
// and text, sent at most a second apart. Anything else is a message of
// its own.
func TestWhatCountsAsAnotherAccountsCopy(t *testing.T) {
	base := copyOf("first", "值班号1", 1765000000, "名额")
	cases := []struct {
		name string
		msg  InboundMessage
		dup  bool
	}{
		{"same second", copyOf("b", "值班号2", 1765000000, "名额"), true},
		{"a second later", copyOf("b", "值班号2", 1765000001, "名额"), true},
		{"a second earlier", copyOf("b", "值班号2", 1764999999, "名额"), true},
		{"two seconds later", copyOf("b", "值班号2", 1765000002, "名额"), false},
		{"the same account again", copyOf("b", "值班号1", 1765000000, "名额"), false},
		{"other text", copyOf("b", "值班号2", 1765000000, "帮助"), false},
		{"other sender", func() InboundMessage {
			m := copyOf("b", "值班号2", 1765000000, "名额")
			m.Sender = "李四"
			return m
		}(), false},
		{"other group", func() InboundMessage {
			m := copyOf("b", "值班号2", 1765000000, "名额")
			m.Chat = "别的群"
			return m
		}(), false},
		{"no send time", copyOf("b", "值班号2", 0, "名额"), false},
		{"the same id", copyOf("first", "值班号2", 1765000000, "名额"), true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := mustOpen(t)
			if ok, err := s.RecordSeen(WithInbound(context.Background(), base)); err != nil || !ok {
				t.Fatalf("first: %v, %v", ok, err)
			}
			ok, err := s.RecordSeen(WithInbound(context.Background(), c.msg))
			if err != nil || ok == c.dup {
				t.Fatalf("RecordSeen = %v, %v; duplicate %v", ok, err, c.dup)
			}
		})
	}
}

// Phones are masked before the match, in both copies alike: the match
// still holds, and nothing but the masked text is stored.
func TestCopiesMatchOnMaskedText(t *testing.T) {
	s := mustOpen(t)
	text := "报名 储备 李四 139 0013 9000"
	if ok, _ := s.RecordSeen(WithInbound(context.Background(), copyOf("a", "值班号1", 1765000000, text))); !ok {
		t.Fatal("first copy not recorded")
	}
	if ok, _ := s.RecordSeen(WithInbound(context.Background(), copyOf("b", "值班号2", 1765000000, text))); ok {
		t.Fatal("the second account's copy was recorded as a message of its own")
	}
	for _, r := range seenRows(t, s) {
		if r.Text == text {
			t.Fatalf("stored unmasked: %+v", r)
		}
	}
}

// Many copies racing: of 2×20 copies handled at once, each message is
// recorded once.
func TestConcurrentCopiesRecordedOnce(t *testing.T) {
	s := mustOpen(t)
	c := mustCampaign(t, s, 100, 100)
	errs := make(chan error, 40)
	for i := range 20 {
		for _, acct := range []string{"值班号1", "值班号2"} {
			go func() {
				p := phone(i)
				req := SignUpRequest{CampaignID: c.ID, RoleCode: "pioneer", Name: fmt.Sprintf("志愿者%d", i), Phone: p, GroupName: testGroup,
					Sender: fmt.Sprintf("成员%d", i), MsgID: acct + p}
				m := InboundMessage{MsgID: acct + p, Chat: testGroup, Sender: req.Sender, Text: "报名 先锋 " + p, Account: acct, SentAt: 1765000000}
				_, err := s.SignUp(WithInbound(context.Background(), m), req)
				if errors.Is(err, ErrDuplicate) {
					err = nil
				}
				errs <- err
			}()
		}
	}
	for range 40 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if n := countRegs(t, s); n != 20 {
		t.Fatalf("%d registrations, want 20", n)
	}
	if rows := seenRows(t, s); len(rows) != 20 {
		t.Fatalf("%d seen rows, want 20", len(rows))
	}
}
