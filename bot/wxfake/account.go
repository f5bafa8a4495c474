package wxfake

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"strconv"
	"strings"
)

// account is the phone-side truth: who the owner is, their friends and
// groups. People are identified by NickName; a friend and a group member
// with the same NickName are one person.
type account struct {
	selfNick string
	uin      int64
	people   map[string]*person // by NickName
	groups   map[string]*group  // by NickName
	order    []string           // group NickNames, in configuration order
	friends  []string           // friend NickNames, in configuration order
}

type person struct {
	nick   string
	remark string
	friend bool
}

type group struct {
	nick    string
	saved   bool
	members []Member
}

func newAccount(cfg config) account {
	a := account{
		selfNick: cfg.selfNick,
		uin:      cfg.uin,
		people:   make(map[string]*person),
		groups:   make(map[string]*group),
	}
	for _, f := range cfg.friends {
		a.addFriend(f)
	}
	for _, g := range cfg.groups {
		a.addGroup(g)
	}
	return a
}

func (a *account) addFriend(f Friend) {
	p := a.personFor(f.NickName)
	if !p.friend {
		a.friends = append(a.friends, f.NickName)
	}
	p.friend, p.remark = true, f.RemarkName
}

func (a *account) personFor(nick string) *person {
	p := a.people[nick]
	if p == nil {
		p = &person{nick: nick}
		a.people[nick] = p
	}
	return p
}

func (a *account) addGroup(g Group) {
	if _, ok := a.groups[g.NickName]; !ok {
		a.order = append(a.order, g.NickName)
	}
	a.groups[g.NickName] = &group{nick: g.NickName, saved: g.Saved, members: append([]Member(nil), g.Members...)}
	for _, m := range g.Members {
		a.personFor(m.NickName)
	}
}

// friendByRemark finds a friend by RemarkName, or by NickName when no
// RemarkName matches (friends without a remark).
func (a *account) friendByRemark(remark string) *person {
	for _, nick := range a.friends {
		if p := a.people[nick]; p.remark == remark {
			return p
		}
	}
	if p := a.people[remark]; p != nil && p.friend {
		return p
	}
	return nil
}

func (g *group) member(nick string) (Member, bool) {
	for _, m := range g.members {
		if m.NickName == nick {
			return m, true
		}
	}
	return Member{}, false
}

// entity is what a UserName stands for in one session.
type entity struct {
	kind int
	nick string
}

const (
	kindSelf = iota + 1
	kindPerson
	kindGroup
	kindFileHelper
)

// fileHelper is the fixed UserName of 文件传输助手, the same in every session.
const fileHelper = "filehelper"

// session is one web login. Its credentials and every UserName in it are
// random and die with it, as with the real servers.
type session struct {
	sid, skey, passTicket, dataTicket, authTicket string
	// ended is "" while the session is valid, else the synccheck retcode
	// that ended it (1100, 1101, 1102).
	ended string
	// endSeen records that a synccheck has already reported ended.
	endSeen bool
	names   map[string]string // "s:", "p:"+nick, "g:"+nick -> UserName
	ids     map[string]entity // UserName -> entity
}

func newSession() *session {
	return &session{
		sid:        randString(16),
		skey:       "@crypt_" + randHex(8) + "_" + randHex(32),
		passTicket: randString(64),
		dataTicket: randString(48),
		authTicket: randString(64),
		names:      make(map[string]string),
		ids:        map[string]entity{fileHelper: {kind: kindFileHelper, nick: textFileHelper}},
	}
}

// userName returns the session's UserName for an entity, making one on
// first use: "@"+32 hex digits for people, "@@"+64 for groups.
func (ss *session) userName(kind int, nick string) string {
	key := strconv.Itoa(kind) + ":" + nick
	if u, ok := ss.names[key]; ok {
		return u
	}
	u := "@" + randHex(32)
	if kind == kindGroup {
		u = "@@" + randHex(64)
	}
	ss.names[key] = u
	ss.ids[u] = entity{kind: kind, nick: nick}
	return u
}

func (ss *session) self(a *account) string { return ss.userName(kindSelf, a.selfNick) }

// SelfUserName returns the account's UserName in the current session, or ""
// before the first login.
func (s *Server) SelfUserName() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.current == nil {
		return ""
	}
	return s.current.self(&s.acct)
}

// GroupUserName returns the group's UserName in the current session, or ""
// before the first login or for an unknown group.
func (s *Server) GroupUserName(nick string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.current == nil || s.acct.groups[nick] == nil {
		return ""
	}
	return s.current.userName(kindGroup, nick)
}

// MemberUserName returns the UserName of a group member in the current
// session, or "" before the first login or if there is no such member.
func (s *Server) MemberUserName(groupNick, memberNick string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	g := s.acct.groups[groupNick]
	if s.current == nil || g == nil {
		return ""
	}
	if _, ok := g.member(memberNick); !ok {
		return ""
	}
	return s.current.userName(kindPerson, memberNick)
}

// FriendUserName returns the UserName of the friend with this RemarkName
// (or NickName, for a friend without one) in the current session, or "".
func (s *Server) FriendUserName(remark string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.acct.friendByRemark(remark)
	if s.current == nil || p == nil {
		return ""
	}
	return s.current.userName(kindPerson, p.nick)
}

// AddGroup adds a group (or replaces one with the same NickName) while the
// fake runs, e.g. a group the account was just invited to.
func (s *Server) AddGroup(g Group) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.acct.addGroup(g)
	s.broadcast()
}

// AddMember adds a member to a group while the fake runs (someone joined).
// It reports false if there is no such group.
func (s *Server) AddMember(groupNick string, m Member) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	g := s.acct.groups[groupNick]
	if g == nil {
		return false
	}
	g.members = append(g.members, m)
	s.acct.personFor(m.NickName)
	return true
}

// SetGroupSaved saves a group to 通讯录 or removes it, which decides whether
// webwxgetcontact lists it. It reports false if there is no such group.
func (s *Server) SetGroupSaved(groupNick string, saved bool) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	g := s.acct.groups[groupNick]
	if g == nil {
		return false
	}
	g.saved = saved
	return true
}

func randHex(n int) string {
	const digits = "0123456789abcdef"
	var b strings.Builder
	b.Grow(n)
	for range n {
		b.WriteByte(digits[rand.IntN(len(digits))])
	}
	return b.String()
}

func randString(n int) string {
	const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	var b strings.Builder
	b.Grow(n)
	for range n {
		b.WriteByte(chars[rand.IntN(len(chars))])
	}
	return b.String()
}

// avatarSeq is the "seq" in an entity's HeadImgUrl, which openwechat's
// User.AvatarID returns. It stays the same across sessions, like a real
// avatar that was not changed.
func avatarSeq(kind int, nick string) string {
	h := fnv.New32a()
	fmt.Fprintf(h, "%d:%s", kind, nick)
	return strconv.FormatUint(uint64(h.Sum32()), 10)
}
