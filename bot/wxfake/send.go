package wxfake

import (
	"context"
	"encoding/xml"
	"fmt"
	"net/http"
	"time"
)

// SentMessage is one message the client sent (or tried to send).
type SentMessage struct {
	// Type is the message type: 1 text, 3 image, 43 video, 6 app message
	// (a file).
	Type         int
	FromUserName string
	ToUserName   string
	// ToNickName is the target resolved in the session the send used: the
	// group's or person's NickName, "文件传输助手" for the file helper, ""
	// if the UserName is unknown in that session.
	ToNickName string
	// ToRemarkName is the friend's RemarkName, if the target is a friend.
	ToRemarkName string
	ToGroup      bool
	// Content is the text, or the appmsg XML of a file.
	Content string
	MediaID string
	// FileName and Data are the uploaded file's name and bytes, for images,
	// videos and files.
	FileName string
	Data     []byte
	LocalID  string
	// ClientMsgID is the client's id of the message (openwechat sets it to
	// LocalID); resending the same message keeps it.
	ClientMsgID string
	// MsgID is the id the fake answered, "" if refused or dropped first.
	MsgID string
	// Ret is the answer's BaseResponse.Ret: 0, 1205 from FailSends, the
	// session's retcode, or 1 for a request the fake rejects.
	Ret int
	// Dropped reports that the connection was dropped (DropSends).
	Dropped bool
	Time    time.Time
}

// accepted reports whether the message reached its target.
func (m SentMessage) accepted() bool { return m.Ret == 0 && m.MsgID != "" }

// Sent returns the messages that reached their target, in order: each send
// the fake accepted, including ones whose answer it then dropped (the client
// saw an error, the group saw the message).
func (s *Server) Sent() []SentMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sentLocked()
}

func (s *Server) sentLocked() []SentMessage {
	var out []SentMessage
	for _, m := range s.attempts {
		if m.accepted() {
			out = append(out, m)
		}
	}
	return out
}

// Attempts returns every send request, refused and dropped ones included.
func (s *Server) Attempts() []SentMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]SentMessage(nil), s.attempts...)
}

// WaitSent waits until at least n messages were sent (as Sent counts them)
// and returns them; after timeout it returns what there is and an error.
func (s *Server) WaitSent(n int, timeout time.Duration) ([]SentMessage, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.await(context.Background(), timeout, func() bool { return len(s.sentLocked()) >= n })
	sent := s.sentLocked()
	if len(sent) < n {
		return sent, fmt.Errorf("wxfake: %d of %d messages sent after %v", len(sent), n, timeout)
	}
	return sent, nil
}

// FailSends makes the next n send requests (text, image, video, file) answer
// BaseResponse.Ret = ret, e.g. 1205 (发送消息过于频繁). The message is not
// delivered.
func (s *Server) FailSends(n, ret int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failSends, s.failRet = n, ret
}

// DropSends makes the fake close the connection of the next n send requests
// without answering. With afterDelivery the message is delivered first (the
// client sees an error although the group got the message, and openwechat's
// transport retries send it again); without, it is not delivered.
func (s *Server) DropSends(n int, afterDelivery bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dropSends, s.dropAfter = n, afterDelivery
}

// send answers webwxsendmsg, webwxsendmsgimg, webwxsendvideomsg and
// webwxsendappmsg; msgType is the type the endpoint sends.
func (s *Server) send(w http.ResponseWriter, r *http.Request, msgType int) {
	var body struct {
		BaseRequest baseRequest
		Msg         sendMsg
	}
	err := decodeBody(r, &body)
	s.mu.Lock()
	if s.dropSends > 0 && !s.dropAfter {
		s.dropSends--
		s.attempts = append(s.attempts, SentMessage{Type: body.Msg.Type, ToUserName: body.Msg.ToUserName, Content: body.Msg.Content, Dropped: true, Time: time.Now()})
		s.broadcast()
		s.mu.Unlock()
		dropConnection(w)
		return
	}
	rec := s.acceptSend(r, body.BaseRequest, body.Msg, msgType, err)
	drop := rec.accepted() && s.dropSends > 0
	if drop {
		s.dropSends--
		rec.Dropped = true
	}
	s.attempts = append(s.attempts, rec)
	s.broadcast()
	world, self := s.world, s.worldName
	s.mu.Unlock()
	if world != nil && rec.accepted() && rec.ToGroup && rec.Type == 1 {
		world.echo(self, rec.ToNickName, rec.Content)
	}
	if drop {
		dropConnection(w)
		return
	}
	writeJSON(w, struct {
		BaseResponse baseResponse
		MsgID        string
		LocalID      string
	}{baseResponse{Ret: rec.Ret}, rec.MsgID, rec.LocalID})
}

// acceptSend checks a send and records its outcome. The fake refuses with
// Ret 1 (the library's "param error") a message whose sender is not the
// session's own UserName, whose target the session does not know, or whose
// media was not uploaded; what the real servers answer then is not known.
// Call with s.mu held.
func (s *Server) acceptSend(r *http.Request, br baseRequest, m sendMsg, msgType int, decodeErr error) SentMessage {
	rec := SentMessage{
		Type: m.Type, FromUserName: m.FromUserName, ToUserName: m.ToUserName, Content: m.Content,
		MediaID: m.MediaId, LocalID: m.LocalID, ClientMsgID: m.ClientMsgId, Time: time.Now(),
	}
	if decodeErr != nil {
		rec.Ret = 1
		return rec
	}
	ss, code := s.lookup(br.Uin, br.Sid, br.Skey)
	code = s.cookieCode(r, ss, code)
	if code != "0" {
		rec.Ret = retOf(code)
		return rec
	}
	if s.failSends > 0 {
		s.failSends--
		rec.Ret = s.failRet
		return rec
	}
	if e, ok := ss.ids[m.ToUserName]; ok {
		rec.ToNickName, rec.ToGroup = e.nick, e.kind == kindGroup
		if p := s.acct.people[e.nick]; e.kind == kindPerson && p != nil && p.friend {
			rec.ToRemarkName = p.remark
		}
	}
	if m.Type != msgType || m.FromUserName != ss.self(&s.acct) || rec.ToNickName == "" || !s.attachMedia(&rec) {
		rec.Ret = 1
		return rec
	}
	rec.MsgID = s.newMsgID()
	return rec
}

// attachMedia fills in the uploaded file a media message refers to (by
// MediaId, or by the attachid in a file's appmsg XML) and reports whether
// it exists. Text needs none. Call with s.mu held.
func (s *Server) attachMedia(rec *SentMessage) bool {
	id := rec.MediaID
	if rec.Type == 1 {
		return true
	}
	if rec.Type == 6 {
		var app struct {
			Title     string `xml:"title"`
			AppAttach struct {
				AttachID string `xml:"attachid"`
			} `xml:"appattach"`
		}
		if xml.Unmarshal([]byte(rec.Content), &app) != nil {
			return false
		}
		id = app.AppAttach.AttachID
		defer func() { rec.FileName = app.Title }()
	}
	md := s.media[id]
	if md == nil {
		return false
	}
	rec.MediaID, rec.FileName, rec.Data = id, md.name, md.data
	return true
}

// dropConnection closes the client's connection without an answer.
func dropConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic("wxfake: connection cannot be hijacked")
	}
	conn, _, err := hj.Hijack()
	if err == nil {
		_ = conn.Close()
	}
}
