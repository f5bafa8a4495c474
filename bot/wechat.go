package bot

import (
	"context"
	"sync"
)

// wechat is the sender's Transport over whichever session is logged in.
// Sessions come and go; queued messages wait in the outbox meanwhile.
type wechat struct {
	mu     sync.Mutex
	cur    *session
	online chan struct{} // closed while a session is attached
}

func newWechat() *wechat { return &wechat{online: make(chan struct{})} }

// attach makes s the session sends go through.
func (w *wechat) attach(s *session) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.cur == nil {
		close(w.online)
	}
	w.cur = s
}

// detach takes s out of use, if it is the current session.
func (w *wechat) detach(s *session) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.cur == s && s != nil {
		w.cur = nil
		w.online = make(chan struct{})
	}
}

func (w *wechat) current() (*session, chan struct{}) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.cur, w.online
}

// Wait implements Transport.
func (w *wechat) Wait(ctx context.Context) error {
	s, online := w.current()
	if s != nil {
		return nil
	}
	select {
	case <-online:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// SendText implements Transport.
func (w *wechat) SendText(ctx context.Context, to Target, text string) (string, error) {
	s, _ := w.current()
	if s == nil {
		return "", ErrOffline
	}
	return s.sendText(ctx, to, text)
}

// groupCount is how many groups the current session knows.
func (w *wechat) groupCount() int {
	s, _ := w.current()
	if s == nil {
		return 0
	}
	return s.dir.groupCount()
}
