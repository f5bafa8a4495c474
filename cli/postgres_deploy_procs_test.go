//go:build unix

package cli

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"mobilize/internal/syncbuf"
)

// The helpers of the deployment test (postgres_deploy_e2e_test.go): the
// real binary as child processes, and a relay in front of each fake
// WeChat account that can hold a send mid-way.

// buildMobilize builds the mobilize command into dir, as a deployment
// installs it.
func buildMobilize(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "mobilize")
	out, err := exec.Command("go", "build", "-o", bin, "mobilize/cmd/mobilize").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// child is one running mobilize process.
type child struct {
	name   string
	cmd    *exec.Cmd
	out    *syncbuf.Buffer // stdout and stderr together
	exited chan struct{}
	err    error // set before exited closes
}

// startChild starts bin with args and the extra environment; it is
// SIGKILLed when the test ends, if still running.
func startChild(t *testing.T, name, bin string, env []string, args ...string) *child {
	t.Helper()
	c := &child{name: name, out: &syncbuf.Buffer{}, exited: make(chan struct{})}
	c.cmd = exec.Command(bin, args...)
	c.cmd.Env = append(os.Environ(), env...)
	c.cmd.Stdout, c.cmd.Stderr = c.out, c.out
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { c.err = c.cmd.Wait(); close(c.exited) }()
	t.Cleanup(func() { c.cmd.Process.Kill(); <-c.exited })
	return c
}

// kill9 SIGKILLs the process and waits until it is gone.
func (c *child) kill9(t *testing.T) {
	t.Helper()
	if err := c.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-c.exited
}

// stop asks the process to stop (SIGTERM, as systemd does) and requires
// a clean exit.
func (c *child) stop(t *testing.T) {
	t.Helper()
	c.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-c.exited:
	case <-time.After(30 * time.Second):
		t.Fatalf("%s did not stop on SIGTERM:\n%s", c.name, c.out)
	}
	if c.err != nil {
		t.Errorf("%s exited with %v:\n%s", c.name, c.err, c.out)
	}
}

// wechatRelay serves what a child sends to MOBILIZE_WECHAT_SIMULATOR
// (plain HTTP, the WeChat host in the Host header) through the fake
// account's transport. holdSend, once armed, delivers that account's n-th
// send from then on to the fake — the group has it — and never answers
// it, so the sending process is caught mid-send, its row "sending".
type wechatRelay struct {
	proxy *httputil.ReverseProxy
	srv   *httptest.Server
	sends atomic.Int64
	holdN atomic.Int64
	held  chan struct{}
}

func newWechatRelay(t *testing.T, rt http.RoundTripper) *wechatRelay {
	r := &wechatRelay{held: make(chan struct{}), proxy: &httputil.ReverseProxy{Transport: rt,
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.Out.URL.Scheme, pr.Out.URL.Host, pr.Out.Host = "https", pr.In.Host, pr.In.Host
		}}}
	r.srv = httptest.NewServer(r)
	t.Cleanup(r.srv.Close)
	return r
}

// addr is the relay's loopback address, the child's simulator address.
func (r *wechatRelay) addr() string { return r.srv.Listener.Addr().String() }

// holdSend holds the n-th send (1-based) counted from now.
func (r *wechatRelay) holdSend(n int64) { r.holdN.Store(r.sends.Load() + n) }

func (r *wechatRelay) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	if isWechatSend(req.URL.Path) {
		if n := r.sends.Add(1); n == r.holdN.Load() {
			r.proxy.ServeHTTP(httptest.NewRecorder(), req)
			close(r.held)
			<-req.Context().Done()
			return
		}
	}
	r.proxy.ServeHTTP(w, req)
}

// isWechatSend tells the send endpoints (text, image, file) apart.
func isWechatSend(path string) bool {
	for _, p := range []string{"/webwxsendmsg", "/webwxsendmsgimg", "/webwxsendappmsg"} {
		if strings.HasSuffix(path, p) {
			return true
		}
	}
	return false
}

// waitFor polls cond every 50 ms until it holds, failing after limit
// with what, and the children's output.
func waitFor(t *testing.T, limit time.Duration, what string, cond func() bool, children ...*child) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			var b strings.Builder
			for _, c := range children {
				fmt.Fprintf(&b, "--- %s\n%s\n", c.name, c.out)
			}
			t.Fatalf("%s: not after %s\n%s", what, limit, b.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}
