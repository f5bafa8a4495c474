package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"mobilize/config"
	"mobilize/models"
)

// LoginTTL is how long a one-time console login link works.
const LoginTTL = 10 * time.Minute

// adminCookie carries the console session. It is scoped to /admin,
// HttpOnly (no script reads it) and SameSite=Strict (no other site's page
// can make the browser send it).
const adminCookie = "mz_admin"

// NewLoginLink makes a one-time console login link for admin (an admin's
// 备注): the answer to 登录 in a private chat, and mobilize admin-link.
func NewLoginLink(ctx context.Context, store *models.Store, cfg config.Web, admin string) (string, error) {
	return NewLoginLinkBy(ctx, store, cfg, admin, models.ActorAdmin(admin))
}

// NewLoginLinkBy is NewLoginLink asked by actor (models.ActorCLI for
// mobilize admin-link), who is named in the audit log.
func NewLoginLinkBy(ctx context.Context, store *models.Store, cfg config.Web, admin, actor string) (string, error) {
	token, err := store.NewLoginLinkBy(ctx, admin, actor, LoginTTL)
	if err != nil {
		return "", err
	}
	return BaseURL(cfg) + "/admin/login/" + token, nil
}

// loginPage answers a login link with a button rather than logging in at
// once: WeChat fetches links to preview them, and that fetch must not
// spend the one-time token. The button's POST also comes from our own
// page, so the Strict session cookie it sets is sent on the redirect.
func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "login", ctxt.Console, loginView{Action: r.URL.Path})
}

type loginView struct{ Action string }

func (s *Server) loginSubmit(w http.ResponseWriter, r *http.Request) {
	if r.ParseForm() != nil || !s.csrfOK(r) {
		s.message(w, r, http.StatusForbidden, txt.BadRequest, txt.Expired)
		return
	}
	ttl := s.deps.Config.Web.SessionTTL.D()
	dev := models.SessionDevice{Device: deviceName(r.UserAgent()), IP: maskIP(clientIP(r, s.deps.Config.Web.Proxies()))}
	session, admin, err := s.deps.Store.UseLoginLink(r.Context(), r.PathValue("token"), ttl, dev)
	if err == nil && !s.deps.Config.IsAdmin(admin) {
		// A link minted just before its admin was removed: spent, and
		// the session it opened ended at once.
		if _, err := s.deps.Store.RevokeAdminsExcept(r.Context(), s.deps.Config.AdminList()); err != nil {
			s.internal(w, r, "revoke removed admin", err)
			return
		}
		err = models.ErrNotFound
	}
	if errors.Is(err, models.ErrNotFound) {
		s.message(w, r, http.StatusGone, ctxt.LoginGone, ctxt.LoginGoneBody)
		return
	}
	if err != nil {
		s.internal(w, r, "console login", err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: adminCookie, Value: session, Path: "/admin", HttpOnly: true,
		Secure: s.isHTTPS(r), SameSite: http.SameSiteStrictMode, MaxAge: int(ttl / time.Second)})
	http.Redirect(w, r, "/admin", http.StatusSeeOther)
}

// logout ends the session in the database, not only in the browser.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if r.ParseForm() != nil || !s.csrfOK(r) {
		s.message(w, r, http.StatusForbidden, txt.BadRequest, txt.Expired)
		return
	}
	if c, err := r.Cookie(adminCookie); err == nil {
		if err := s.deps.Store.EndSession(r.Context(), c.Value); err != nil {
			s.internal(w, r, "console logout", err)
			return
		}
	}
	s.clearSession(w, r)
	s.message(w, r, http.StatusOK, ctxt.LoggedOut, ctxt.LoggedOutBody)
}

// logoutAll ends every session of the logged-in admin — this browser,
// the phone left in a meeting room, the colleague's laptop — and their
// unused login links, audited, then says how to log in again: the button
// for "I think someone else is in my console".
func (s *Server) logoutAll(w http.ResponseWriter, r *http.Request, admin string) {
	if r.ParseForm() != nil || !s.csrfOK(r) {
		s.message(w, r, http.StatusForbidden, txt.BadRequest, txt.Expired)
		return
	}
	revoked, err := s.deps.Store.EndAdminAccess(r.Context(), []string{admin}, models.ActorWeb(admin))
	if err != nil {
		s.internal(w, r, "console logout everywhere", err)
		return
	}
	sessions := 0
	for _, rv := range revoked {
		sessions += rv.Sessions
	}
	s.clearSession(w, r)
	s.message(w, r, http.StatusOK, ctxt.LoggedOutAll, fmt.Sprintf(ctxt.LoggedOutAllBody, sessions))
}

// clearSession tells the browser to forget its session cookie.
func (s *Server) clearSession(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: adminCookie, Value: "", Path: "/admin", HttpOnly: true,
		Secure: s.isHTTPS(r), SameSite: http.SameSiteStrictMode, MaxAge: -1})
}

// adminHandler is a console handler: it runs with the logged-in admin.
type adminHandler func(w http.ResponseWriter, r *http.Request, admin string)

// admin lets a request through only with a live session; otherwise it
// says how to get a login link.
func (s *Server) admin(h adminHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie(adminCookie)
		if err != nil {
			s.message(w, r, http.StatusUnauthorized, ctxt.Console, ctxt.LoginHow)
			return
		}
		admin, err := s.deps.Store.SessionAdmin(r.Context(), c.Value)
		if errors.Is(err, models.ErrNotFound) {
			s.message(w, r, http.StatusUnauthorized, ctxt.Console, ctxt.LoginHow)
			return
		}
		if err != nil {
			s.internal(w, r, "check console session", err)
			return
		}
		if !s.deps.Config.IsAdmin(admin) {
			s.revokeRemoved(w, r)
			return
		}
		h(w, r, admin)
	}
}

// revokeRemoved answers a session whose admin is no longer in config
// admins. Start-up and every reload end such sessions in the database;
// checking each request against the list in force as well closes the gap
// between a reload's new list and its revocation.
func (s *Server) revokeRemoved(w http.ResponseWriter, r *http.Request) {
	if _, err := s.deps.Store.RevokeAdminsExcept(r.Context(), s.deps.Config.AdminList()); err != nil {
		s.internal(w, r, "revoke removed admin", err)
		return
	}
	s.message(w, r, http.StatusUnauthorized, ctxt.Console, ctxt.LoginHow)
}
