package cli

import (
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"mobilize/internal/syncbuf"
)

// TestReloadNamingNoAdminKeepsThem: a config reloaded while an editor has
// emptied it, or with the admins line gone, leaves the admins in force —
// refused, logged — and only a file that says `admins: []` ends them.
func TestReloadNamingNoAdminKeepsThem(t *testing.T) {
	w := serveReloadable(t, "admins: [王局]\n", "王局")
	addr, logs, writeConfig, reload, session := w.addr, w.logs, w.write, w.reload, w.sessions["王局"]
	waitStatus(t, addr, session, http.StatusOK)

	for i, body := range []string{"", "timezone: Asia/Shanghai\n", "# 正在编辑\n"} {
		writeConfig(body)
		reload <- syscall.SIGHUP
		waitLogCount(t, logs, "the file names no admin", i+1)
		if got := consoleStatus(t, addr, session); got != http.StatusOK {
			t.Fatalf("a reload of %q ended the admin's session: %d", body, got)
		}
	}
	writeConfig("admins: []\n")
	reload <- syscall.SIGHUP
	waitStatus(t, addr, session, http.StatusUnauthorized)
	if audit := revokeAudit(t, w.dbPath); len(audit) != 1 || !strings.HasPrefix(audit[0].Detail, "王局 ") {
		t.Errorf("revocations audited: %+v", audit)
	}
}

// waitLogCount waits until the log holds s at least n times.
func waitLogCount(t *testing.T, logs *syncbuf.Buffer, s string, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for strings.Count(logs.String(), s) < n {
		if time.Now().After(deadline) {
			t.Fatalf("%q not %d times in the log:\n%s", s, n, logs)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
