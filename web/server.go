// Package web is the second door onto the Store: a sign-up page reached by
// a signed link or its QR code, a personal page to check or cancel a
// sign-up, and the staff console. Sign-ups go through the same Store call
// as the chat's 报名, so quotas, waitlists and de-duplication by phone are
// one engine whichever door people use. Every asset is embedded; a page
// never asks another host for anything (it opens inside WeChat's browser
// and on closed networks).
package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"mobilize/config"
	"mobilize/models"
)

// Deps is what the web server needs from outside.
type Deps struct {
	Store  *models.Store
	Config config.Config
	// Announce queues, through the outbox, the group notice for each person
	// promoted from a waitlist — the same notice a chat cancellation sends.
	Announce func(ctx context.Context, promoted []models.Registration) error
	Log      *slog.Logger
	// Now is the clock of the rate limiter and sessions' cookies.
	Now func() time.Time
}

// Server serves the public pages and the console.
type Server struct {
	deps    Deps
	links   *Links
	csrfKey []byte
	limit   *limiter
	targets *targetCache
	pages   *pages
	handler http.Handler
}

// New builds the server: the link and form keys from the database, the
// parsed templates, and the route table.
func New(ctx context.Context, d Deps) (*Server, error) {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Announce == nil {
		return nil, errors.New("web: Deps.Announce is required (promotions must reach the groups)")
	}
	links, err := OpenLinks(ctx, d.Store, d.Config.Web)
	if err != nil {
		return nil, err
	}
	csrfKey, err := d.Store.WebSecret(ctx, "forms")
	if err != nil {
		return nil, fmt.Errorf("load form key: %w", err)
	}
	p, err := parsePages()
	if err != nil {
		return nil, err
	}
	s := &Server{deps: d, links: links, csrfKey: csrfKey, pages: p,
		limit: newLimiter(d.Config.Web.RatePerMinute, d.Now), targets: newTargetCache(d.Now)}
	s.handler = s.guard(s.routes())
	return s, nil
}

// Links returns the server's link maker (for the console's manual mode).
func (s *Server) Links() *Links { return s.links }

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// routes is the route table, read top to bottom.
func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.home)
	mux.Handle("GET /static/", staticHandler())
	mux.HandleFunc("GET /s/{token}", s.signupPage)
	mux.HandleFunc("POST /s/{token}", s.signupSubmit)
	mux.HandleFunc("GET /r/{token}", s.personalPage)
	mux.HandleFunc("POST /r/{token}/cancel", s.personalCancel)
	mux.HandleFunc("POST /r/{token}/change", s.personalChange)
	s.adminRoutes(mux)
	mux.HandleFunc("/", s.notFound)
	return mux
}

// notFound answers every path no route serves in Chinese, instead of the
// mux's English "404 page not found": the console's own wording under
// /admin, the public one (a link that does not exist) elsewhere.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/admin") {
		s.message(w, r, http.StatusNotFound, ctxt.PageGone, ctxt.PageGoneBody)
		return
	}
	s.message(w, r, http.StatusNotFound, txt.NotFound, txt.NotFoundBody)
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	s.message(w, r, http.StatusOK, txt.Home, txt.HomeBody)
}

// Serve listens on addr and serves h until ctx ends, then shuts down
// gracefully: requests in flight (a sign-up being committed) finish, new
// ones are refused. The timeouts keep slow clients from holding
// connections open.
func Serve(ctx context.Context, addr string, h http.Handler, log *slog.Logger) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("网页服务无法监听 %s: %w", addr, err)
	}
	return ServeListener(ctx, ln, h, log)
}

// ServeListener is Serve on an open listener (tests pass port 0).
func ServeListener(ctx context.Context, ln net.Listener, h http.Handler, log *slog.Logger) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 16 << 10,
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	log.Info("web serving", "addr", ln.Addr().String())
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	err := srv.Shutdown(shutCtx)
	<-done
	log.Info("web stopped")
	return err
}
