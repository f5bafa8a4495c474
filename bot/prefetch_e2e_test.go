package bot_test

import (
	"testing"
)

// TestMembersFetchedAtLogin: the saved groups' member lists are fetched
// at login, before any message: the first message of a group is named
// without the sync loop stopping to fetch.
func TestMembersFetchedAtLogin(t *testing.T) {
	srv := startFake(t)
	h := start(t, srv, mustStore(t), options{})
	h.waitOnline(t, 1)
	if n := srv.RequestCount("/cgi-bin/mmwebwx-bin/webwxbatchgetcontact"); n != 1 {
		t.Fatalf("%d batchgetcontact calls at login, want 1 (two saved groups, one batch)", n)
	}
}
