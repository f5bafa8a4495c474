package bot_test

import (
	"context"
	"testing"
	"time"

	"mobilize/bot/wxfake"
	"mobilize/chat"
	"mobilize/config"
	"mobilize/models"
)

// Through the real client: a friend who named themselves after an admin
// (民政局值班员, no 备注) receives nothing addressed to the admin; the
// message stays queued and the bot's state names the admin, while the
// admin with a matching 备注 gets theirs.
func TestAdminTrafficNeverFollowsANickname(t *testing.T) {
	const impostor = "民政局值班员"
	srv := startFake(t, wxfake.WithFriends(wxfake.Friend{NickName: impostor}))
	store := mustStore(t)
	h := start(t, srv, store, options{cfg: func(c *config.Config) { c.Admins = []string{admin, impostor} }})
	<-h.qrShown
	h.waitOnline(t, 1)
	ctx := context.Background()
	if err := h.outbox.Queue(ctx, chat.Target{Name: impostor}, models.KindRoster, "名单（完整手机号）"); err != nil {
		t.Fatal(err)
	}
	if err := h.outbox.Queue(ctx, chat.Target{Name: admin}, models.KindNotice, "给真管理员"); err != nil {
		t.Fatal(err)
	}
	sent, err := srv.WaitSent(1, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond) // several sender polls
	for _, m := range srv.Sent() {
		if m.ToNickName == impostor {
			t.Fatalf("admin traffic went to a nickname: %+v", m)
		}
	}
	if sent[0].ToRemarkName != admin {
		t.Errorf("sent %+v, want the admin by remark", sent[0])
	}
	rows, err := store.OutboxRows(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Target == impostor && r.Status != models.OutboxPending {
			t.Errorf("the undeliverable admin message is %s, want pending", r.Status)
		}
	}
	st, err := store.LoadBotState(ctx)
	if err != nil || st.NoContact != impostor {
		t.Errorf("state names %q (%v), want %q", st.NoContact, err, impostor)
	}
}
