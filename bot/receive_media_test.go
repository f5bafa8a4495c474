package bot_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"mobilize/bot/wxfake"
	"mobilize/chat"
	"mobilize/config"
)

// TestAdminMediaIsDownloaded: an image and a file an admin sends in a
// private chat reach the handler as a Message with Media and a local File
// (0600) holding the bytes; a non-admin friend's media is never fetched.
func TestAdminMediaIsDownloaded(t *testing.T) {
	srv := startFake(t, wxfake.WithFriends(wxfake.Friend{NickName: adminNk, RemarkName: admin}, wxfake.Friend{NickName: "路人", RemarkName: "路人甲"}))
	var mu sync.Mutex
	got := map[string]chat.Message{}
	seen := make(chan struct{}, 8)
	record := handlerFunc(func(_ context.Context, m chat.Message) error {
		mu.Lock()
		got[m.ID] = m
		mu.Unlock()
		seen <- struct{}{}
		return nil
	})
	dbDir := t.TempDir()
	h := start(t, srv, mustStore(t), options{
		handler: func(*harness) chat.Handler { return record },
		cfg:     func(c *config.Config) { c.Database = filepath.Join(dbDir, "m.db") },
	})
	h.waitOnline(t, 1)
	stranger := srv.SendFriendMedia("路人甲", "名单.xlsx", []byte("secret"), false)
	img := srv.SendFriendMedia(admin, "", []byte("\x89PNG poster"), true)
	pdf := srv.SendFriendMedia(admin, "倡议书.pdf", []byte("%PDF-1.4 body"), false)
	for range 2 {
		select {
		case <-seen:
		case <-time.After(10 * time.Second):
			t.Fatal("admin media never reached the handler")
		}
	}
	h.stop()
	mu.Lock()
	defer mu.Unlock()
	if _, ok := got[stranger]; ok {
		t.Fatal("a non-admin's file was downloaded")
	}
	for id, want := range map[string]struct{ media, data string }{
		img: {"image", "\x89PNG poster"}, pdf: {"file", "%PDF-1.4 body"},
	} {
		m := got[id]
		if m.Media != want.media || m.Remark != admin || filepath.Dir(m.File) != filepath.Join(dbDir, "inbox") {
			t.Fatalf("message %+v", m)
		}
		data, err := os.ReadFile(m.File)
		if err != nil || string(data) != want.data {
			t.Fatalf("%s holds %q, %v", m.File, data, err)
		}
		if st, err := os.Stat(m.File); err != nil || st.Mode().Perm() != 0o600 {
			t.Fatalf("%s mode %v, %v", m.File, st.Mode(), err)
		}
	}
	if filepath.Base(got[pdf].File) != pdf+"-倡议书.pdf" {
		t.Errorf("file name %q", got[pdf].File)
	}
	entries, err := os.ReadDir(filepath.Join(dbDir, "inbox"))
	if err != nil || len(entries) != 2 {
		t.Fatalf("inbox holds %d files, %v", len(entries), err)
	}
}
