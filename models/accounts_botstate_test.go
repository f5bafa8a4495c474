package models

import (
	"context"
	"errors"
	"testing"
	"time"
)

// OfflineFor counts from the logout when the bot says it is offline, and
// from the last beat when the process stopped beating.
func TestBotStateOfflineFor(t *testing.T) {
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	stale := 2 * time.Minute
	for _, c := range []struct {
		name  string
		st    BotState
		alive bool
		want  time.Duration
	}{
		{"online", BotState{Online: true, Since: now.Add(-time.Hour), Beat: now}, true, 0},
		{"offline", BotState{Since: now.Add(-11 * time.Minute), Beat: now}, true, 11 * time.Minute},
		{"dead while online", BotState{Online: true, Since: now.Add(-time.Hour), Beat: now.Add(-5 * time.Minute)}, false, 5 * time.Minute},
		{"dead while offline", BotState{Since: now.Add(-20 * time.Minute), Beat: now.Add(-5 * time.Minute)}, false, 20 * time.Minute},
		{"hung", BotState{Online: true, Since: now.Add(-time.Hour), Beat: now.Add(-3 * time.Minute)}, true, 3 * time.Minute},
	} {
		if got := c.st.OfflineFor(now, c.alive, stale); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestEachAccountHasItsOwnBotState(t *testing.T) {
	ctx := context.Background()
	s := openAccounts(t, "甲", "乙")
	for i := range 2 { // a second save replaces, never adds
		for _, st := range []BotState{{Name: "甲", Online: true, PID: 1, Groups: 3 + i}, {Name: "乙", PID: 2, LastError: "1102"}} {
			if err := s.SaveBotState(ctx, st); err != nil {
				t.Fatal(err)
			}
		}
	}
	all, err := s.LoadBotStates(ctx)
	if err != nil || len(all) != 2 || all[0].Name != "乙" || all[1].Name != "甲" {
		t.Fatalf("states %+v %v", all, err)
	}
	if all[1].Groups != 4 || !all[1].Online || all[0].Online || all[0].LastError != "1102" || all[0].PID != 2 {
		t.Errorf("states mixed up: %+v", all)
	}
	def, err := s.LoadBotState(ctx)
	if err != nil || def.Name != "甲" {
		t.Errorf("the default account's state: %+v %v", def, err)
	}
	if _, err := s.LoadAccountState(ctx, "丙"); !errors.Is(err, ErrNotFound) {
		t.Errorf("an account that never ran: %v", err)
	}
}
