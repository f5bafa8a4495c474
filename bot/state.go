package bot

import (
	"context"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"

	"mobilize/models"
)

// stateRecorder keeps the bot's state in the database for `mobilize
// status`, which runs as another process.
type stateRecorder struct {
	store *models.Store
	log   *slog.Logger
	now   func() time.Time

	mu sync.Mutex
	st models.BotState
}

// newStateRecorder records the state of one account (its configured name).
func newStateRecorder(store *models.Store, account string, log *slog.Logger, now func() time.Time) *stateRecorder {
	return &stateRecorder{store: store, log: log, now: now, st: models.BotState{Name: account, PID: os.Getpid()}}
}

// update changes the state under the lock and saves it.
func (r *stateRecorder) update(change func(st *models.BotState)) {
	r.mu.Lock()
	change(&r.st)
	r.st.Beat = r.now()
	st := r.st
	r.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := r.store.SaveBotState(ctx, st); err != nil {
		r.log.Error("save bot state", "err", err)
	}
}

func (r *stateRecorder) online(account, method string, groups int) {
	r.update(func(st *models.BotState) {
		st.Online, st.Account, st.Method, st.Groups, st.Since = true, account, method, groups, r.now()
		st.Logins++
	})
}

func (r *stateRecorder) offline(problem string) {
	r.update(func(st *models.BotState) {
		if st.Online || st.Since.IsZero() {
			st.Since = r.now()
		}
		st.Online = false
		if problem != "" {
			at := r.now()
			st.LastError, st.LastErrorAt = problem, &at
		}
	})
}

// noContact records the admins without a contact whose 备注 matches.
func (r *stateRecorder) noContact(admins []string) {
	r.update(func(st *models.BotState) { st.NoContact = strings.Join(admins, "、") })
}

func (r *stateRecorder) groups(n int) {
	r.update(func(st *models.BotState) { st.Groups = n })
}

func (r *stateRecorder) beat() { r.update(func(*models.BotState) {}) }
