package models

import (
	"context"
	"testing"
	"time"
)

// TestSessionLastSeen: using a session notes when, at most once a
// minute, and LiveSessions shows it.
func TestSessionLastSeen(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	tok := mustSession(t, s, "王局")
	seen := func() time.Time {
		t.Helper()
		list, err := s.LiveSessions(ctx)
		if err != nil || len(list) != 1 || list[0].LastSeenAt == nil {
			t.Fatalf("sessions %+v %v", list, err)
		}
		return list[0].LastSeenAt.UTC()
	}
	opened := seen()
	now := fixedNow.Add(30 * time.Second)
	s.Now = func() time.Time { return now }
	if _, err := s.SessionAdmin(ctx, tok); err != nil {
		t.Fatal(err)
	}
	if !seen().Equal(opened) {
		t.Errorf("seen moved within the minute: %v → %v", opened, seen())
	}
	now = fixedNow.Add(5 * time.Minute)
	if _, err := s.SessionAdmin(ctx, tok); err != nil {
		t.Fatal(err)
	}
	if got := seen(); !got.Equal(now.UTC()) {
		t.Errorf("seen %v, want %v", got, now.UTC())
	}
}
