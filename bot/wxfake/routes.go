package wxfake

import (
	"bytes"
	"image"
	"image/png"
	"net/http"
	"strings"
)

// The route table, host by host. Hosts are those openwechat v1.4.8 uses
// (url.go): login.wx.qq.com and login.weixin.qq.com are fixed; D, file.D and
// webpush.D follow the host of the redirect_uri the login check returns.

const cgi = "/cgi-bin/mmwebwx-bin/"

func (s *Server) serveLoginHost(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/jslogin":
		s.jslogin(w, r)
	case cgi + "login":
		s.loginPoll(w, r)
	default:
		http.NotFound(w, r)
	}
}

// serveQRImage answers the QR code image (login.weixin.qq.com/qrcode/UUID),
// which only a UUIDCallback that fetches it asks for.
func (s *Server) serveQRImage(w http.ResponseWriter, r *http.Request) {
	if !strings.HasPrefix(r.URL.Path, "/qrcode/") {
		http.NotFound(w, r)
		return
	}
	writePNG(w)
}

func (s *Server) serveBaseHost(w http.ResponseWriter, r *http.Request) {
	switch strings.TrimPrefix(r.URL.Path, cgi) {
	case "webwxnewloginpage":
		s.newLoginPage(w, r)
	case "webwxinit":
		s.webInit(w, r)
	case "webwxstatusnotify":
		s.statusNotify(w, r)
	case "webwxgetcontact":
		s.getContact(w, r)
	case "webwxbatchgetcontact":
		s.batchGetContact(w, r)
	case "webwxsync":
		s.webSync(w, r)
	case "webwxsendmsg":
		s.send(w, r, 1)
	case "webwxsendmsgimg":
		s.send(w, r, 3)
	case "webwxsendvideomsg":
		s.send(w, r, 43)
	case "webwxsendappmsg":
		s.send(w, r, 6)
	case "webwxpushloginurl":
		s.pushLogin(w, r)
	case "webwxlogout":
		s.logout(w, r)
	case "webwxgetmsgimg":
		s.getMsgImg(w, r)
	case "webwxgeticon", "webwxgetheadimg":
		writePNG(w)
	default:
		notImplemented(w, r)
	}
}

func (s *Server) serveFileHost(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case cgi + "webwxuploadmedia":
		s.uploadMedia(w, r)
	case cgi + "webwxgetmedia":
		s.getMedia(w, r)
	default:
		notImplemented(w, r)
	}
}

func (s *Server) serveSyncHost(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case cgi + "synccheck":
		s.syncCheck(w, r)
	default:
		http.NotFound(w, r)
	}
}

// notImplemented answers endpoints the fake does not model (revoke, rename,
// verify user, media download, ...) with Ret 1, which openwechat returns
// as an error, rather than with something that looks like success.
func notImplemented(w http.ResponseWriter, r *http.Request) {
	writeBase(w, 1, "wxfake: not implemented: "+r.URL.Path)
}

// pngBytes is a 1x1 image for avatars and the QR code.
var pngBytes = func() []byte {
	var b bytes.Buffer
	_ = png.Encode(&b, image.NewGray(image.Rect(0, 0, 1, 1)))
	return b.Bytes()
}()

func writePNG(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "image/png")
	_, _ = w.Write(pngBytes)
}
