package models

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// TestLongReadsLeaveTheWriterFree: while a roster streams (an export of a
// large campaign holds its cursor for seconds), sign-ups are taken and
// committed, and the role counts a sign-up page shows see them at once.
// With one connection for everything, the sign-up below waited for the
// stream to end, which waits for the sign-up: the test gives up after 20 s.
func TestLongReadsLeaveTheWriterFree(t *testing.T) {
	// Not mustOpen: when the writer is stuck, closing the store would wait
	// for it too, and the failure would be a ten-minute timeout.
	s, err := Open(filepath.Join(t.TempDir(), "t.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return fixedNow }
	c := mustCampaign(t, s, 10, 10)
	for i := range 3 {
		mustSignUp(t, s, c, "pioneer", i)
	}
	ctx := context.Background()
	rows, signed := 0, 0
	done := make(chan error, 1)
	go func() {
		done <- s.EachRosterRow(ctx, c.ID, func(RosterRow) error {
			rows++
			if _, err := s.SignUp(ctx, SignUpRequest{CampaignID: c.ID, RoleCode: "reserve", Name: "读时报名",
				Phone: phone(100 + rows), GroupName: testGroup}); err != nil {
				return err
			}
			signed++
			counts, err := s.RoleCounts(ctx, c.ID)
			if err != nil {
				return err
			}
			if counts[1].Confirmed != signed {
				t.Errorf("after %d sign-ups mid-stream, the page counts %d", signed, counts[1].Confirmed)
			}
			return nil
		}, StatusConfirmed)
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("sign-up during a roster stream: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("a sign-up during a roster stream waits for the stream, which waits for it")
	}
	defer s.Close()
	if rows != 3+3 || signed != rows {
		t.Errorf("streamed %d rows, signed %d up; want 6 (3, then the 3 reserves signed up before their part was read) and as many", rows, signed)
	}
}

// TestSnapshotHoldsOneMoment: reads through a snapshot's context see the
// state of its start, however many sign-ups commit meanwhile; outside it,
// reads see them at once.
func TestSnapshotHoldsOneMoment(t *testing.T) {
	s := mustOpen(t)
	c := mustCampaign(t, s, 10, 10)
	mustSignUp(t, s, c, "pioneer", 1)
	ctx := context.Background()
	confirmed := func(ctx context.Context) int {
		t.Helper()
		counts, err := s.RoleCounts(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		return counts[0].Confirmed
	}
	err := s.Snapshot(ctx, func(snap context.Context) error {
		if n := confirmed(snap); n != 1 {
			t.Errorf("snapshot starts with %d confirmed, want 1", n)
		}
		mustSignUp(t, s, c, "pioneer", 2)
		if n := confirmed(snap); n != 1 {
			t.Errorf("snapshot moved to %d confirmed after a sign-up, want 1", n)
		}
		if n := confirmed(ctx); n != 2 {
			t.Errorf("outside the snapshot %d confirmed, want 2", n)
		}
		return s.Snapshot(snap, func(inner context.Context) error { // nested: the same moment
			if n := confirmed(inner); n != 1 {
				t.Errorf("nested snapshot sees %d, want 1", n)
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
}
