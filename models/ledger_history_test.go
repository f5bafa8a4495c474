package models

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// events lists every history event, oldest first, as "phone role status reason".
func events(t *testing.T, s *Store) []string {
	t.Helper()
	var rows []struct {
		Phone, Code, Status, Reason string
	}
	err := s.db.Raw(`SELECT v.phone, ro.code, e.status, e.reason FROM registration_events e
		JOIN registrations r ON r.id = e.registration_id JOIN volunteers v ON v.id = r.volunteer_id
		JOIN roles ro ON ro.id = e.role_id ORDER BY e.id`).Scan(&rows).Error
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = strings.Join([]string{r.Phone[len(r.Phone)-1:], r.Code, r.Status, r.Reason}, " ")
	}
	return out
}

// checkEvents asserts the events appended since the last call.
func checkEvents(t *testing.T, s *Store, seen *int, want ...string) {
	t.Helper()
	all := events(t, s)
	got := all[*seen:]
	*seen = len(all)
	if !slices.Equal(got, want) {
		t.Errorf("events:\n got %q\nwant %q", got, want)
	}
}

func TestHistoryEveryPath(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	c := mustCampaign(t, s, 1, 1)
	seen := 0
	mustSignUp(t, s, c, "pioneer", 1)
	checkEvents(t, s, &seen, "1 pioneer confirmed signup")
	mustSignUp(t, s, c, "pioneer", 2)
	checkEvents(t, s, &seen, "2 pioneer waitlisted waitlist")
	mustSignUp(t, s, c, "pioneer", 2) // already registered: no change, no event
	checkEvents(t, s, &seen)
	// Person 3 holds reserve, then waits for pioneer keeping reserve.
	mustSignUp(t, s, c, "reserve", 3)
	mustSignUp(t, s, c, "pioneer", 3)
	checkEvents(t, s, &seen, "3 reserve confirmed signup", "3 pioneer waitlisted waitlist")
	// Person 2 leaves the pioneer queue for reserve's queue: the old wait is moved away.
	mustSignUp(t, s, c, "reserve", 2)
	checkEvents(t, s, &seen, "2 reserve waitlisted waitlist", "2 pioneer cancelled moved")
	// Person 1 cancels: 3 is promoted and gives up reserve, which promotes 2.
	if _, err := s.CancelByAdmin(ctx, c.ID, Who{GroupName: testGroup, Phone: phone(1)}); err != nil {
		t.Fatal(err)
	}
	checkEvents(t, s, &seen, "1 pioneer cancelled cancelled", "3 pioneer confirmed promoted",
		"3 reserve cancelled moved", "2 reserve confirmed promoted")
	// A 接龙 line: new registrations only, confirmed or waitlisted.
	c2 := mustCampaign(t, s, 1, 1)
	for i := 4; i <= 5; i++ {
		if _, err := s.SignUp(ctx, SignUpRequest{CampaignID: c2.ID, RoleCode: "pioneer", Name: fmt.Sprint("志愿者", i),
			Phone: phone(i), GroupName: testGroup, Sender: fmt.Sprintf("微信%d", i), OnlyNew: true}); err != nil {
			t.Fatal(err)
		}
	}
	checkEvents(t, s, &seen, "4 pioneer confirmed chain", "5 pioneer waitlisted chain")
	// A move with room: the new role confirmed, the old one moved away.
	mustSignUp(t, s, c2, "reserve", 4)
	checkEvents(t, s, &seen, "4 reserve confirmed signup", "4 pioneer cancelled moved", "5 pioneer confirmed promoted")
	assertHistoryMatchesState(t, s)
	assertCounters(t, s)
}

// assertHistoryMatchesState checks that every registration's latest event
// is its current status.
func assertHistoryMatchesState(t *testing.T, s *Store) {
	t.Helper()
	var bad int64
	err := s.db.Raw(`SELECT COUNT(*) FROM registrations r WHERE r.status IS DISTINCT FROM (SELECT e.status FROM registration_events e
		WHERE e.registration_id = r.id ORDER BY e.at DESC, e.id DESC LIMIT 1)`).Scan(&bad).Error
	if err != nil || bad != 0 {
		t.Errorf("%d registrations whose latest event is not their status (%v)", bad, err)
	}
}

// statusesAt recomputes, from the history alone, each person's status per
// role at instant at: "phone role" → status.
func statusesAt(t *testing.T, s *Store, at time.Time) map[string]string {
	t.Helper()
	var rows []struct{ Phone, Code, Status string }
	err := s.db.Raw(`SELECT v.phone, ro.code, e.status FROM registration_events e
		JOIN registrations r ON r.id = e.registration_id JOIN volunteers v ON v.id = r.volunteer_id
		JOIN roles ro ON ro.id = e.role_id
		WHERE e.id = (SELECT e2.id FROM registration_events e2 WHERE e2.registration_id = e.registration_id
			AND e2.at <= ? ORDER BY e2.at DESC, e2.id DESC LIMIT 1)`, at.UTC()).Scan(&rows).Error
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, r := range rows {
		out[r.Phone[len(r.Phone)-1:]+" "+r.Code] = r.Status
	}
	return out
}

func TestHistoryRecoversPastDays(t *testing.T) {
	s := mustOpen(t)
	shanghai := time.FixedZone("CST", 8*3600)
	day := func(d int) time.Time { return time.Date(2026, 11, 20+d, 10, 0, 0, 0, shanghai) }
	endOf := func(d int) time.Time { return time.Date(2026, 11, 20+d, 23, 59, 59, 0, shanghai) }
	now := day(1)
	s.Now = func() time.Time { return now }
	c := mustCampaign(t, s, 2, 5)
	for i := 1; i <= 3; i++ {
		mustSignUp(t, s, c, "pioneer", i)
	}
	now = day(2)
	if _, err := s.CancelByAdmin(context.Background(), c.ID, Who{GroupName: testGroup, Phone: phone(1)}); err != nil {
		t.Fatal(err)
	}
	now = day(3)
	mustSignUp(t, s, c, "reserve", 2)
	want := map[int]map[string]string{
		0: {},
		1: {"1 pioneer": StatusConfirmed, "2 pioneer": StatusConfirmed, "3 pioneer": StatusWaitlisted},
		2: {"1 pioneer": StatusCancelled, "2 pioneer": StatusConfirmed, "3 pioneer": StatusConfirmed},
		3: {"1 pioneer": StatusCancelled, "2 pioneer": StatusCancelled, "3 pioneer": StatusConfirmed,
			"2 reserve": StatusConfirmed},
	}
	for d := 0; d <= 3; d++ {
		if got := statusesAt(t, s, endOf(d)); !mapsEqual(got, want[d]) {
			t.Errorf("end of day %d:\n got %v\nwant %v", d, got, want[d])
		}
	}
	// The same instant expressed in another zone gives the same answer.
	if got := statusesAt(t, s, endOf(1).In(time.FixedZone("X", -5*3600))); !mapsEqual(got, want[1]) {
		t.Errorf("zone-independent: got %v", got)
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestHistoryBackfill opens a database written before the history existed:
// each registration gets one event from its current status and time.
func TestHistoryBackfill(t *testing.T) {
	path := t.TempDir() + "/old.db"
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	shanghai := time.FixedZone("CST", 8*3600)
	now := time.Date(2026, 11, 21, 9, 30, 0, 0, shanghai)
	s.Now = func() time.Time { return now }
	c := mustCampaign(t, s, 1, 5)
	mustSignUp(t, s, c, "pioneer", 1) // confirmed at 09:30
	now = now.Add(time.Hour)
	mustSignUp(t, s, c, "pioneer", 2) // waitlisted at 10:30
	now = now.Add(24 * time.Hour)     // 1 cancels the next day; 2 is promoted
	if _, err := s.CancelByAdmin(context.Background(), c.ID, Who{GroupName: testGroup, Phone: phone(1)}); err != nil {
		t.Fatal(err)
	}
	if err := s.db.Exec(`DROP TABLE registration_events`).Error; err != nil {
		t.Fatal(err)
	}
	s.Close()
	for range 2 { // a second open adds nothing
		if s, err = Open(path, nil); err != nil {
			t.Fatal(err)
		}
		var got []RegistrationEvent
		if err := s.db.Order("registration_id").Find(&got).Error; err != nil {
			t.Fatal(err)
		}
		s.Close()
		day2 := time.Date(2026, 11, 22, 2, 30, 0, 0, time.UTC)
		if len(got) != 2 ||
			got[0].Status != StatusCancelled || !got[0].At.Equal(day2) || got[0].Reason != ReasonBackfill ||
			got[1].Status != StatusConfirmed || !got[1].At.Equal(day2) || got[0].RoleID != c.Roles[0].ID {
			t.Fatalf("backfill: %+v", got)
		}
		if got[0].At.Location() != time.UTC {
			t.Errorf("backfilled time not UTC: %v", got[0].At)
		}
	}
}
