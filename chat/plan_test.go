package chat

import (
	"testing"
	"time"

	"mobilize/config"
)

// The numbers: 1,584 groups at 5–12 s take one account about 3.7
// hours; the default budget of 1,500 a day asks for two accounts, an hour
// for four.
func TestPlanCapacityForShenzhen(t *testing.T) {
	p := config.Default().Send
	c := PlanCapacity(p, 1584, 1, time.Hour)
	if c.MeanGap != 8500*time.Millisecond || c.MaxGap != 12*time.Second {
		t.Fatalf("gaps %v %v, want 8.5s and 12s", c.MeanGap, c.MaxGap)
	}
	if want := 1583 * 8500 * time.Millisecond; c.OneAccount != want {
		t.Errorf("one account %v, want %v", c.OneAccount, want)
	}
	if c.ByBudget != 2 || c.ByTime != 4 || c.Accounts != 4 || c.PerAccount != 396 {
		t.Errorf("plan %+v, want 2 by budget, 4 by time, 396 groups each", c)
	}
	if want := 395 * 8500 * time.Millisecond; c.PerAccountTime != want {
		t.Errorf("per account %v, want %v", c.PerAccountTime, want)
	}
	// Four messages a group (body, image, file, footer): the same-chat gaps
	// add up, and the budget asks for more accounts.
	c = PlanCapacity(p, 1584, 4, 0)
	if want := 1583*8500*time.Millisecond + 1584*3*2*time.Second; c.OneAccount != want || c.ByBudget != 5 || c.Accounts != 5 {
		t.Errorf("four a group: %+v", c)
	}
}

// Gap is what the sender waits: the plan cannot drift from it.
func TestGapIsTheSendersGap(t *testing.T) {
	s := NewSender(nil, nil, SenderConfig{Send: pace().Send, Rand: func() float64 { return 0.25 }}, nil)
	s.last, s.lastAt = chatA, time.Now()
	s.cfg.Now = func() time.Time { return s.lastAt }
	if got, want := s.gapBefore(chatB), Gap(s.cfg.Send, false, 0.25); got != want {
		t.Errorf("sender waits %v, Gap says %v", got, want)
	}
	if got, want := s.gapBefore(chatA), Gap(s.cfg.Send, true, 0); got != want {
		t.Errorf("same chat: sender waits %v, Gap says %v", got, want)
	}
}
