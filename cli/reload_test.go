package cli

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

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
	dir := t.TempDir()
	dbPath, cfgPath := filepath.Join(dir, "m.db"), filepath.Join(dir, "config.yaml")
	writeConfig := func(body string) {
		if err := os.WriteFile(cfgPath, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	writeConfig("admins: [王局, 李科]\n")
	store, err := models.Open(dbPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	keep, removed, stranger := sessionFor(t, store, "王局"), sessionFor(t, store, "李科"), sessionFor(t, store, "张三")
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

	audit := revokeAudit(t, dbPath)
	if len(audit) != 2 || !strings.HasPrefix(audit[0].Detail, "李科 ") || !strings.HasPrefix(audit[1].Detail, "张三 ") ||
		audit[0].Actor != models.ActorConfig {
		t.Errorf("revocations audited: %+v", audit)
	}
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

// lockedBuffer is a log sink the server writes while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// waitLog waits until the log holds s.
func waitLog(t *testing.T, logs *lockedBuffer, s string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(logs.String(), s) {
		if time.Now().After(deadline) {
			t.Fatalf("no %q in the log:\n%s", s, logs)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
