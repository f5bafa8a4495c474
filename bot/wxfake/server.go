package wxfake

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// Server is the fake. Create it with New, Start it, point clients at it with
// Transport, and Close it. All methods are safe for concurrent use.
type Server struct {
	cfg config

	// mu guards everything below. Handlers never hold it while they sleep
	// or write a response.
	mu sync.Mutex
	// notify is closed and replaced on every change of state, waking held
	// requests (login polls, synccheck) and WaitSent.
	notify  chan struct{}
	closing chan struct{}
	closed  bool
	ts      *httptest.Server
	inner   *http.Transport

	latency        time.Duration
	autoConfirm    bool
	confirmPending bool
	pushDisabled   bool
	loginFault     *loginFault

	acct     account
	qrs      map[string]*qrCode // by uuid
	tickets  map[string]*qrCode // by login ticket
	sessions map[string]*session
	current  *session
	logins   int

	events    []*event
	delivered int64 // highest sequence number any webwxsync returned
	lastSeq   int64
	lastMsgID int64
	// lastMediaID numbers the media friends send (SendFriendMedia).
	lastMediaID int

	uploads map[string]*upload
	media   map[string]*media

	attempts  []SentMessage
	failSends int
	failRet   int
	dropSends int
	dropAfter bool

	log      []Request
	logCount map[string]int

	// world and worldName are set for an account of a World.
	world     *World
	worldName string
}

// Request is one request the fake received, for tests that check what the
// client did (for example that a hot login did not ask for a QR code).
type Request struct {
	Method string
	Host   string
	Path   string
	Time   time.Time
}

// maxLog bounds the request log: the sync loop polls forever.
const maxLog = 4096

// New returns a Server configured by opts. It does not listen until Start.
func New(opts ...Option) *Server {
	cfg := defaultConfig()
	for _, opt := range opts {
		opt(&cfg)
	}
	s := &Server{
		cfg:         cfg,
		notify:      make(chan struct{}),
		closing:     make(chan struct{}),
		latency:     cfg.latency,
		autoConfirm: cfg.autoConfirm,
		qrs:         make(map[string]*qrCode),
		tickets:     make(map[string]*qrCode),
		sessions:    make(map[string]*session),
		lastMsgID:   newMsgIDBase(),
		uploads:     make(map[string]*upload),
		media:       make(map[string]*media),
		logCount:    make(map[string]int),
	}
	s.acct = newAccount(cfg)
	return s
}

// Start starts serving on a loopback port. It panics if called twice or
// after Close, like httptest.Server.Start.
func (s *Server) Start() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ts != nil || s.closed {
		panic("wxfake: Server already started or closed")
	}
	s.ts = httptest.NewUnstartedServer(s)
	s.ts.Start()
	addr := s.ts.Listener.Addr().String()
	var d net.Dialer
	s.inner = &http.Transport{
		// Never use a proxy from the environment: the fake is local.
		Proxy: nil,
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			return d.DialContext(ctx, "tcp", addr)
		},
		MaxIdleConnsPerHost: 16,
		IdleConnTimeout:     30 * time.Second,
	}
}

// Close releases held requests, stops the server and waits for handlers to
// return. Stop the bots first (cancel their context): a bot whose sync loop
// is still running retries against the closed fake until its context ends.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	close(s.closing)
	ts, inner := s.ts, s.inner
	s.mu.Unlock()
	if ts != nil {
		ts.Close()
		inner.CloseIdleConnections()
	}
}

// SetLatency delays every later response by d (a slow server).
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// Requests returns the most recent requests the fake received, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.log...)
}

// RequestCount returns how many requests for path (for example "/jslogin"
// or "/cgi-bin/mmwebwx-bin/webwxinit") the fake received, on any host.
func (s *Server) RequestCount(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logCount[path]
}

// ServeHTTP routes on the original host the client asked for, then the path.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	s.record(r.Method, host, r.URL.Path)
	s.mu.Lock()
	latency := s.latency
	s.mu.Unlock()
	if !s.pause(r.Context(), latency) {
		return
	}
	d := s.cfg.domain
	switch host {
	case "login.wx.qq.com":
		s.serveLoginHost(w, r)
	case "login.weixin.qq.com":
		s.serveQRImage(w, r)
	case d:
		s.serveBaseHost(w, r)
	case "file." + d:
		s.serveFileHost(w, r)
	case "webpush." + d:
		s.serveSyncHost(w, r)
	default:
		http.NotFound(w, r)
	}
}

func (s *Server) record(method, host, path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.log) >= maxLog {
		s.log = append(s.log[:0], s.log[len(s.log)-maxLog/2:]...)
	}
	s.log = append(s.log, Request{Method: method, Host: host, Path: path, Time: time.Now()})
	s.logCount[path]++
}

// pause sleeps for d unless the request or the server ends first; it
// reports whether the handler should go on.
func (s *Server) pause(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	case <-s.closing:
		return false
	}
}

// broadcast wakes everything waiting in await. Call it with s.mu held.
func (s *Server) broadcast() {
	close(s.notify)
	s.notify = make(chan struct{})
}

// await waits, with s.mu held on entry and on return, until ready (called
// with s.mu held) reports true, d passes, ctx ends or the server closes. It
// reports whether ready became true.
func (s *Server) await(ctx context.Context, d time.Duration, ready func() bool) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	for !ready() {
		ch := s.notify
		s.mu.Unlock()
		select {
		case <-ch:
		case <-t.C:
			s.mu.Lock()
			return ready()
		case <-ctx.Done():
			s.mu.Lock()
			return false
		case <-s.closing:
			s.mu.Lock()
			return false
		}
		s.mu.Lock()
	}
	return true
}

// cookieDomain is the registrable domain the session cookies are set on
// (".qq.com" for wx.qq.com), so that file.D and webpush.D receive them.
func (s *Server) cookieDomain() string {
	labels := strings.Split(s.cfg.domain, ".")
	if len(labels) <= 2 {
		return s.cfg.domain
	}
	return strings.Join(labels[len(labels)-2:], ".")
}
