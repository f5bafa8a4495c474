package handlers

import (
	"context"
	"fmt"
	"testing"

	"mobilize/chat"
)

// TestFloodWritesNoInboundRows: messages over the rate limit, and 登录 from
// anyone who is not an admin, are dropped before de-duplication, so they
// leave no inbound row (3,000 floods wrote 3,000 rows). Admin words in a
// private chat are limited too.
func TestFloodWritesNoInboundRows(t *testing.T) {
	h := newHarness(t)
	h.cfg.Intake.RatePerMinute = 5
	h.router = New(Deps{Store: h.store, Config: h.cfg, Reply: h.rec, Now: h.store.Now,
		LoginLink: func(context.Context, string) (string, error) { return "http://x/login/t", nil }})
	h.campaign("抗疫", 40, 145)
	ctx := context.Background()
	seen := func(id string) bool {
		t.Helper()
		ok, err := h.store.Seen(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	for i := range 40 {
		h.sayID(fmt.Sprint("flood-", i), g1, "张三", "名额")
	}
	for i := range 40 {
		if want := i < 5; seen(fmt.Sprint("flood-", i)) != want {
			t.Errorf("group message %d: inbound row %v, want %v", i, !want, want)
		}
	}
	for i := range 20 {
		h.sayMsg(chat.Message{ID: fmt.Sprint("login-", i), Sender: "老王", Remark: "张三", Text: "登录", At: testNow})
		if seen(fmt.Sprint("login-", i)) {
			t.Fatalf("登录 from a non-admin wrote inbound row %d", i)
		}
	}
	answered := 0
	for i := range 20 {
		out := h.sayMsg(chat.Message{ID: fmt.Sprint("admin-", i), Sender: "老王", Remark: "民政局值班员", Text: "登录", At: testNow})
		answered += len(out)
		if want := i < 5; seen(fmt.Sprint("admin-", i)) != want {
			t.Errorf("admin message %d: inbound row %v, want %v", i, !want, want)
		}
	}
	if answered != 5 {
		t.Errorf("admin 登录 answered %d times in a minute, want the limit of 5", answered)
	}
}
