package bot

import (
	"context"
	"log/slog"
	"sync"

	"mobilize/chat"
	"mobilize/models"
)

// served records which groups this account serves (docs/accounts.md, "Who
// serves a group"): every group of the contact list at login, and each
// group the first time it speaks (groups not saved to 通讯录 are known no
// other way). The store then knows, for every group, which accounts can
// send there and which one owns it.
type served struct {
	store   *models.Store
	account string
	log     *slog.Logger

	mu    sync.Mutex
	known map[string]bool // groups recorded by this process
}

func newServed(store *models.Store, account string, log *slog.Logger) *served {
	return &served{store: store, account: account, log: log, known: map[string]bool{}}
}

// login records the account's nickname and the groups of a new session's
// contact list.
func (s *served) login(ctx context.Context, nick string, groups []string) {
	if err := s.store.NoteNickname(ctx, s.account, nick); err != nil {
		s.log.Error("record the account's nickname", "account", s.account, "err", err)
	}
	if err := s.store.NoteServed(ctx, s.account, groups); err != nil {
		s.log.Error("record the account's groups", "account", s.account, "err", err)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, g := range groups {
		s.known[g] = true
	}
}

// spoke records a group the first time one of its messages reaches this
// account. It runs on an intake worker, never on the sync goroutine.
func (s *served) spoke(ctx context.Context, group string) {
	s.mu.Lock()
	seen := s.known[group]
	s.mu.Unlock()
	if seen || group == "" {
		return
	}
	if err := s.store.NoteServed(ctx, s.account, []string{group}); err != nil {
		s.log.Error("record the account's group", "account", s.account, "group", group, "err", err)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.known[group] = true
}

// handler wraps next so that a group's first message records the group
// before it is handled: a reply to it already finds its owner.
func (s *served) handler(next chat.Handler) chat.Handler {
	return handlerFunc(func(ctx context.Context, m chat.Message) error {
		if m.IsGroup() && !m.Self {
			s.spoke(ctx, m.Group)
		}
		return next.Handle(ctx, m)
	})
}

// handlerFunc is a function as a chat.Handler.
type handlerFunc func(ctx context.Context, m chat.Message) error

// Handle implements chat.Handler.
func (f handlerFunc) Handle(ctx context.Context, m chat.Message) error { return f(ctx, m) }
