// Package syncbuf is a bytes.Buffer safe for concurrent use, for tests
// that read a log or a child's output while something else writes it
// (the scheduler's timers, a server, a child process). It lives apart so
// the packages whose tests need it share one, not a copy each.
package syncbuf

import (
	"bytes"
	"sync"
)

// Buffer is written and read under one lock.
type Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

// Write appends p.
func (l *Buffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// String is everything written so far.
func (l *Buffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
