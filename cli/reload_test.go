package cli

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"mobilize/internal/syncbuf"
	"mobilize/models"
)

// consoleStatus is the status of GET /admin with a session cookie.
func consoleStatus(t *testing.T, addr, session string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, "http://"+addr+"/admin", nil)
	req.AddCookie(&http.Cookie{Name: "mz_admin", Value: session})
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

// waitStatus polls the console until session gets want, or fails.
func waitStatus(t *testing.T, addr, session string, want int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for got := consoleStatus(t, addr, session); got != want; got = consoleStatus(t, addr, session) {
		if time.Now().After(deadline) {
			t.Fatalf("console answered %d, want %d", got, want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// freeAddr is a loopback address nothing listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// TestReloadRevokesRemovedAdmin runs `mobilize web` as served: a session
// of someone not in admins is ended at start; a session that worked stops
// working once its admin is taken out of the config and the process gets
// SIGHUP, the kept admin's goes on working, and both revocations are in
// the audit log. A reload of a broken file changes nothing.
func TestReloadRevokesRemovedAdmin(t *testing.T) {
	w := serveReloadable(t, "admins: [王局, 李科]\n", "王局", "李科", "张三")
	addr, logs, writeConfig, reload := w.addr, w.logs, w.write, w.reload
	keep, removed, stranger := w.sessions["王局"], w.sessions["李科"], w.sessions["张三"]
	waitStatus(t, addr, keep, http.StatusOK)
	if got := consoleStatus(t, addr, stranger); got != http.StatusUnauthorized {
		t.Errorf("a session of someone never in admins: %d at start", got)
	}
	if got := consoleStatus(t, addr, removed); got != http.StatusOK {
		t.Fatalf("李科's session before the reload: %d", got)
	}

	writeConfig("admins: [王局\n") // broken: the reload must keep the admins in force
	reload <- syscall.SIGHUP
	waitLog(t, logs, "config reload refused")
	if got := consoleStatus(t, addr, removed); got != http.StatusOK {
		t.Fatalf("a broken config's reload ended a session: %d", got)
	}
	writeConfig("admins: [王局]\n")
	reload <- syscall.SIGHUP
	waitStatus(t, addr, removed, http.StatusUnauthorized)
	if got := consoleStatus(t, addr, keep); got != http.StatusOK {
		t.Errorf("the kept admin's session after the reload: %d", got)
	}

	audit := revokeAudit(t, w.dbPath)
	if len(audit) != 2 || !strings.HasPrefix(audit[0].Detail, "李科 ") || !strings.HasPrefix(audit[1].Detail, "张三 ") ||
		audit[0].Actor != models.ActorConfig {
		t.Errorf("revocations audited: %+v", audit)
	}
}

// reloadableWeb is `mobilize web` served on a config file the test
// rewrites (write) and reloads (reload, the SIGHUP channel), with a
// console session opened beforehand for each of sessions.
type reloadableWeb struct {
	addr, dbPath string
	logs         *syncbuf.Buffer
	write        func(body string)
	reload       chan<- os.Signal
	sessions     map[string]string
}

// serveReloadable starts it; the web process is stopped at the test's end.
func serveReloadable(t *testing.T, body string, sessions ...string) *reloadableWeb {
	t.Helper()
	dir := t.TempDir()
	w := &reloadableWeb{dbPath: filepath.Join(dir, "m.db"), logs: &syncbuf.Buffer{}, sessions: map[string]string{}}
	cfgPath := filepath.Join(dir, "config.yaml")
	w.write = func(body string) {
		if err := os.WriteFile(cfgPath, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	w.write(body)
	store, err := models.Open(w.dbPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, admin := range sessions {
		w.sessions[admin] = sessionFor(t, store, admin)
	}
	store.Close()

	sig := make(chan chan<- os.Signal, 1)
	env := &Env{Stdin: strings.NewReader(""), Stdout: &bytes.Buffer{}, Stderr: w.logs, Getenv: func(string) string { return "" },
		NotifyReload: func(c chan<- os.Signal) func() { sig <- c; return func() {} }}
	ctx, cancel := context.WithCancel(context.Background())
	w.addr = freeAddr(t)
	code := make(chan int, 1)
	go func() {
		code <- Run(ctx, []string{"--config", cfgPath, "--db", w.dbPath, "web", "--listen", w.addr}, env)
	}()
	t.Cleanup(func() {
		cancel()
		if c := <-code; c != 0 {
			t.Errorf("web exited %d: %s", c, w.logs)
		}
	})
	w.reload = <-sig
	return w
}

// sessionFor opens a console session for admin through a login link.
func sessionFor(t *testing.T, store *models.Store, admin string) string {
	t.Helper()
	ctx := context.Background()
	link, err := store.NewLoginLink(ctx, admin, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	session, _, err := store.UseLoginLink(ctx, link, time.Hour, models.SessionDevice{})
	if err != nil {
		t.Fatal(err)
	}
	return session
}

// revokeAudit reads the web.revoke rows, newest first.
func revokeAudit(t *testing.T, dbPath string) []models.AuditLog {
	t.Helper()
	store, err := models.OpenExisting(dbPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	rows, err := store.RecentAudit(context.Background(), models.AuditRevoke, 10)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// waitLog waits until the log holds s.
func waitLog(t *testing.T, logs *syncbuf.Buffer, s string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(logs.String(), s) {
		if time.Now().After(deadline) {
			t.Fatalf("no %q in the log:\n%s", s, logs)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
