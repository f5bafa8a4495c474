// Package ratelimit is the one sliding-window limiter of the program: chat
// commands per sender and chat (handlers), admin words and 登录 in private
// chats, and web submissions per client (web). Every call is O(1)
// amortised and memory holds only the keys of the last two windows, so a
// flood of new keys never makes a call walk the others. It imports nothing
// of the project and must stay a leaf.
package ratelimit

import (
	"sync"
	"time"
)

// Limiter allows each key per calls in any span.
//
// Each key keeps a ring of its last accepted times (at most per of them);
// expired times leave from the front as the key is used, each once. Keys
// live in two generations: cur (used since the last rotation) and prev (the
// window before). Every span, prev is dropped whole and cur becomes prev; a
// key still in prev then was last used more than a span ago, so all its
// times had expired and dropping it loses nothing.
type Limiter struct {
	mu        sync.Mutex
	per       int
	span      time.Duration
	cur, prev map[string]*ring
	rotated   time.Time // when cur began
}

// New returns a limiter of per calls a span for each key; per 0 refuses
// every call.
func New(per int, span time.Duration) *Limiter {
	return &Limiter{per: max(per, 0), span: span, cur: map[string]*ring{}, prev: map[string]*ring{}}
}

// Allow records a call for key at now and reports whether it is within
// the limit; a refused call is not recorded, so a flood does not extend
// its own ban.
func (l *Limiter) Allow(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.rotate(now)
	r := l.cur[key]
	if r == nil {
		if r = l.prev[key]; r != nil {
			delete(l.prev, key)
		} else {
			r = &ring{at: make([]int64, min(l.per, 8))}
		}
		l.cur[key] = r
	}
	return r.allow(now.UnixNano(), int64(l.span), l.per)
}

// rotate starts a new generation once a span has passed since the last. A
// clock that stepped back starts afresh rather than keeping keys forever.
func (l *Limiter) rotate(now time.Time) {
	switch since := now.Sub(l.rotated); {
	case since >= 2*l.span || since < 0:
		l.cur, l.prev, l.rotated = map[string]*ring{}, map[string]*ring{}, now
	case since >= l.span:
		l.cur, l.prev, l.rotated = map[string]*ring{}, l.cur, now
	}
}

// Tracked is how many keys the limiter holds: what its memory is
// proportional to.
func (l *Limiter) Tracked() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.cur) + len(l.prev)
}

// ring holds a key's accepted times, oldest at head. It starts small and
// grows to the limit only for a key that uses it: a generous limit (the
// benchmarks set a billion) must not cost its size for every key.
type ring struct {
	at      []int64
	head, n int
}

// allow drops the times a span old or more, then accepts now if there is
// room within per.
func (r *ring) allow(now, span int64, per int) bool {
	for r.n > 0 && now-r.at[r.head] >= span {
		r.head, r.n = (r.head+1)%len(r.at), r.n-1
	}
	if r.n == per {
		return false
	}
	if r.n == len(r.at) {
		r.grow(per)
	}
	r.at[(r.head+r.n)%len(r.at)] = now
	r.n++
	return true
}

// grow doubles the ring (at most to per), oldest time first.
func (r *ring) grow(per int) {
	at := make([]int64, min(max(2*len(r.at), 1), per))
	for i := range r.n {
		at[i] = r.at[(r.head+i)%len(r.at)]
	}
	r.at, r.head = at, 0
}
