package bot

import (
	"context"
	"errors"
	"sync"

	"mobilize/chat"
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

// Wait implements chat.Transport.
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

// SendText implements chat.Transport.
func (w *wechat) SendText(ctx context.Context, to chat.Target, text string) (string, error) {
	return w.send(func(s *session) (string, error) { return s.sendText(ctx, to, text) })
}

// SendImage implements chat.Transport.
func (w *wechat) SendImage(ctx context.Context, to chat.Target, path string) (string, error) {
	return w.send(func(s *session) (string, error) { return s.sendMedia(ctx, to, path, true) })
}

// SendFile implements chat.Transport.
func (w *wechat) SendFile(ctx context.Context, to chat.Target, path string) (string, error) {
	return w.send(func(s *session) (string, error) { return s.sendMedia(ctx, to, path, false) })
}

// send runs one send on the current session. Errors lose the session's
// secrets (URLs with tickets) before anyone can log or store them. A send
// answered "session ended" (1100/1101/1102) takes the session out of use
// at once and ends it, so the sender waits for the next login instead of
// trying every queued row into a dead session until synccheck notices.
func (w *wechat) send(do func(*session) (string, error)) (string, error) {
	s, _ := w.current()
	if s == nil {
		return "", chat.ErrOffline
	}
	id, err := do(s)
	var refusal *chat.RefusedError
	if errors.As(err, &refusal) && refusal.SessionEnded {
		w.detach(s)
		s.endedBySend(refusal.Code)
	}
	return id, redact(err)
}

// groupCount is how many groups the current session knows.
func (w *wechat) groupCount() int {
	s, _ := w.current()
	if s == nil {
		return 0
	}
	return s.dir.groupCount()
}
