package bot_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"mobilize/bot"
	"mobilize/bot/wxfake"
	"mobilize/chat"
)

// childEnv makes the test binary serve a big fake account instead of
// running tests, so the memory benchmark measures the bot alone.
const childEnv = "MOBILIZE_BOT_FAKE_CHILD"

const bigGroups, bigMembers = 500, 500

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		serveBigFake()
		return
	}
	if spec := os.Getenv(killChildEnv); spec != "" {
		os.Exit(runBotChild(spec))
	}
	os.Exit(m.Run())
}

// serveBigFake runs a fake with 500 groups of 500 members behind a plain
// HTTP proxy on loopback, prints its address, speaks once in every group
// after the bot has logged in, and exits when stdin closes. Each message
// mentions the bot: "@" is what makes openwechat load a group's members.
func serveBigFake() {
	groups := make([]wxfake.Group, bigGroups)
	for g := range groups {
		members := make([]wxfake.Member, bigMembers)
		for m := range members {
			members[m] = wxfake.Member{NickName: fmt.Sprintf("志愿者%03d-%03d", g, m), DisplayName: fmt.Sprintf("群名片%03d", m)}
		}
		groups[g] = wxfake.Group{NickName: fmt.Sprintf("社会组织%03d志愿群", g), Saved: true, Members: members}
	}
	srv := wxfake.New(wxfake.WithGroups(groups...), wxfake.WithSyncHold(200*time.Millisecond))
	srv.Start()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	fmt.Println(ln.Addr().String())
	go http.Serve(ln, relay(srv.Transport()))
	go func() {
		for srv.RequestCount("/cgi-bin/mmwebwx-bin/webwxgetcontact") == 0 {
			time.Sleep(10 * time.Millisecond)
		}
		for _, g := range groups {
			srv.SendGroupText(g.NickName, g.Members[0].NickName, "@机器人 名额")
		}
	}()
	_, _ = io.Copy(io.Discard, os.Stdin)
}

// relay forwards requests received on loopback to the fake's transport.
// It buffers each answer: streaming it through cut long bodies short.
func relay(rt http.RoundTripper) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		out := req.Clone(req.Context())
		out.RequestURI, out.URL.Scheme, out.URL.Host = "", "https", req.Host
		resp, err := rt.RoundTrip(out)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		for _, k := range []string{"Content-Type", "Set-Cookie"} {
			w.Header()[k] = resp.Header[k]
		}
		w.WriteHeader(resp.StatusCode)
		_, _ = w.Write(body)
	})
}

// toAddr sends every request to addr, keeping the original host.
type toAddr string

func (a toAddr) RoundTrip(req *http.Request) (*http.Response, error) {
	out := req.Clone(req.Context())
	out.Host = req.URL.Host
	out.URL.Scheme, out.URL.Host = "http", string(a)
	return http.DefaultTransport.RoundTrip(out)
}

// BenchmarkMemory500x500 logs a bot in to an account in 500 groups of 500
// members (the fake runs in a child process), lets every group speak once
// so the library loads every member list, and reports the bot process's
// live heap and resident set. Goal: under 150 MB.
func BenchmarkMemory500x500(b *testing.B) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"=1")
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() { stdin.Close(); _ = cmd.Wait() }()
	addr, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		b.Fatal(err)
	}
	baseHeap, _ := memory()
	var handled atomic.Int64
	count := func(*harness) chat.Handler {
		return handlerFunc(func(context.Context, chat.Message) error { handled.Add(1); return nil })
	}
	begin := time.Now()
	h := start(b, wxfake.New(), mustStore(b), options{handler: count, runner: func(rc *bot.RunnerConfig) {
		rc.HTTPTransport = toAddr(strings.TrimSpace(addr))
	}})
	for handled.Load() < bigGroups {
		if time.Since(begin) > 2*time.Minute {
			b.Fatalf("%d of %d groups handled after 2m", handled.Load(), bigGroups)
		}
		time.Sleep(20 * time.Millisecond)
	}
	heap, rss := memory()
	b.ReportMetric(float64(heap-baseHeap)/(1<<20), "bot-heap-MB")
	b.ReportMetric(float64(rss)/(1<<20), "rss-MB")
	b.ReportMetric(time.Since(begin).Seconds(), "load-s")
	runtime.KeepAlive(h)
}

// memory returns the live heap after a collection and the resident set.
func memory() (heap, rss uint64) {
	runtime.GC()
	debug.FreeOSMemory()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	status, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(status), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseUint(f[1], 10, 64)
			rss = kb << 10
		}
	}
	return ms.HeapAlloc, rss
}
