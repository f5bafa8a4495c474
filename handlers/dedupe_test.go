package handlers

import (
	"context"
	"errors"
	"sync"
	"testing"

	"mobilize/chat"
	"mobilize/models"
)

// A sign-up that fails on an internal error is not recorded as seen, so
// WeChat's next delivery of the same message is handled; after that, the
// message is handled no more.
func TestFailedHandlingIsHandledOnRedelivery(t *testing.T) {
	h := newHarness(t)
	camp := h.campaign("抗疫", 40, 145)
	calls := 0
	signUp := func(c *Context) error {
		calls++
		req := models.SignUpRequest{CampaignID: camp.ID, RoleCode: "pioneer", Name: "陈一", Phone: "13800000001",
			GroupName: g1, Sender: "陈一", MsgID: c.Msg.ID}
		if calls == 1 {
			req.RoleCode = "gone" // the store fails inside the sign-up's transaction
		}
		_, err := h.store.SignUp(c.Ctx, req)
		return err
	}
	handle := Dedupe(h.store)(signUp)
	msg := chat.Message{ID: "wx-9", Group: g1, Sender: "陈一", Text: "报名 先锋 陈一 13800000001", At: testNow}
	if err := handle(&Context{Ctx: context.Background(), Msg: msg}); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("first delivery: err = %v, want the injected failure", err)
	}
	if err := handle(&Context{Ctx: context.Background(), Msg: msg}); err != nil {
		t.Fatalf("redelivery: %v", err)
	}
	if err := handle(&Context{Ctx: context.Background(), Msg: msg}); err != nil {
		t.Fatalf("third delivery: %v", err)
	}
	if calls != 2 {
		t.Errorf("handler ran %d times, want 2 (failed, then redelivered; the third is a known duplicate)", calls)
	}
	regs, err := h.store.Roster(context.Background(), camp.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(regs) != 1 {
		t.Errorf("%d registrations, want 1", len(regs))
	}
}

// A user error is an answer: the message is recorded, and a second delivery
// does not answer again.
func TestRefusedMessageIsAnsweredOnce(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 40, 145)
	if out := h.sayID("wx-2", g1, "陈一", "报名 先锋 陈一 1380000"); len(out) != 1 {
		t.Fatalf("first delivery: %+v", out)
	}
	if out := h.sayID("wx-2", g1, "陈一", "报名 先锋 陈一 1380000"); len(out) != 0 {
		t.Errorf("second delivery answered again: %+v", out)
	}
}

// Deliveries of one message handled at the same moment by different
// workers: one answer and one registration, for a change and for a query.
func TestConcurrentDeliveriesHandledOnce(t *testing.T) {
	h := newHarness(t)
	camp := h.campaign("抗疫", 40, 145)
	for _, m := range []chat.Message{
		{ID: "wx-3", Group: g1, Sender: "陈一", Text: "报名 先锋 陈一 13800000001", At: testNow},
		{ID: "wx-4", Group: g1, Sender: "陈一", Text: "名额", At: testNow},
		{ID: "wx-5", Group: g1, Sender: "林二", Text: "#接龙\n1. 林二 先锋 13800000002\n2. 王三 储备 13800000003", At: testNow},
	} {
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for range 8 {
			wg.Go(func() { errs <- h.router.Handle(context.Background(), m) })
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Errorf("%s: %v", m.ID, err)
			}
		}
		if out := h.rec.take(); len(out) != 1 {
			t.Errorf("%s delivered 8 times at once: %d replies, want 1: %+v", m.ID, len(out), out)
		}
	}
	regs, err := h.store.Roster(context.Background(), camp.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(regs) != 3 {
		t.Errorf("%d registrations, want 3", len(regs))
	}
}
