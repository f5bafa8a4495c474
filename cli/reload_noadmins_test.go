package cli

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"mobilize/models"
)

// TestReloadNamingNoAdminKeepsThem: a config reloaded while an editor has
// emptied it, or with the admins line gone, leaves the admins in force —
// refused, logged — and only a file that says `admins: []` ends them.
func TestReloadNamingNoAdminKeepsThem(t *testing.T) {
	dir := t.TempDir()
	dbPath, cfgPath := filepath.Join(dir, "m.db"), filepath.Join(dir, "config.yaml")
	writeConfig := func(body string) {
		if err := os.WriteFile(cfgPath, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	writeConfig("admins: [王局]\n")
	store, err := models.Open(dbPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	session := sessionFor(t, store, "王局")
	store.Close()

	sig := make(chan chan<- os.Signal, 1)
	logs := &lockedBuffer{}
	env := &Env{Stdin: strings.NewReader(""), Stdout: &bytes.Buffer{}, Stderr: logs, Getenv: func(string) string { return "" },
		NotifyReload: func(c chan<- os.Signal) func() { sig <- c; return func() {} }}
	ctx, cancel := context.WithCancel(context.Background())
	addr := freeAddr(t)
	code := make(chan int, 1)
	go func() { code <- Run(ctx, []string{"--config", cfgPath, "--db", dbPath, "web", "--listen", addr}, env) }()
	defer func() {
		cancel()
		if c := <-code; c != 0 {
			t.Errorf("web exited %d: %s", c, logs)
		}
	}()
	reload := <-sig
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
	if audit := revokeAudit(t, dbPath); len(audit) != 1 || !strings.HasPrefix(audit[0].Detail, "王局 ") {
		t.Errorf("revocations audited: %+v", audit)
	}
}

// waitLogCount waits until the log holds s at least n times.
func waitLogCount(t *testing.T, logs *lockedBuffer, s string, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for strings.Count(logs.String(), s) < n {
		if time.Now().After(deadline) {
			t.Fatalf("%q not %d times in the log:\n%s", s, n, logs)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
