package handlers

import (
	"sync"
	"time"
)

// RateLimit lets one sender give perMinute commands a minute in one chat;
// more are dropped without an answer, so a flood is not answered by a flood.
func RateLimit(perMinute int, now func() time.Time) Middleware {
	l := newLimiter(perMinute, time.Minute)
	return func(next HandlerFunc) HandlerFunc {
		return func(c *Context) error {
			if !l.allow(c.Msg.Group+"\x00"+c.Msg.Sender, now()) {
				return nil
			}
			return next(c)
		}
	}
}

// limiter is a sliding-window limit per key with O(1) amortised work per
// call and memory bounded by the keys seen in the last two windows.
//
// Each key keeps a ring of its last accepted times (at most per of them);
// expired times leave from the front as the key is used, each once. Keys
// live in two generations: cur (used since the last rotation) and prev (the
// window before). Every span, prev is dropped whole and cur becomes prev; a
// key still in prev then was last used more than a span ago, so all its
// times had expired and dropping it loses nothing. No call ever walks the
// keys (the version this replaces walked them all on every message past
// 4,096 senders a minute, and freed nothing).
type limiter struct {
	mu        sync.Mutex
	per       int
	span      time.Duration
	cur, prev map[string]*ring
	rotated   time.Time // when cur began
}

func newLimiter(per int, span time.Duration) *limiter {
	return &limiter{per: max(per, 0), span: span, cur: map[string]*ring{}, prev: map[string]*ring{}}
}

// allow records a call for key at now and reports whether it is within
// the limit; a refused call is not recorded.
func (l *limiter) allow(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.rotate(now)
	r := l.cur[key]
	if r == nil {
		if r = l.prev[key]; r != nil {
			delete(l.prev, key)
		} else {
			r = &ring{at: make([]int64, l.per)}
		}
		l.cur[key] = r
	}
	return r.allow(now.UnixNano(), int64(l.span))
}

// rotate starts a new generation once a span has passed since the last.
func (l *limiter) rotate(now time.Time) {
	switch since := now.Sub(l.rotated); {
	case since >= 2*l.span:
		l.cur, l.prev, l.rotated = map[string]*ring{}, map[string]*ring{}, now
	case since >= l.span:
		l.cur, l.prev, l.rotated = map[string]*ring{}, l.cur, now
	}
}

// tracked is how many keys the limiter holds (for tests).
func (l *limiter) tracked() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.cur) + len(l.prev)
}

// ring holds a key's accepted times, oldest at head.
type ring struct {
	at      []int64
	head, n int
}

// allow drops the times a span old or more, then accepts now if there is
// room.
func (r *ring) allow(now, span int64) bool {
	for r.n > 0 && now-r.at[r.head] >= span {
		r.head, r.n = (r.head+1)%len(r.at), r.n-1
	}
	if r.n == len(r.at) {
		return false
	}
	r.at[(r.head+r.n)%len(r.at)] = now
	r.n++
	return true
}
