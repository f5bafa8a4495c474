package wxfake

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// qrCode is one login attempt, named by its uuid: a QR code (jslogin) or a
// push login (webwxpushloginurl).
type qrCode struct {
	uuid   string
	state  int
	ticket string
}

const (
	qrWaiting = iota
	qrScanned
	qrConfirmed
	qrRedeemed
	qrExpired
)

type loginFault struct {
	ret int
	msg string
}

func (s *Server) newQR() *qrCode {
	qr := &qrCode{uuid: randString(10) + "=="}
	s.qrs[qr.uuid] = qr
	return qr
}

// jslogin answers GET login.wx.qq.com/jslogin with a new QR code's uuid.
func (s *Server) jslogin(w http.ResponseWriter, _ *http.Request) {
	s.mu.Lock()
	qr := s.newQR()
	s.broadcast()
	s.mu.Unlock()
	writeJS(w, "window.QRLogin.code = 200; window.QRLogin.uuid = \"%s\";", qr.uuid)
}

// loginPoll answers GET login.wx.qq.com/cgi-bin/mmwebwx-bin/login: 408 (held
// for the login hold) until the code is scanned, then 201, then 200 with
// the redirect_uri on the account's domain; 400 when expired or unknown.
func (s *Server) loginPoll(w http.ResponseWriter, r *http.Request) {
	uuid := r.URL.Query().Get("uuid")
	s.mu.Lock()
	qr := s.qrs[uuid]
	scanNow := func() bool { return s.autoConfirm || s.confirmPending }
	s.await(r.Context(), s.cfg.loginHold, func() bool {
		return qr == nil || qr.state != qrWaiting || scanNow()
	})
	if r.Context().Err() != nil {
		s.mu.Unlock()
		return
	}
	var body string
	switch {
	case qr == nil || qr.state == qrExpired:
		body = "window.code=400;"
	case qr.state == qrWaiting && scanNow():
		s.confirmPending = false
		qr.state = qrScanned
		body = "window.code=201;window.userAvatar = 'data:img/jpg;base64,';"
	case qr.state == qrWaiting:
		body = "window.code=408;"
	default:
		if qr.ticket == "" {
			qr.ticket = randString(32)
			qr.state = qrConfirmed
			s.tickets[qr.ticket] = qr
		}
		body = fmt.Sprintf("window.code=200;\nwindow.redirect_uri=\"https://%s/cgi-bin/mmwebwx-bin/webwxnewloginpage?ticket=%s&uuid=%s&lang=zh_CN&scan=%d\";",
			s.cfg.domain, qr.ticket, qr.uuid, time.Now().Unix())
	}
	s.mu.Unlock()
	writeJS(w, "%s", body)
}

// newLoginPage answers GET D/cgi-bin/mmwebwx-bin/webwxnewloginpage: it
// redeems the ticket, starts a session and sets the session cookies on the
// registrable domain (.qq.com), where file.D and webpush.D see them.
func (s *Server) newLoginPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	desktop := r.Header.Get("extspam") != "" && r.Header.Get("client-version") != ""
	s.mu.Lock()
	qr := s.tickets[q.Get("ticket")]
	var fault *loginFault
	switch {
	case s.loginFault != nil:
		fault, s.loginFault = s.loginFault, nil
	case qr == nil || qr.uuid != q.Get("uuid") || qr.state == qrRedeemed:
		fault = &loginFault{ret: 1, msg: "wxfake: unknown or used login ticket"}
	case !desktop && !s.cfg.webMode:
		fault = &loginFault{ret: 1203, msg: textLoginEnv}
	}
	if fault != nil {
		s.mu.Unlock()
		writeLoginXML(w, fault.ret, fault.msg, nil, 0)
		return
	}
	qr.state = qrRedeemed
	ss := s.startSession()
	uin := s.acct.uin
	s.mu.Unlock()
	s.setSessionCookies(w, ss, uin)
	writeLoginXML(w, 0, "", ss, uin)
}

// setSessionCookies sets a new session's cookies as the real
// webwxnewloginpage answer does (a captured exchange: the public repository
// QJesus/weixinHttp, WeChat.Api/ClientApp/documents/READMED.md, section 4):
// the session's cookies on the login host itself (Domain=wx.qq.com, or
// wx2.qq.com, web.wechat.com...), webwx_data_ticket on the registrable
// domain (.qq.com), all Path=/, Secure, with an expiry.
func (s *Server) setSessionCookies(w http.ResponseWriter, ss *session, uin int64) {
	exp := time.Now().Add(12 * time.Hour).UTC()
	host := s.cfg.domain
	for _, c := range [][3]string{
		{"wxuin", strconv.FormatInt(uin, 10), host},
		{"wxsid", ss.sid, host},
		{"wxloadtime", strconv.FormatInt(time.Now().Unix(), 10) + "_expired", host},
		{"mm_lang", "zh_CN", host},
		{"webwxuvid", ss.authTicket[:8] + "uvid", host},
		{"webwx_auth_ticket", ss.authTicket, host},
		{"webwx_data_ticket", ss.dataTicket, "." + s.cookieDomain()},
	} {
		http.SetCookie(w, &http.Cookie{Name: c[0], Value: c[1], Domain: c[2], Path: "/", Expires: exp, Secure: true})
	}
}

// cookieCode is the answer to a request of session ss that lookup found
// valid (code "0"): the real servers read the first wxsid cookie a request
// carries, and a request whose first wxsid is an ended session's (a jar
// that merged two logins sends the old one first) is refused with 1101,
// whatever its BaseRequest says. Call with s.mu held.
func (s *Server) cookieCode(r *http.Request, ss *session, code string) string {
	if code != "0" || ss == nil {
		return code
	}
	if c, err := r.Cookie("wxsid"); err == nil && c.Value != ss.sid {
		if old := s.sessions[c.Value]; old == nil || old.ended != "" {
			return "1101"
		}
	}
	return code
}

// startSession starts a new web session. As with the real servers, a new
// web login ends the previous one (its synccheck answers 1101). Call with
// s.mu held.
func (s *Server) startSession() *session {
	if old := s.current; old != nil && old.ended == "" {
		old.ended = "1101"
	}
	ss := newSession()
	s.sessions[ss.sid] = ss
	s.current = ss
	s.logins++
	s.broadcast()
	return ss
}

func writeLoginXML(w http.ResponseWriter, ret int, msg string, ss *session, uin int64) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "<error><ret>%d</ret><message>", ret)
	_ = xml.EscapeText(&b, []byte(msg))
	b.WriteString("</message>")
	if ss != nil {
		fmt.Fprintf(&b, "<skey>%s</skey><wxsid>%s</wxsid><wxuin>%d</wxuin><pass_ticket>%s</pass_ticket><isgrayscale>1</isgrayscale>",
			ss.skey, ss.sid, uin, ss.passTicket)
	}
	b.WriteString("</error>")
	w.Header().Set("Content-Type", "text/plain")
	_, _ = w.Write(b.Bytes())
}

// pushLogin answers GET D/cgi-bin/mmwebwx-bin/webwxpushloginurl?uin=...: a
// uuid to poll with tip=1, as if the phone had been asked to confirm. Ret is
// a string in this answer.
func (s *Server) pushLogin(w http.ResponseWriter, r *http.Request) {
	uin := r.URL.Query().Get("uin")
	s.mu.Lock()
	if s.pushDisabled || uin != strconv.FormatInt(s.acct.uin, 10) || s.logins == 0 {
		s.mu.Unlock()
		writeJSON(w, map[string]string{"ret": "1", "msg": "wxfake: push login refused"})
		return
	}
	qr := s.newQR()
	s.broadcast()
	s.mu.Unlock()
	writeJSON(w, map[string]string{"ret": "0", "msg": "all ok", "uuid": qr.uuid})
}

// logout answers GET D/cgi-bin/mmwebwx-bin/webwxlogout and ends the session.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	if ss := s.bySkey(r.URL.Query().Get("skey")); ss != nil && ss.ended == "" {
		ss.ended = "1101"
		s.broadcast()
	}
	s.mu.Unlock()
	writeBase(w, 0, "")
}

// lookup finds the session of a BaseRequest (or synccheck's query). code is
// "0" for a valid session, else the retcode to answer: the one that ended
// the session, or 1101 for credentials the fake never issued. Call with
// s.mu held.
func (s *Server) lookup(uin int64, sid, skey string) (*session, string) {
	ss := s.sessions[sid]
	if ss == nil || uin != s.acct.uin || ss.skey != skey {
		return nil, "1101"
	}
	if ss.ended != "" {
		return ss, ss.ended
	}
	return ss, "0"
}

// bySkey finds a session by skey alone (webwxgetcontact, webwxlogout carry
// nothing else). Call with s.mu held.
func (s *Server) bySkey(skey string) *session {
	for _, ss := range s.sessions {
		if ss.skey == skey {
			return ss
		}
	}
	return nil
}

// ConfirmScan plays the phone: the pending QR code (or push login) is
// scanned and confirmed; if none is pending, the next one is. Use it with
// WithAutoConfirm(false).
func (s *Server) ConfirmScan() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.confirmPending = true
	s.broadcast()
}

// ExpireQR expires every QR code not yet confirmed: their polls answer 400,
// which openwechat returns as ErrLoginTimeout.
func (s *Server) ExpireQR() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, qr := range s.qrs {
		if qr.state == qrWaiting || qr.state == qrScanned {
			qr.state = qrExpired
		}
	}
	s.broadcast()
}

// FailNextLogin makes the next webwxnewloginpage answer ret with message,
// e.g. 1203 with the 当前登录环境异常 text (an account barred from web login).
func (s *Server) FailNextLogin(ret int, message string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.loginFault = &loginFault{ret: ret, msg: message}
}

// SetPushLogin allows or refuses push login (webwxpushloginurl); it is
// allowed by default once the account has logged in once.
func (s *Server) SetPushLogin(allowed bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pushDisabled = !allowed
}

// EndSession ends the current session the way the phone or the servers do:
// held and later synccheck requests answer retcode (1100 logged out on the
// phone, 1101 logged in elsewhere or expired, 1102 cookie invalid), and the
// session's credentials stop working, so a hot login with them fails. It
// reports false if no session is valid. openwechat stops its sync loop only
// for 1100, 1101 and 1102; for other codes it retries, slowed by the fake.
func (s *Server) EndSession(retcode string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	ss := s.current
	if ss == nil || ss.ended != "" {
		return false
	}
	ss.ended = strings.TrimSpace(retcode)
	if ss.ended == "" {
		ss.ended = "1101"
	}
	s.broadcast()
	return true
}

// LoginCount returns how many sessions were started: QR and push logins
// count, hot logins reuse a session and do not.
func (s *Server) LoginCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logins
}

// SessionValid reports whether the current session exists and has not ended.
func (s *Server) SessionValid() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.current != nil && s.current.ended == ""
}
