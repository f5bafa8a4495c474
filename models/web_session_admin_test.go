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

// TestPruneWebAccess: expired sessions and used or expired links go; a
// live session stays.
func TestPruneWebAccess(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	live := mustSession(t, s, "王局") // its link is used: pruned
	if _, err := s.NewLoginLink(ctx, "王局", time.Minute); err != nil {
		t.Fatal(err)
	}
	old, err := s.NewLoginLink(ctx, "李科", time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	stale, _, err := s.UseLoginLink(ctx, old, time.Minute, SessionDevice{Device: "微信 · iPhone"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.NewLoginLink(ctx, "李科", time.Minute); err != nil {
		t.Fatal(err)
	}
	later := fixedNow.Add(30 * time.Minute) // 李科's one-minute session and both one-minute links are past
	s.Now = func() time.Time { return later }
	n, err := s.PruneWebAccess(ctx)
	if err != nil || n != 5 {
		t.Fatalf("pruned %d %v, want 5 (1 session, 4 links)", n, err)
	}
	if _, err := s.SessionAdmin(ctx, live); err != nil {
		t.Errorf("a live session was pruned: %v", err)
	}
	if _, err := s.SessionAdmin(ctx, stale); err == nil {
		t.Error("an expired session works")
	}
	var left int64
	s.db.Model(&AdminSession{}).Count(&left)
	if left != 1 {
		t.Errorf("%d session rows left, want 1", left)
	}
}
