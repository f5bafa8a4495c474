package wxfake

import (
	"fmt"
	"slices"
	"strconv"
	"sync"
	"time"
)

// World is the phone-side truth that several fake accounts share: groups,
// their members, and which of the accounts belong to each group. Each
// account is its own Server, with its own loopback listener, logins,
// sessions, UserNames and send log, as two staff phones are for the real
// servers; a member's message to a group reaches every account in it.
//
// Whether the real servers give every recipient of one group message the
// same MsgId is not known (docs/accounts.md, "One message, several
// accounts"). By default each account's copy gets its own MsgId, with one
// CreateTime for all; WithSharedMsgIDs gives every copy one MsgId.
//
// An account's own message to a group (a reply, a broadcast) reaches the
// other accounts in that group as a message from a member named after the
// sender's NickName, as it does on the real servers.
type World struct {
	common []Option
	shared bool

	mu        sync.Mutex
	accounts  []*worldAccount
	groups    []worldGroup
	lastMsgID int64
}

type worldAccount struct {
	name string
	srv  *Server
}

type worldGroup struct {
	g        Group
	accounts []string
}

// firstUin is the first account's wxuin; later accounts count up from it.
const firstUin = 2861234567

// NewWorld returns a world whose accounts are all made with opts (sync
// hold, latency, ...). Add accounts with Account and groups with AddGroup,
// in either order.
func NewWorld(opts ...Option) *World {
	cfg := defaultConfig()
	for _, opt := range opts {
		opt(&cfg)
	}
	return &World{common: opts, shared: cfg.sharedIDs, lastMsgID: newMsgIDBase()}
}

// WithSharedMsgIDs makes a World give every account's copy of one group
// message the same MsgId. Without it each copy has its own. It has no
// effect on a Server made with New.
func WithSharedMsgIDs() Option {
	return func(c *config) { c.sharedIDs = true }
}

// Account adds an account whose NickName is name, with its own wxuin, and
// returns its Server (not started). opts come after the world's. It panics
// on a repeated name: that is a broken test.
func (w *World) Account(name string, opts ...Option) *Server {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.find(name) != nil {
		panic(fmt.Sprintf("wxfake: World.Account: %q added twice", name))
	}
	all := append(slices.Clone(w.common), WithSelf(name), WithUin(firstUin+int64(len(w.accounts))))
	srv := New(append(all, opts...)...)
	srv.world, srv.worldName = w, name
	w.accounts = append(w.accounts, &worldAccount{name: name, srv: srv})
	for _, wg := range w.groups {
		if slices.Contains(wg.accounts, name) {
			srv.AddGroup(w.view(wg, name))
		}
	}
	return srv
}

// Accounts returns the accounts' Servers in the order they were added.
func (w *World) Accounts() []*Server {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]*Server, len(w.accounts))
	for i, a := range w.accounts {
		out[i] = a.srv
	}
	return out
}

// AddGroup adds a group that the named accounts belong to (those not
// added yet join it when they are). Each account sees the group's members
// and the other accounts in it as members.
func (w *World) AddGroup(g Group, accounts ...string) {
	w.mu.Lock()
	wg := worldGroup{g: g, accounts: slices.Clone(accounts)}
	w.groups = append(w.groups, wg)
	var targets []*Server
	var views []Group
	for _, a := range w.accounts {
		if slices.Contains(accounts, a.name) {
			targets, views = append(targets, a.srv), append(views, w.view(wg, a.name))
		}
	}
	w.mu.Unlock()
	for i, srv := range targets {
		srv.AddGroup(views[i])
	}
}

// view is the group as account name sees it: its members plus the other
// accounts in it. Call with w.mu held.
func (w *World) view(wg worldGroup, name string) Group {
	g := wg.g
	g.Members = slices.Clone(g.Members)
	for _, other := range wg.accounts {
		if other != name && !slices.ContainsFunc(g.Members, func(m Member) bool { return m.NickName == other }) {
			g.Members = append(g.Members, Member{NickName: other})
		}
	}
	return g
}

// Start starts every account's Server.
func (w *World) Start() {
	for _, s := range w.Accounts() {
		s.Start()
	}
}

// Close closes every account's Server.
func (w *World) Close() {
	for _, s := range w.Accounts() {
		s.Close()
	}
}

// Post is one message a member wrote in a group, not yet delivered to
// every account: tests deliver it account by account, in the order they
// choose.
type Post struct {
	w                 *World
	group, from, text string
	at                time.Time
	sharedID          string     // "" unless WithSharedMsgIDs
	recipients        []string   // the accounts in the group, but the writer
	mu                sync.Mutex // guards delivered
	delivered         map[string]string
}

// NewPost writes a message in a group without delivering it. It panics if
// no account is in the group or the member is not in it.
func (w *World) NewPost(groupNick, memberNick, text string) *Post {
	w.mu.Lock()
	defer w.mu.Unlock()
	wg := w.group(groupNick)
	if wg == nil || len(wg.accounts) == 0 {
		panic(fmt.Sprintf("wxfake: World: no account in group %q", groupNick))
	}
	if !slices.ContainsFunc(wg.g.Members, func(m Member) bool { return m.NickName == memberNick }) && !slices.Contains(wg.accounts, memberNick) {
		panic(fmt.Sprintf("wxfake: World: no member %q in group %q", memberNick, groupNick))
	}
	p := &Post{w: w, group: groupNick, from: memberNick, text: text, at: time.Now(),
		delivered: map[string]string{}, recipients: slices.DeleteFunc(slices.Clone(wg.accounts), func(a string) bool { return a == memberNick })}
	if w.shared {
		p.sharedID = w.newMsgID()
	}
	return p
}

// DeliverTo delivers the post to one account, once, and returns the MsgId
// that account received ("" if the account is not in the group).
func (p *Post) DeliverTo(account string) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if id, ok := p.delivered[account]; ok {
		return id
	}
	if !slices.Contains(p.recipients, account) {
		return ""
	}
	srv := p.w.server(account)
	if srv == nil {
		return ""
	}
	id := srv.deliver(&event{group: p.group, from: p.from, text: p.text, received: p.at, msgID: p.sharedID})
	p.delivered[account] = id
	return id
}

// DeliverAll delivers the post to every account in the group not yet
// given it, in the order they were added, and returns each account's
// MsgId.
func (p *Post) DeliverAll() map[string]string {
	for _, a := range p.recipients {
		p.DeliverTo(a)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make(map[string]string, len(p.delivered))
	for k, v := range p.delivered {
		out[k] = v
	}
	return out
}

// SendGroupText is NewPost then DeliverAll: a member writes in a group and
// every account in it receives the message. It returns each account's
// MsgId.
func (w *World) SendGroupText(groupNick, memberNick, text string) map[string]string {
	return w.NewPost(groupNick, memberNick, text).DeliverAll()
}

// AccountSent is a message one of the world's accounts sent.
type AccountSent struct {
	Account string
	SentMessage
}

// Sent returns every account's sent messages (as Server.Sent counts
// them), account by account in the order the accounts were added.
func (w *World) Sent() []AccountSent {
	var out []AccountSent
	w.mu.Lock()
	accounts := slices.Clone(w.accounts)
	w.mu.Unlock()
	for _, a := range accounts {
		for _, m := range a.srv.Sent() {
			out = append(out, AccountSent{Account: a.name, SentMessage: m})
		}
	}
	return out
}

// echo delivers what account from sent to a group to the other accounts
// in that group, as a member's message. Call without any Server's lock.
func (w *World) echo(from, groupNick, text string) {
	w.mu.Lock()
	wg := w.group(groupNick)
	if wg == nil || !slices.Contains(wg.accounts, from) {
		w.mu.Unlock()
		return
	}
	p := &Post{w: w, group: groupNick, from: from, text: text, at: time.Now(), delivered: map[string]string{},
		recipients: slices.DeleteFunc(slices.Clone(wg.accounts), func(a string) bool { return a == from })}
	if w.shared {
		p.sharedID = w.newMsgID()
	}
	w.mu.Unlock()
	p.DeliverAll()
}

func (w *World) find(name string) *worldAccount {
	for _, a := range w.accounts {
		if a.name == name {
			return a
		}
	}
	return nil
}

func (w *World) server(name string) *Server {
	w.mu.Lock()
	defer w.mu.Unlock()
	if a := w.find(name); a != nil {
		return a.srv
	}
	return nil
}

// group finds a group by NickName; the last added wins. Call with w.mu
// held.
func (w *World) group(nick string) *worldGroup {
	for i := len(w.groups) - 1; i >= 0; i-- {
		if w.groups[i].g.NickName == nick {
			return &w.groups[i]
		}
	}
	return nil
}

// newMsgID returns a fresh MsgId shared by every copy. Call with w.mu held.
func (w *World) newMsgID() string {
	w.lastMsgID += 1 + int64(len(w.accounts))
	return strconv.FormatInt(w.lastMsgID, 10)
}

// deliver logs ev for this account, giving it the account's own MsgId
// unless it carries one, and returns the MsgId.
func (s *Server) deliver(ev *event) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.appendEvent(ev)
}
