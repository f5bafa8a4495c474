package wxfake

import (
	"net/http"
	"strings"
	"time"
)

// webInit answers POST D/cgi-bin/mmwebwx-bin/webwxinit. With the
// credentials of a valid session it succeeds however often it is called,
// which is what a hot login relies on; with an ended or unknown session it
// answers the session's retcode as Ret, which makes the hot login fail.
func (s *Server) webInit(w http.ResponseWriter, r *http.Request) {
	var body struct{ BaseRequest baseRequest }
	if err := decodeBody(r, &body); err != nil {
		writeBase(w, 1, err.Error())
		return
	}
	ss, ok := s.lockSession(w, r, body.BaseRequest)
	if !ok {
		return
	}
	contacts := []wireUser{{UserName: fileHelper, NickName: textFileHelper}}
	names := []string{fileHelper}
	for _, nick := range s.acct.order {
		if g := s.acct.groups[nick]; g.saved {
			u := s.groupUser(ss, g, false)
			contacts = append(contacts, u)
			names = append(names, u.UserName)
		}
	}
	resp := struct {
		BaseResponse        baseResponse
		Count               int
		ContactList         []wireUser
		SyncKey             syncKey
		User                wireUser
		ChatSet             string
		SKey                string
		ClientVersion       int
		SystemTime          int64
		GrayScale           int
		InviteStartCount    int
		MPSubscribeMsgCount int
		MPSubscribeMsgList  []struct{}
		ClickReportInterval int
	}{
		Count:               len(contacts),
		ContactList:         contacts,
		SyncKey:             newSyncKey(s.delivered),
		User:                s.selfUser(ss),
		ChatSet:             strings.Join(names, ","),
		SKey:                ss.skey,
		ClientVersion:       671105590,
		SystemTime:          time.Now().Unix(),
		GrayScale:           1,
		InviteStartCount:    40,
		MPSubscribeMsgList:  []struct{}{},
		ClickReportInterval: 600000,
	}
	s.mu.Unlock()
	writeJSON(w, resp)
}

// statusNotify answers POST D/cgi-bin/mmwebwx-bin/webwxstatusnotify (login
// notice, Code 3, and mark-as-read, Code 1).
func (s *Server) statusNotify(w http.ResponseWriter, r *http.Request) {
	var body struct{ BaseRequest baseRequest }
	if err := decodeBody(r, &body); err != nil {
		writeBase(w, 1, err.Error())
		return
	}
	br := body.BaseRequest
	s.mu.Lock()
	ss, code := s.lookup(br.Uin, br.Sid, br.Skey)
	code = s.cookieCode(r, ss, code)
	id := s.newMsgID()
	s.mu.Unlock()
	writeJSON(w, struct {
		BaseResponse baseResponse
		MsgID        string
	}{baseResponse{Ret: retOf(code)}, id})
}

// getContact answers GET D/cgi-bin/mmwebwx-bin/webwxgetcontact: friends,
// the file helper and the groups saved to 通讯录 (without members), in one
// page (Seq 0).
func (s *Server) getContact(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	ss := s.bySkey(r.URL.Query().Get("skey"))
	if code := s.getContactCode(r, ss); code != "0" {
		s.mu.Unlock()
		writeBase(w, retOf(code), "")
		return
	}
	list := []wireUser{{UserName: fileHelper, NickName: textFileHelper}}
	for _, nick := range s.acct.friends {
		list = append(list, s.personUser(ss, nick))
	}
	for _, nick := range s.acct.order {
		if g := s.acct.groups[nick]; g.saved {
			list = append(list, s.groupUser(ss, g, false))
		}
	}
	s.mu.Unlock()
	writeJSON(w, struct {
		BaseResponse baseResponse
		MemberCount  int
		MemberList   []wireUser
		Seq          int
	}{MemberCount: len(list), MemberList: list})
}

// batchGetContact answers POST D/cgi-bin/mmwebwx-bin/webwxbatchgetcontact
// with one entry per requested UserName, in request order (the client pairs
// them by index): groups with their members, saved or not. A UserName the
// session never issued (e.g. from an earlier session) gets an entry with
// only its UserName, keeping the order intact.
func (s *Server) batchGetContact(w http.ResponseWriter, r *http.Request) {
	var body struct {
		BaseRequest baseRequest
		List        []struct{ UserName, EncryChatRoomId string }
	}
	if err := decodeBody(r, &body); err != nil {
		writeBase(w, 1, err.Error())
		return
	}
	ss, ok := s.lockSession(w, r, body.BaseRequest)
	if !ok {
		return
	}
	list := make([]wireUser, 0, len(body.List))
	for _, item := range body.List {
		list = append(list, s.detail(ss, item.UserName))
	}
	s.mu.Unlock()
	writeJSON(w, struct {
		BaseResponse baseResponse
		Count        int
		ContactList  []wireUser
	}{Count: len(list), ContactList: list})
}

// detail describes a UserName of session ss. Call with s.mu held.
func (s *Server) detail(ss *session, userName string) wireUser {
	e, ok := ss.ids[userName]
	switch {
	case !ok:
		return wireUser{UserName: userName}
	case e.kind == kindGroup && s.acct.groups[e.nick] != nil:
		return s.groupUser(ss, s.acct.groups[e.nick], true)
	case e.kind == kindPerson:
		return s.personUser(ss, e.nick)
	case e.kind == kindSelf:
		return s.selfUser(ss)
	default:
		return wireUser{UserName: userName, NickName: e.nick}
	}
}

func headImg(ss *session, kind int, nick, userName string) string {
	return "/cgi-bin/mmwebwx-bin/webwxgeticon?seq=" + avatarSeq(kind, nick) + "&username=" + userName + "&skey=" + ss.skey
}

func (s *Server) selfUser(ss *session) wireUser {
	u := ss.self(&s.acct)
	return wireUser{Uin: s.acct.uin, UserName: u, NickName: s.acct.selfNick, HeadImgUrl: headImg(ss, kindSelf, s.acct.selfNick, u)}
}

func (s *Server) personUser(ss *session, nick string) wireUser {
	u := ss.userName(kindPerson, nick)
	w := wireUser{UserName: u, NickName: nick, HeadImgUrl: headImg(ss, kindPerson, nick, u)}
	if p := s.acct.people[nick]; p != nil && p.friend {
		w.RemarkName, w.ContactFlag = p.remark, 3
	}
	return w
}

// groupUser describes a group; members only when withMembers, as
// webwxgetcontact leaves them out and webwxbatchgetcontact fills them in.
// Members' Uin is 0, as with the real servers.
func (s *Server) groupUser(ss *session, g *group, withMembers bool) wireUser {
	u := ss.userName(kindGroup, g.nick)
	w := wireUser{
		UserName:        u,
		NickName:        g.nick,
		HeadImgUrl:      headImg(ss, kindGroup, g.nick, u),
		MemberCount:     len(g.members),
		MemberList:      []wireUser{},
		EncryChatRoomId: "@" + avatarSeq(kindGroup, g.nick),
	}
	if g.saved {
		w.ContactFlag = 3
	}
	if withMembers {
		for _, m := range g.members {
			mu := ss.userName(kindPerson, m.NickName)
			w.MemberList = append(w.MemberList, wireUser{UserName: mu, NickName: m.NickName, DisplayName: m.DisplayName})
		}
	}
	return w
}

// lockSession takes s.mu and finds the request's session. When there is
// none it answers the session's retcode as Ret, unlocks and reports false;
// otherwise the caller holds s.mu and must unlock it.
func (s *Server) lockSession(w http.ResponseWriter, r *http.Request, br baseRequest) (*session, bool) {
	s.mu.Lock()
	ss, code := s.lookup(br.Uin, br.Sid, br.Skey)
	code = s.cookieCode(r, ss, code)
	if code != "0" {
		s.mu.Unlock()
		writeBase(w, retOf(code), "")
		return nil, false
	}
	return ss, true
}

// getContactCode is webwxgetcontact's answer for the session of its skey:
// the retcode that ended it, 1101 for none or for a stale first wxsid
// cookie. Call with s.mu held.
func (s *Server) getContactCode(r *http.Request, ss *session) string {
	switch {
	case ss == nil:
		return "1101"
	case ss.ended != "":
		return ss.ended
	}
	return s.cookieCode(r, ss, "0")
}
