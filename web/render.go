package web

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"

	"mobilize/models"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pages holds the parsed templates.
type pages struct{ t *template.Template }

// page is what every template gets: the wording, the title, the page's
// own data, and the form token.
type page struct {
	T     pageText
	C     consoleText
	Title string
	D     any
	CSRF  string
	Admin string // the logged-in admin on console pages
	Warn  string // a problem staff must fix, shown on the console's first page
	// Offline is the alert that the bot has been logged out of WeChat too
	// long (admin_offline.go), on every page of a logged-in admin.
	Offline string
	// Console heads the page 管理后台 instead of the public site's name:
	// every page under /admin, the login and the console's 404 included.
	Console bool
}

func parsePages() (*pages, error) {
	t, err := template.New("").Funcs(template.FuncMap{
		"paras": paragraphs,
		"f":     fmt.Sprintf,
		"split": func(s string) []string { return strings.SplitN(s+"|", "|", 3)[:2] },
	}).ParseFS(templateFS, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("parse templates: %w", err)
	}
	return &pages{t: t}, nil
}

// paragraphs splits a campaign body into paragraphs for the page; each is
// escaped by the template, so a body can never inject markup.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// render executes a template into a buffer first, so a template error
// never sends half a page, and answers with status.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, title string, data any) {
	s.renderPage(w, r, status, name, page{T: txt, C: ctxt, Title: title, D: data})
}

func (s *Server) renderPage(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	if p.CSRF == "" {
		p.CSRF = s.csrfToken(w, r)
	}
	p.Console = p.Console || strings.HasPrefix(r.URL.Path, "/admin")
	if p.Console && p.Admin != "" {
		p.Offline = s.offlineBanner(r.Context())
	}
	var buf bytes.Buffer
	if err := s.pages.t.ExecuteTemplate(&buf, name, p); err != nil {
		s.deps.Log.Error("render page", "page", name, "err", err)
		http.Error(w, txt.InternalBody, http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// messagePage is a page that only says something.
type messagePage struct{ Body string }

func (s *Server) message(w http.ResponseWriter, r *http.Request, status int, title, body string) {
	s.render(w, r, status, "message", title, messagePage{Body: body})
}

// internal answers an unexpected error: logged with context, a short
// Chinese page for the visitor, no Go internals.
func (s *Server) internal(w http.ResponseWriter, r *http.Request, what string, err error) {
	s.deps.Log.Error(what, "path", redactPath(r.URL.Path), "err", err)
	if f, ok := models.FaultOf(err); ok {
		// Staff on the console are told what to do about the database;
		// a visitor of the sign-up page that nothing was saved.
		body := f.MemberText()
		if strings.HasPrefix(r.URL.Path, "/admin") {
			body = f.Advice()
		}
		s.message(w, r, http.StatusServiceUnavailable, txt.Internal, body)
		return
	}
	s.message(w, r, http.StatusInternalServerError, txt.Internal, txt.InternalBody)
}

// redactPath keeps tokens out of logs: only the route's first segment.
func redactPath(p string) string {
	if i := strings.IndexByte(strings.TrimPrefix(p, "/"), '/'); i >= 0 {
		return p[:i+1] + "/…"
	}
	return p
}

func staticHandler() http.Handler {
	sub, _ := fs.Sub(staticFS, "static")
	files := http.FileServerFS(sub)
	return http.StripPrefix("/static/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		files.ServeHTTP(w, r)
	}))
}

// The form token: a random cookie per browser, and in each form the HMAC of
// it under the server's form key. A forged cross-site post has neither the
// cookie's value nor the key (and is refused before that by the
// cross-origin check).
const csrfCookie = "mz_form"

func (s *Server) csrfToken(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(csrfCookie)
	val := ""
	if err == nil && len(c.Value) >= 22 {
		val = c.Value
	} else {
		b := make([]byte, 18)
		rand.Read(b)
		val = base64.RawURLEncoding.EncodeToString(b)
		http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: val, Path: "/", HttpOnly: true,
			SameSite: http.SameSiteLaxMode, Secure: s.isHTTPS(r), MaxAge: 7 * 24 * 3600})
		r.AddCookie(&http.Cookie{Name: csrfCookie, Value: val})
	}
	return s.csrfFor(val)
}

func (s *Server) csrfFor(cookie string) string {
	m := hmac.New(sha256.New, s.csrfKey)
	m.Write([]byte(cookie))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:16])
}

// csrfOK checks a posted form's token against the browser's cookie.
func (s *Server) csrfOK(r *http.Request) bool {
	c, err := r.Cookie(csrfCookie)
	if err != nil {
		return false
	}
	return hmac.Equal([]byte(r.PostFormValue("csrf")), []byte(s.csrfFor(c.Value)))
}
