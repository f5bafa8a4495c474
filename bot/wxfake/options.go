package wxfake

import "time"

// Friend is a contact in the account's address book. RemarkName (备注) is
// the name the account's owner gave the friend; it is stable across logins,
// unlike UserName, so tests and the bot find friends by it.
type Friend struct {
	NickName   string
	RemarkName string
}

// Member is a member of a group. DisplayName is the member's name in that
// group (群昵称), empty when the member has not set one. A member whose
// NickName equals a Friend's NickName is the same person and has the same
// UserName.
type Member struct {
	NickName    string
	DisplayName string
}

// Group is a group chat the account belongs to. Only groups with Saved set
// (saved to 通讯录) are listed by webwxgetcontact; the others are found by
// the client only when they first speak, through webwxbatchgetcontact, as
// with the real servers.
type Group struct {
	NickName string
	Saved    bool
	Members  []Member
}

// Option configures a Server; pass options to New.
type Option func(*config)

// config is the Server's configuration, fixed before Start.
type config struct {
	selfNick     string
	uin          int64
	domain       string
	friends      []Friend
	groups       []Group
	autoConfirm  bool
	loginHold    time.Duration
	syncHold     time.Duration
	latency      time.Duration
	webMode      bool
	strictCookie bool
	duplicateAll bool
	sharedIDs    bool
}

func defaultConfig() config {
	return config{
		selfNick:    textDefaultSelf,
		uin:         2861234567,
		domain:      "wx.qq.com",
		autoConfirm: true,
		loginHold:   300 * time.Millisecond,
		syncHold:    time.Second,
	}
}

// WithSelf sets the logged-in account's NickName.
func WithSelf(nickName string) Option {
	return func(c *config) { c.selfNick = nickName }
}

// WithUin sets the account's numeric id (wxuin). It is the one id that stays
// the same across logins, and push login sends it.
func WithUin(uin int64) Option {
	return func(c *config) { c.uin = uin }
}

// WithDomain sets the host the login check redirects to (wx.qq.com by
// default; the real servers also use wx2.qq.com). The library derives every
// later host from it: D, file.D and webpush.D.
func WithDomain(domain string) Option {
	return func(c *config) { c.domain = domain }
}

// WithFriends adds friends to the address book.
func WithFriends(friends ...Friend) Option {
	return func(c *config) { c.friends = append(c.friends, friends...) }
}

// WithGroups adds groups the account belongs to.
func WithGroups(groups ...Group) Option {
	return func(c *config) { c.groups = append(c.groups, groups...) }
}

// WithAutoConfirm sets whether a QR code is scanned and confirmed as soon as
// the client polls (the default), or only after ConfirmScan.
func WithAutoConfirm(auto bool) Option {
	return func(c *config) { c.autoConfirm = auto }
}

// WithLoginPollHold sets how long a login poll is held before it answers 408
// (not scanned yet). The client polls again at once on 408, so a hold keeps
// it from spinning; the real servers hold about 25 s.
func WithLoginPollHold(d time.Duration) Option {
	return func(c *config) { c.loginHold = d }
}

// WithSyncHold sets how long synccheck is held when there is nothing new
// before it answers selector 0. The real servers hold about 25 s; the client
// gives up after 30 s. New messages and ended sessions answer at once.
func WithSyncHold(d time.Duration) Option {
	return func(c *config) { c.syncHold = d }
}

// WithLatency delays every response by d, to test a slow server. See also
// SetLatency.
func WithLatency(d time.Duration) Option {
	return func(c *config) { c.latency = d }
}

// WithWebModeAllowed lets clients in openwechat.Normal (web page) mode log
// in. By default the fake, like the real servers for most accounts, refuses
// them with ret 1203 (当前登录环境异常) and only admits openwechat.Desktop,
// recognised by its client-version and extspam headers.
func WithWebModeAllowed() Option {
	return func(c *config) { c.webMode = true }
}

// WithStrictCookies makes synccheck require the session's wxsid and wxuin
// cookies and answer retcode 1102 (cookie invalid) without them. The real
// servers' rule is not known; this option exists to catch a cookie jar that
// lost its domains (openwechat's hot-reload serializer does: see
// docs/wechat-protocol.md), which sends synccheck to webpush.D without cookies.
func WithStrictCookies() Option {
	return func(c *config) { c.strictCookie = true }
}

// WithDuplicateDelivery delivers every incoming message twice with the same
// MsgId, to test de-duplication. See also Duplicate.
func WithDuplicateDelivery() Option {
	return func(c *config) { c.duplicateAll = true }
}
