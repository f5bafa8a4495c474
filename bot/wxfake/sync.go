package wxfake

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// event is an incoming message in the account's log. It names people and
// groups by NickName and is rendered with the UserNames of whichever session
// receives it, so messages sent while no session is valid arrive after the
// next login.
type event struct {
	seq      int64
	msgID    string
	group    string // group NickName; "" for a friend's message
	from     string // sender's NickName
	text     string
	media    *inMedia // an image or file, instead of text
	received time.Time
}

// maxPerSync caps AddMsgList; the rest follow in the next webwxsync.
const maxPerSync = 50

// SendGroupText delivers a text from a group member to the account, through
// synccheck (selector 2) and webwxsync, and returns its MsgId. The Content
// is "@memberUserName:<br/>" followed by the text with newlines as <br/> and
// &, <, > escaped, as the real servers send it. It panics if the group or
// member is not configured: that is a broken test, not a runtime condition.
func (s *Server) SendGroupText(groupNick, memberNick, text string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	g := s.acct.groups[groupNick]
	if g == nil {
		panic(fmt.Sprintf("wxfake: SendGroupText: no group %q", groupNick))
	}
	if _, ok := g.member(memberNick); !ok {
		panic(fmt.Sprintf("wxfake: SendGroupText: no member %q in group %q", memberNick, groupNick))
	}
	return s.appendEvent(&event{group: groupNick, from: memberNick, text: text})
}

// SendFriendText delivers a text from the friend with this RemarkName (or
// NickName, for a friend without one) and returns its MsgId. It panics if
// there is no such friend.
func (s *Server) SendFriendText(remark, text string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.acct.friendByRemark(remark)
	if p == nil {
		panic(fmt.Sprintf("wxfake: SendFriendText: no friend %q", remark))
	}
	return s.appendEvent(&event{from: p.nick, text: text})
}

// Duplicate delivers the message with this MsgId once more, with the same
// MsgId, as the real servers sometimes do. It reports false for an unknown
// MsgId.
func (s *Server) Duplicate(msgID string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, ev := range s.events {
		if ev.msgID == msgID {
			dup := *ev
			s.push(&dup)
			return true
		}
	}
	return false
}

// appendEvent gives ev a new MsgId and receive time, unless it carries
// them (a World's message), and logs it (twice with
// WithDuplicateDelivery). Call with s.mu held.
func (s *Server) appendEvent(ev *event) string {
	if ev.msgID == "" {
		ev.msgID = s.newMsgID()
	}
	if ev.received.IsZero() {
		ev.received = time.Now()
	}
	s.push(ev)
	if s.cfg.duplicateAll {
		dup := *ev
		s.push(&dup)
	}
	return ev.msgID
}

func (s *Server) push(ev *event) {
	s.lastSeq++
	ev.seq = s.lastSeq
	s.events = append(s.events, ev)
	s.broadcast()
}

// newMsgID returns a fresh numeric MsgId. Call with s.mu held.
func (s *Server) newMsgID() string {
	s.lastMsgID += 1 + rand.Int64N(1000)
	return strconv.FormatInt(s.lastMsgID, 10)
}

// newMsgIDBase starts MsgIds at a random 19-digit number, as real ones are.
func newMsgIDBase() int64 {
	return 1_000_000_000_000_000_000 + rand.Int64N(1_000_000_000_000_000_000)
}

// textEscaper renders text the way the servers put it in Content.
var textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\n", "<br/>")

// render turns ev into a message for session ss. Call with s.mu held.
func (s *Server) render(ss *session, ev *event) wireMsg {
	m := wireMsg{
		MsgId:      ev.msgID,
		ToUserName: ss.self(&s.acct),
		MsgType:    1,
		Content:    textEscaper.Replace(ev.text),
		Status:     3,
		ImgStatus:  1,
		CreateTime: ev.received.Unix(),
	}
	m.NewMsgId, _ = strconv.ParseInt(ev.msgID, 10, 64)
	if ev.media != nil {
		renderMedia(&m, ev.media)
	}
	if ev.group == "" {
		m.FromUserName = ss.userName(kindPerson, ev.from)
		return m
	}
	m.FromUserName = ss.userName(kindGroup, ev.group)
	m.Content = ss.userName(kindPerson, ev.from) + ":<br/>" + m.Content
	return m
}

// syncCheck answers GET webpush.D/cgi-bin/mmwebwx-bin/synccheck. It holds
// the request until a message past the client's SyncKey exists (selector 2),
// the session ends (its retcode), or the sync hold passes (selector 0).
func (s *Server) syncCheck(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	uin, _ := strconv.ParseInt(q.Get("uin"), 10, 64)
	from := parseSyncKeyParam(q.Get("synckey"))
	s.mu.Lock()
	ss, code := s.lookup(uin, q.Get("sid"), q.Get("skey"))
	code = s.cookieCode(r, ss, code)
	if code == "0" && s.cfg.strictCookie && !s.hasSessionCookies(r, ss) {
		code = "1102"
	}
	if code != "0" {
		// Report an ended session at once, then slowly: the client keeps
		// polling after codes it does not treat as fatal.
		seen := ss == nil || ss.endSeen
		if ss != nil {
			ss.endSeen = true
		}
		s.mu.Unlock()
		if seen && !s.pause(r.Context(), s.cfg.syncHold) {
			return
		}
		writeJS(w, "window.synccheck={retcode:\"%s\",selector:\"0\"}", code)
		return
	}
	s.await(r.Context(), s.cfg.syncHold, func() bool { return ss.ended != "" || s.lastSeq > from })
	code, selector := "0", "0"
	switch {
	case ss.ended != "":
		code, ss.endSeen = ss.ended, true
	case s.lastSeq > from:
		selector = "2"
	}
	s.mu.Unlock()
	if r.Context().Err() != nil {
		return
	}
	writeJS(w, "window.synccheck={retcode:\"%s\",selector:\"%s\"}", code, selector)
}

// hasSessionCookies reports whether r carries ss's wxsid and wxuin cookies.
func (s *Server) hasSessionCookies(r *http.Request, ss *session) bool {
	sid, err1 := r.Cookie("wxsid")
	uin, err2 := r.Cookie("wxuin")
	return err1 == nil && err2 == nil && sid.Value == ss.sid && uin.Value == strconv.FormatInt(s.acct.uin, 10)
}

// webSync answers POST D/cgi-bin/mmwebwx-bin/webwxsync with the messages
// past the client's SyncKey and a new SyncKey. The SyncKey is in every
// answer, errors included: openwechat v1.4.8 dereferences it unchecked
// (bot.go:266) and ignores BaseResponse here.
func (s *Server) webSync(w http.ResponseWriter, r *http.Request) {
	var body struct {
		BaseRequest baseRequest
		SyncKey     syncKey
	}
	if err := decodeBody(r, &body); err != nil {
		writeJSON(w, syncResponse{BaseResponse: baseResponse{Ret: 1, ErrMsg: err.Error()}, SyncKey: newSyncKey(0), AddMsgList: []wireMsg{}})
		return
	}
	from := body.SyncKey.seq()
	br := body.BaseRequest
	s.mu.Lock()
	ss, code := s.lookup(br.Uin, br.Sid, br.Skey)
	code = s.cookieCode(r, ss, code)
	resp := syncResponse{BaseResponse: baseResponse{Ret: retOf(code)}, SyncKey: newSyncKey(from), AddMsgList: []wireMsg{}}
	if code == "0" {
		resp.SKey = ss.skey
		last := from
		for _, ev := range s.events {
			if ev.seq <= from {
				continue
			}
			if len(resp.AddMsgList) == maxPerSync {
				resp.ContinueFlag = 1
				break
			}
			resp.AddMsgList = append(resp.AddMsgList, s.render(ss, ev))
			last = ev.seq
		}
		resp.AddMsgCount = len(resp.AddMsgList)
		resp.SyncKey = newSyncKey(last)
		s.delivered = max(s.delivered, last)
	}
	resp.SyncCheckKey = resp.SyncKey
	s.mu.Unlock()
	writeJSON(w, resp)
}

type syncResponse struct {
	BaseResponse           baseResponse
	AddMsgCount            int
	AddMsgList             []wireMsg
	ModContactCount        int
	ModContactList         []wireUser
	DelContactCount        int
	DelContactList         []wireUser
	ModChatRoomMemberCount int
	ModChatRoomMemberList  []wireUser
	ContinueFlag           int
	SyncKey                syncKey
	SyncCheckKey           syncKey
	SKey                   string
}
