package models

import (
	"context"
	"testing"
	"time"
)

func TestOwnEchoIsAnotherAccountRepeatingWhatTheBotSent(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	if err := s.NoteNickname(ctx, "值班号1", "民政助手一号"); err != nil {
		t.Fatal(err)
	}
	if err := s.NoteNickname(ctx, "值班号2", "民政助手二号"); err != nil {
		t.Fatal(err)
	}
	row, _, err := s.EnqueueOutbox(ctx, OutboxMessage{Target: testGroup, IsGroup: true, Kind: KindNotice, Text: "名额\n", Status: OutboxPending}, 0)
	if err != nil {
		t.Fatal(err)
	}
	since := fixedNow.Add(-10 * time.Minute)
	echo := func(account, sender, text string) bool {
		t.Helper()
		ok, err := s.OwnEcho(ctx, account, testGroup, sender, text, since)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if echo("值班号2", "民政助手一号", "名额") {
		t.Fatal("a pending row, not yet sent, taken as sent")
	}
	if err := s.db.Model(&OutboxMessage{}).Where("id = ?", row.ID).Updates(map[string]any{"status": OutboxSent, "sent_at": fixedNow.UTC()}).Error; err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		account, sender, text string
		want                  bool
	}{
		{"值班号2", "民政助手一号", "名额", true},
		{"值班号1", "民政助手二号", " 名额 ", true},
		{"值班号1", "民政助手一号", "名额", false}, // its own nickname: not another account
		{"值班号2", "李四", "名额", false},     // a member asking the same
		{"值班号2", "民政助手一号", "帮助", false}, // something the bot did not send
	} {
		if got := echo(c.account, c.sender, c.text); got != c.want {
			t.Errorf("OwnEcho(%s, %s, %q) = %v, want %v", c.account, c.sender, c.text, got, c.want)
		}
	}
	if ok, _ := s.OwnEcho(ctx, "值班号2", testGroup, "民政助手一号", "名额", fixedNow.Add(time.Minute)); ok {
		t.Error("a row sent before the window counted")
	}
}
