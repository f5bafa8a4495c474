package ratelimit

import (
	"fmt"
	"testing"
	"time"
)

var limiterStart = time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)

func TestLimiterSlidingWindow(t *testing.T) {
	l := New(3, time.Minute)
	at := func(s float64) time.Time { return limiterStart.Add(time.Duration(s * float64(time.Second))) }
	steps := []struct {
		key  string
		sec  float64
		want bool
	}{
		{"a", 0, true}, {"a", 10, true}, {"a", 20, true},
		{"a", 30, false},   // a fourth within the minute
		{"b", 30, true},    // another sender is counted apart
		{"a", 59.9, false}, // the first is not yet a minute old
		{"a", 60, true},    // it is now: one place frees
		{"a", 61, false},
		{"a", 70, true},  // the second has expired
		{"a", 80, true},  // the third has expired
		{"a", 81, false}, // three in the last minute: 60, 70, 80
		{"a", 200, true}, // long quiet: everything expired, generations dropped
		{"a", 200, true},
		{"a", 200, true},
		{"a", 200.001, false},
	}
	for i, s := range steps {
		if got := l.Allow(s.key, at(s.sec)); got != s.want {
			t.Errorf("step %d (%s at %gs): allow = %v, want %v", i, s.key, s.sec, got, s.want)
		}
	}
}

// TestLimiterHoldsAcrossRotation: a sender's times survive the generation
// swap, so the limit is exact at the boundary.
func TestLimiterHoldsAcrossRotation(t *testing.T) {
	l := New(2, time.Minute)
	l.Allow("x", limiterStart) // the first call starts the first generation
	if !l.Allow("a", limiterStart.Add(50*time.Second)) || !l.Allow("a", limiterStart.Add(55*time.Second)) {
		t.Fatal("first two refused")
	}
	// 65 s: a rotation has happened; a's times (50, 55) are still live.
	if l.Allow("a", limiterStart.Add(65*time.Second)) {
		t.Error("third within a minute allowed after rotation")
	}
	// 125 s: another rotation; a was used at 65 s (refused) but its times
	// 50 and 55 have expired.
	if !l.Allow("a", limiterStart.Add(125*time.Second)) {
		t.Error("refused after its times expired")
	}
}

func TestLimiterMemoryBounded(t *testing.T) {
	l := New(5, time.Minute)
	now := limiterStart
	maxTracked := 0
	// 10 minutes of 100 new senders a second, each speaking once.
	for sec := range 600 {
		for i := range 100 {
			if !l.Allow(fmt.Sprint(sec, "/", i), now) {
				t.Fatal("a new sender refused")
			}
		}
		maxTracked = max(maxTracked, l.Tracked())
		now = now.Add(time.Second)
	}
	// At most the senders of the last two minutes (12,000), not all 60,000.
	if maxTracked > 12_000 {
		t.Errorf("tracked up to %d senders; want at most the last two minutes' 12000", maxTracked)
	}
	now = now.Add(3 * time.Minute)
	l.Allow("last", now)
	if n := l.Tracked(); n != 1 {
		t.Errorf("after a quiet spell the limiter holds %d senders, want 1", n)
	}
}

// BenchmarkRateLimit: one allow per operation with many senders active in
// the minute; compare -bench 'RateLimit/senders=100$' with
// 'senders=100000': the cost must not grow with the senders (the old
// limiter walked every sender on every message past 4,096).
func BenchmarkRateLimit(b *testing.B) {
	for _, senders := range []int{100, 100_000} {
		b.Run(fmt.Sprint("senders=", senders), func(b *testing.B) {
			l := New(10, time.Minute)
			keys := make([]string, senders)
			for i := range keys {
				keys[i] = fmt.Sprint("群\x00成员", i)
			}
			now := limiterStart
			b.ResetTimer()
			for i := range b.N {
				l.Allow(keys[i%senders], now)
				now = now.Add(time.Millisecond) // 60,000 messages a minute
			}
		})
	}
}
