package bot

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"strings"
	"sync"

	"github.com/eatmoreapple/openwechat"

	"mobilize/privfile"
)

// errNoSession: there is no stored session to log in with.
var errNoSession = errors.New("no stored session")

// sessionFile is the hot-login storage. It holds live session secrets, so
// it is written with mode 0600, atomically (a crash never leaves half a
// file), and never logged. Each Write replaces the whole content (the codec
// writes once per dump); reads start from the file's current content and
// start over after EOF, like a file reopened for every login. With an
// empty path it keeps the session in memory only.
type sessionFile struct {
	path string

	mu   sync.Mutex
	mem  []byte // the content, when path is ""
	data []byte // the snapshot being read; nil between reads
	pos  int
}

func newSessionFile(path string) *sessionFile { return &sessionFile{path: path} }

// Write implements io.Writer: p replaces the stored session.
func (f *sessionFile) Write(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.path == "" {
		f.mem = append(f.mem[:0], p...)
		return len(p), nil
	}
	if err := writeFileAtomic(f.path, p); err != nil {
		return 0, fmt.Errorf("save session: %w", err)
	}
	return len(p), nil
}

// Read implements io.Reader over a snapshot of the stored session.
func (f *sessionFile) Read(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.data == nil {
		data, err := f.load()
		if err != nil {
			return 0, err
		}
		f.data, f.pos = data, 0
	}
	if f.pos >= len(f.data) {
		f.data, f.pos = nil, 0
		return 0, io.EOF
	}
	n := copy(p, f.data[f.pos:])
	f.pos += n
	return n, nil
}

func (f *sessionFile) load() ([]byte, error) {
	data := f.mem
	if f.path != "" {
		var err error
		data, err = os.ReadFile(f.path)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, errNoSession
		}
		if err != nil {
			return nil, fmt.Errorf("read session: %w", err)
		}
	}
	if len(data) == 0 {
		return nil, errNoSession
	}
	return append([]byte(nil), data...), nil
}

// writeFileAtomic writes the session file privately and atomically: a
// crash or power cut leaves the old session or the new one, never an empty
// file.
func writeFileAtomic(path string, data []byte) error {
	return privfile.Write(path, ".session-*", func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// storedSession is the hot-login file's content. Version 2 keeps every
// cookie with the scope the servers gave it (Jar); version 1 files, written
// before, kept each host's view (Cookies) and are still read.
type storedSession struct {
	Version     int
	Domain      string
	UUID        string
	BaseRequest *openwechat.BaseRequest
	LoginInfo   *openwechat.LoginInfo
	SyncKey     *openwechat.SyncKey
	Jar         []scopedCookie            `json:",omitempty"`
	Cookies     map[string][]storedCookie `json:",omitempty"` // version 1
}

// sessionVersion is the version Encode writes.
const sessionVersion = 2

type storedCookie struct{ Name, Value string }

// sessionCodec is the bot's Serializer for the hot-login file. openwechat's
// own JSON serialization of the cookie jar loses cookie domains and, after
// one reload, writes an empty jar: uploads then fail and synccheck goes
// out without cookies. This codec stores the cookies the session's guard
// kept, each with its domain and path, and rebuilds a jar with exactly
// those scopes.
//
// cookies is the session's cookie guard (cookieguard.go): the owner of the
// cookies, read under its lock.
type sessionCodec struct{ cookies *cookieGuard }

// Encode implements openwechat.Serializer, in a single Write.
func (c sessionCodec) Encode(w io.Writer, v any) error {
	var item openwechat.HotReloadStorageItem
	switch it := v.(type) {
	case openwechat.HotReloadStorageItem:
		item = it
	case *openwechat.HotReloadStorageItem:
		item = *it
	default:
		return fmt.Errorf("session codec: cannot encode %T", v)
	}
	if c.cookies == nil {
		return errors.New("session codec: no cookie guard")
	}
	st := storedSession{Version: sessionVersion, Domain: string(item.WechatDomain), UUID: item.UUID,
		BaseRequest: item.BaseRequest, LoginInfo: item.LoginInfo, SyncKey: item.SyncKey,
		Jar: c.cookies.snapshot()}
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// Decode implements openwechat.Serializer. The guard's record is set to
// what was loaded, so the next dump writes the same cookies back.
func (c sessionCodec) Decode(r io.Reader, v any) error {
	item, ok := v.(*openwechat.HotReloadStorageItem)
	if !ok {
		return fmt.Errorf("session codec: cannot decode into %T", v)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	var st storedSession
	if err := json.Unmarshal(b, &st); err != nil {
		return fmt.Errorf("session file unreadable: %w", err)
	}
	if st.LoginInfo == nil || st.BaseRequest == nil || st.Domain == "" {
		return errNoSession
	}
	d := openwechat.WechatDomain(st.Domain)
	cookies := st.Jar
	if st.Version < 2 {
		cookies = scopeV1(st.Cookies, d)
	}
	c.cookies.restore(cookies)
	*item = openwechat.HotReloadStorageItem{
		Jar: jarOf(cookies), BaseRequest: st.BaseRequest,
		LoginInfo: st.LoginInfo, WechatDomain: d, SyncKey: st.SyncKey, UUID: st.UUID,
	}
	return nil
}

// wechatHosts are the hosts a session's cookies matter for.
func wechatHosts(d openwechat.WechatDomain) []string {
	return []string{d.BaseHost(), d.FileHost(), d.SyncHost()}
}

// scopeV1 gives a version 1 file's cookies the scope the servers give
// them: the base host's as domain cookies of that host (file. and webpush.
// are under it), webwx_data_ticket on the registrable domain, and any
// other host's as host-only cookies of that host.
func scopeV1(byHost map[string][]storedCookie, d openwechat.WechatDomain) []scopedCookie {
	var out []scopedCookie
	base := hostOf(d.BaseHost())
	onBase := map[string]bool{}
	for _, c := range byHost[d.BaseHost()] {
		onBase[c.Name] = true
	}
	for h, cs := range byHost {
		host := hostOf(h)
		if host == "" {
			continue
		}
		for _, c := range cs {
			if host != base && onBase[c.Name] {
				continue // the base host's domain cookie, seen from a subdomain
			}
			sc := scopedCookie{Name: c.Name, Value: c.Value, Domain: host, Path: "/", HostOnly: host != base}
			if c.Name == "webwx_data_ticket" {
				sc.Domain, sc.HostOnly = registrable(base), false
			}
			out = upsertCookie(out, sc, false)
		}
	}
	return out
}

// hostOf is the host name of "https://wx.qq.com" ("" if none).
func hostOf(origin string) string {
	u, err := url.Parse(origin + "/")
	if err != nil {
		return ""
	}
	return u.Hostname()
}

// registrable is host's last two labels (qq.com for wx2.qq.com).
func registrable(host string) string {
	labels := strings.Split(host, ".")
	if len(labels) <= 2 {
		return host
	}
	return strings.Join(labels[len(labels)-2:], ".")
}
