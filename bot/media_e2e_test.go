package bot_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"mobilize/chat"
	"mobilize/models"
)

// TestImageAndFileReachTheGroup: image and file rows go through the real
// client's upload and send, in queue order, to the right group.
func TestImageAndFileReachTheGroup(t *testing.T) {
	srv := startFake(t)
	st := mustStore(t)
	h := start(t, srv, st, options{})
	h.waitOnline(t, 1)
	dir := t.TempDir()
	img, pdf := filepath.Join(dir, "poster.png"), filepath.Join(dir, "倡议书.pdf")
	if err := os.WriteFile(img, []byte("\x89PNG fake image"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pdf, []byte("%PDF-1.4 fake"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	to := chat.Target{Name: groupA, Group: true}
	for _, m := range []chat.Outgoing{
		{To: to, Kind: models.KindBroadcast, Text: "倡议书正文"},
		{To: to, Kind: models.KindBroadcast, Media: models.MediaImage, Path: img},
		{To: to, Kind: models.KindBroadcast, Media: models.MediaFile, Path: pdf},
	} {
		if _, err := h.outbox.Put(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	sent, err := srv.WaitSent(3, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if sent[0].Type != 1 || sent[1].Type != 3 || sent[2].Type != 6 {
		t.Fatalf("types %d %d %d, want 1 3 6", sent[0].Type, sent[1].Type, sent[2].Type)
	}
	if sent[1].ToNickName != groupA || string(sent[1].Data) != "\x89PNG fake image" ||
		sent[2].FileName != "倡议书.pdf" || string(sent[2].Data) != "%PDF-1.4 fake" {
		t.Fatalf("media %+v / %+v", sent[1], sent[2])
	}
	waitRows(t, st, models.OutboxSent, 3)
}

// TestSendAnsweredSessionEndedStopsAtOnce: a send answered 1101 ends the
// session then and there; the bot logs in again before sending anything
// more, and every message still goes out once.
func TestSendAnsweredSessionEndedStopsAtOnce(t *testing.T) {
	srv := startFake(t)
	st := mustStore(t)
	h := start(t, srv, st, options{})
	h.waitOnline(t, 1)
	srv.FailSends(1, 1101)
	mustQueue(t, h.outbox, chat.Target{Name: groupA, Group: true}, "第一条")
	mustQueue(t, h.outbox, chat.Target{Name: groupB, Group: true}, "第二条")
	// The fake keeps the session valid, so the bot's hot login succeeds:
	// only the bot's own login count and the admin notice show the
	// session was ended by the send, not by synccheck.
	rows := waitRows(t, st, models.OutboxSent, 3) // two messages and the admin notice
	state, err := st.LoadBotState(context.Background())
	if err != nil || state.Logins < 2 {
		t.Fatalf("state %+v, %v: a send answered 1101 must end the session at once", state, err)
	}
	if rows[2].Target != admin && rows[1].Target != admin && rows[0].Target != admin {
		t.Fatalf("no admin notice of the re-login: %+v", rows)
	}
	attempts := srv.Attempts()
	if len(attempts) != 4 || attempts[0].Ret != 1101 {
		t.Fatalf("attempts %+v", attempts)
	}
	assertOnce(t, srv.Sent(), groupA+": 第一条", groupB+": 第二条")
}
