package handlers

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"mobilize/chat"
	"mobilize/config"
	"mobilize/models"
	"mobilize/pii"
)

var testNow = time.Date(2026, 11, 23, 9, 30, 0, 0, time.FixedZone("CST", 8*3600))

// recorder is the Replier of the tests: it keeps every message sent.
type recorder struct {
	mu   sync.Mutex
	sent []sentMsg
}

type sentMsg struct {
	to   chat.Target
	text string
}

func (r *recorder) Send(_ context.Context, to chat.Target, text string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sent = append(r.sent, sentMsg{to, text})
	return nil
}

// take returns and forgets what was sent since the last call.
func (r *recorder) take() []sentMsg {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.sent
	r.sent = nil
	return out
}

// harness is a router on a real SQLite file with a fixed clock.
type harness struct {
	t      testing.TB
	store  *models.Store
	router *Router
	rec    *recorder
	cfg    config.Config
	seq    int
}

func newHarness(t testing.TB) *harness {
	t.Helper()
	cfg, err := config.Load(config.Overrides{}, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	cfg.Admins = []string{"民政局值班员"}
	store, err := models.Open(filepath.Join(t.TempDir(), "h.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	store.Now = func() time.Time { return testNow }
	rec := &recorder{}
	cfg.Intake.RatePerMinute = 1000
	h := &harness{t: t, store: store, rec: rec, cfg: cfg}
	h.router = New(Deps{Store: store, Config: cfg, Reply: rec, Now: store.Now})
	return h
}

// campaign opens a campaign with the given pioneer and reserve quotas.
func (h *harness) campaign(title string, pioneers, reserves int) models.Campaign {
	h.t.Helper()
	roles := []models.Role{}
	for _, r := range h.cfg.Roles {
		q := pioneers
		if r.Code == "reserve" {
			q = reserves
		}
		roles = append(roles, models.Role{Code: r.Code, Name: r.Name, Aliases: strings.Join(r.Aliases, ","), Quota: q, PhoneRequired: true})
	}
	c, err := h.store.CreateCampaign(context.Background(), models.NewCampaign{Title: title, Roles: roles})
	if err != nil {
		h.t.Fatal(err)
	}
	return c
}

// say sends a message with a fresh id and returns the replies.
func (h *harness) say(group, sender, text string) []sentMsg {
	h.t.Helper()
	h.seq++
	return h.sayID(fmt.Sprint("m", h.seq), group, sender, text)
}

func (h *harness) sayID(id, group, sender, text string) []sentMsg {
	h.t.Helper()
	return h.sayMsg(chat.Message{ID: id, Group: group, Sender: sender, Text: text, At: testNow})
}

// sayMsg handles one message and returns what was sent, checking that no
// full phone number reached any chat.
func (h *harness) sayMsg(m chat.Message) []sentMsg {
	h.t.Helper()
	text := m.Text
	err := h.router.Handle(context.Background(), m)
	if err != nil {
		h.t.Fatalf("%q: %v", text, err)
	}
	out := h.rec.take()
	for _, m := range out {
		if pii.HasPhone(m.text) {
			h.t.Errorf("a full phone number reached a chat: %q", m.text)
		}
	}
	return out
}

// reply sends and expects exactly one reply, in the same group.
func (h *harness) reply(group, sender, text string) string {
	h.t.Helper()
	out := h.say(group, sender, text)
	if len(out) != 1 || out[0].to.Name != group {
		h.t.Fatalf("%q: want one reply in %s, got %+v", text, group, out)
	}
	return out[0].text
}

func contains(t *testing.T, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("reply %q should contain %q", got, w)
		}
	}
}
