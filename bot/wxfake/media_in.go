package wxfake

import (
	"fmt"
	"net/http"
	"strconv"
)

// inMedia is an image or file a friend sends the account.
type inMedia struct {
	name    string
	data    []byte
	image   bool
	mediaID string
}

// SendFriendMedia delivers an image (image true) or a file from the friend
// with this RemarkName and returns its MsgId. The client downloads the
// bytes with webwxgetmsgimg (images) or webwxgetmedia (files), which the
// fake answers. It panics if there is no such friend.
func (s *Server) SendFriendMedia(remark, name string, data []byte, image bool) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.acct.friendByRemark(remark)
	if p == nil {
		panic(fmt.Sprintf("wxfake: SendFriendMedia: no friend %q", remark))
	}
	s.lastMediaID++
	m := &inMedia{name: name, data: append([]byte(nil), data...), image: image,
		mediaID: "@crypt_media_" + strconv.Itoa(s.lastMediaID)}
	return s.appendEvent(&event{from: p.nick, media: m})
}

// renderMedia fills the fields of a media message: Type 3 for an image,
// Type 49 with AppMsgType 6 (an attachment) for a file, as the servers
// send them.
func renderMedia(m *wireMsg, md *inMedia) {
	if md.image {
		m.MsgType, m.Content = 3, ""
		return
	}
	m.MsgType, m.AppMsgType = 49, 6
	m.FileName, m.FileSize, m.MediaId = md.name, strconv.Itoa(len(md.data)), md.mediaID
	m.Content = textEscaper.Replace(fmt.Sprintf(`<msg><appmsg appid="" sdkver="0"><title>%s</title><type>6</type><appattach><totallen>%d</totallen><attachid>%s</attachid></appattach></appmsg></msg>`,
		md.name, len(md.data), md.mediaID))
}

// getMsgImg answers GET D/.../webwxgetmsgimg?MsgID=… with the image's bytes.
func (s *Server) getMsgImg(w http.ResponseWriter, r *http.Request) {
	s.serveMedia(w, func(md *inMedia, ev *event) bool { return md.image && ev.msgID == r.URL.Query().Get("MsgID") })
}

// getMedia answers GET file.D/.../webwxgetmedia?mediaid=… with a file's
// bytes; like the servers, it wants the webwx_data_ticket.
func (s *Server) getMedia(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Get("webwx_data_ticket") == "" {
		http.Error(w, "no ticket", http.StatusForbidden)
		return
	}
	s.serveMedia(w, func(md *inMedia, _ *event) bool { return !md.image && md.mediaID == r.URL.Query().Get("mediaid") })
}

func (s *Server) serveMedia(w http.ResponseWriter, match func(*inMedia, *event) bool) {
	s.mu.Lock()
	var data []byte
	for _, ev := range s.events {
		if ev.media != nil && match(ev.media, ev) {
			data = ev.media.data
			break
		}
	}
	s.mu.Unlock()
	if data == nil {
		http.NotFound(w, nil)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	_, _ = w.Write(data)
}
