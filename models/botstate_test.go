package models

import (
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
