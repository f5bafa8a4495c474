package scheduler

import (
	"strings"
	"testing"
	"time"
)

func TestParseSpec(t *testing.T) {
	cases := []struct {
		spec    string
		off     bool
		wantErr string
	}{
		{spec: "0 20 * * *"},
		{spec: "0 9,15 * * *"},
		{spec: "*/30 8-22 * * 1-5"},
		{spec: "@daily"},
		{spec: "", off: true},
		{spec: "off", off: true},
		{spec: " OFF ", off: true},
		{spec: "0 25 * * *", wantErr: "无效的定时表达式"},
		{spec: "0 20 * *", wantErr: "无效的定时表达式"},
		{spec: "0 0 20 * * *", wantErr: "无效的定时表达式"},
		{spec: "every day", wantErr: "无效的定时表达式"},
		{spec: "CRON_TZ=UTC 0 20 * * *", wantErr: "时区"},
		{spec: "TZ=UTC 0 20 * * *", wantErr: "时区"},
		{spec: "@every 1h", wantErr: "固定间隔"},
	}
	for _, c := range cases {
		sched, err := parseSpec("schedules.daily_tally", c.spec, shanghai)
		switch {
		case c.wantErr != "":
			if err == nil || !strings.HasPrefix(err.Error(), "schedules.daily_tally: ") || !strings.Contains(err.Error(), c.wantErr) {
				t.Errorf("%q: error %v, want one naming the key and saying %s", c.spec, err, c.wantErr)
			}
		case err != nil:
			t.Errorf("%q: %v", c.spec, err)
		case (sched == nil) != c.off:
			t.Errorf("%q: disabled=%v, want %v", c.spec, sched == nil, c.off)
		}
	}
}

func TestNewNamesTheBadKey(t *testing.T) {
	cfg := testConfig(t)
	cfg.Schedules.DeadlineReminder = "0 9,15 * *"
	_, err := New(Deps{Config: cfg})
	if err == nil || !strings.HasPrefix(err.Error(), "schedules.deadline_reminder: ") {
		t.Fatalf("error %v, want it to name schedules.deadline_reminder", err)
	}
}

// TestNextRunsInShanghai checks the next runs of the default specs, read
// in Asia/Shanghai (UTC+8, no daylight saving), from a few moments.
func TestNextRunsInShanghai(t *testing.T) {
	cases := []struct {
		spec string
		from time.Time
		want []time.Time
	}{
		{"0 20 * * *", at(30, 19, 59), []time.Time{at(30, 20, 0), time.Date(2026, 12, 1, 20, 0, 0, 0, shanghai)}},
		{"0 20 * * *", at(30, 20, 0), []time.Time{time.Date(2026, 12, 1, 20, 0, 0, 0, shanghai)}},
		{"0 9,15 * * *", at(30, 8, 0), []time.Time{at(30, 9, 0), at(30, 15, 0), time.Date(2026, 12, 1, 9, 0, 0, 0, shanghai)}},
		{"0 9,15 * * *", at(30, 9, 30), []time.Time{at(30, 15, 0)}},
		{"0 10 * * *", at(30, 10, 0).Add(-time.Second), []time.Time{at(30, 10, 0)}},
		{"0 10 * * 1", at(25, 12, 0), []time.Time{at(30, 10, 0)}}, // 2026-11-30 is a Monday
		// 11:00 UTC is 19:00 in Shanghai: a time in another zone (a slot
		// read back from the database) is read in the configured one.
		{"0 20 * * *", time.Date(2026, 11, 30, 11, 0, 0, 0, time.UTC), []time.Time{at(30, 20, 0)}},
	}
	for _, c := range cases {
		sched, err := parseSpec("k", c.spec, shanghai)
		if err != nil {
			t.Fatal(err)
		}
		got := c.from
		for i, want := range c.want {
			got = sched.Next(got)
			if !got.Equal(want) || got.Location() != shanghai {
				t.Errorf("%q from %s: run %d at %s, want %s", c.spec, c.from, i+1, got, want)
			}
		}
	}
}

func TestPrevSlot(t *testing.T) {
	cases := []struct {
		spec string
		now  time.Time
		want time.Time
	}{
		{"0 20 * * *", at(30, 20, 0), at(30, 20, 0)},
		{"0 20 * * *", at(30, 20, 0).Add(3 * time.Second), at(30, 20, 0)},
		{"0 20 * * *", at(30, 19, 59), at(29, 20, 0)},
		{"0 9,15 * * *", at(30, 14, 0), at(30, 9, 0)},
		{"* * * * *", at(30, 14, 7).Add(30 * time.Second), at(30, 14, 7)},
		{"0 0 1 1 *", at(30, 14, 0), time.Date(2026, 1, 1, 0, 0, 0, 0, shanghai)},
	}
	for _, c := range cases {
		sched, _ := parseSpec("k", c.spec, shanghai)
		got, ok := prevSlot(sched, c.now)
		if !ok || !got.Equal(c.want) {
			t.Errorf("%q at %s: %s %v, want %s", c.spec, c.now, got, ok, c.want)
		}
	}
	sched, _ := parseSpec("k", "0 20 * * *", shanghai)
	if n := slotsBetween(sched, at(26, 20, 0).UTC(), at(30, 9, 0), 100); n != 3 {
		t.Errorf("slots missed from the 26th 20:00 to the 30th 09:00: %d, want 3", n)
	}
}
