package bot

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"slices"
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

// storedSession is the hot-login file's content.
type storedSession struct {
	Version     int
	Domain      string
	UUID        string
	BaseRequest *openwechat.BaseRequest
	LoginInfo   *openwechat.LoginInfo
	SyncKey     *openwechat.SyncKey
	// Cookies are kept per host ("https://wx.qq.com"): the jar does not
	// tell a cookie's domain, so each host's view is stored as it is.
	Cookies map[string][]storedCookie
}

type storedCookie struct{ Name, Value string }

// sessionCodec is the bot's Serializer for the hot-login file. openwechat's
// own JSON serialization of the cookie jar loses cookie domains and, after
// one reload, writes an empty jar: uploads then fail and synccheck goes
// out without cookies. This codec stores each WeChat host's cookies and
// rebuilds the jar through Jar.SetCookies host by host, copying the base
// host's cookies to file. and webpush., where the .qq.com cookies belong.
//
// cookies, when set, is the session's cookie guard: the jar is read under
// its lock (cookieguard.go).
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
	st := storedSession{Version: 1, Domain: string(item.WechatDomain), UUID: item.UUID,
		BaseRequest: item.BaseRequest, LoginInfo: item.LoginInfo, SyncKey: item.SyncKey}
	var cookies map[string][]storedCookie
	err := c.cookies.reading(func() (err error) {
		cookies, err = cookiesByHost(item.Jar, item.WechatDomain)
		return err
	})
	if err != nil {
		return err
	}
	st.Cookies = cookies
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// Decode implements openwechat.Serializer.
func (sessionCodec) Decode(r io.Reader, v any) error {
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
	*item = openwechat.HotReloadStorageItem{
		Jar: rebuildJar(st.Cookies, openwechat.WechatDomain(st.Domain)), BaseRequest: st.BaseRequest,
		LoginInfo: st.LoginInfo, WechatDomain: openwechat.WechatDomain(st.Domain), SyncKey: st.SyncKey, UUID: st.UUID,
	}
	return nil
}

// wechatHosts are the hosts a session's cookies matter for.
func wechatHosts(d openwechat.WechatDomain) []string {
	return []string{d.BaseHost(), d.FileHost(), d.SyncHost()}
}

// cookiesByHost reads each known host's cookies from the jar: the WeChat
// hosts, and any other host the jar has seen (its JSON form lists them).
func cookiesByHost(jar *openwechat.Jar, d openwechat.WechatDomain) (map[string][]storedCookie, error) {
	out := map[string][]storedCookie{}
	if jar == nil {
		return out, nil
	}
	raw, err := json.Marshal(jar)
	if err != nil {
		return nil, err
	}
	var seen map[string]json.RawMessage
	if err := json.Unmarshal(raw, &seen); err != nil {
		return nil, err
	}
	hosts := wechatHosts(d)
	for h := range seen {
		hosts = append(hosts, h)
	}
	for _, h := range hosts {
		u, err := url.Parse(h + "/")
		if err != nil || u.Host == "" {
			continue
		}
		for _, c := range jar.Cookies(u) {
			out[h] = appendCookie(out[h], storedCookie{c.Name, c.Value})
		}
	}
	return out, nil
}

func appendCookie(cs []storedCookie, c storedCookie) []storedCookie {
	for _, have := range cs {
		if have.Name == c.Name {
			return cs
		}
	}
	return append(cs, c)
}

// rebuildJar makes a jar that sends each host what it was sent before, and
// the base host's cookies to file. and webpush. as well.
func rebuildJar(byHost map[string][]storedCookie, d openwechat.WechatDomain) *openwechat.Jar {
	jar := openwechat.NewJar()
	if byHost == nil {
		byHost = map[string][]storedCookie{}
	}
	// The base host's cookies go back as cookies of its parent domain
	// (.qq.com), which file. and webpush. share, exactly as WeChat sets
	// them: a later login's Set-Cookie then replaces them instead of
	// sitting beside a stale host-only copy that the jar would send first
	// (uploads after a re-login failed on the old webwx_data_ticket).
	if bu, err := url.Parse(d.BaseHost() + "/"); err == nil && bu.Host != "" {
		parent := bu.Hostname()
		if i := strings.Index(parent, "."); i > 0 && strings.Count(parent, ".") > 1 {
			parent = parent[i+1:]
		}
		var hc []*http.Cookie
		for _, c := range byHost[d.BaseHost()] {
			hc = append(hc, &http.Cookie{Name: c.Name, Value: c.Value, Domain: parent, Path: "/"})
		}
		jar.SetCookies(bu, hc)
		for _, h := range wechatHosts(d)[1:] { // covered by the domain cookies
			byHost[h] = slices.DeleteFunc(byHost[h], func(c storedCookie) bool {
				return slices.ContainsFunc(byHost[d.BaseHost()], func(b storedCookie) bool { return b.Name == c.Name })
			})
		}
		delete(byHost, d.BaseHost())
	}
	for h, cs := range byHost {
		u, err := url.Parse(h + "/")
		if err != nil || u.Host == "" || len(cs) == 0 {
			continue
		}
		hc := make([]*http.Cookie, 0, len(cs))
		for _, c := range cs {
			hc = append(hc, &http.Cookie{Name: c.Name, Value: c.Value})
		}
		jar.SetCookies(u, hc)
	}
	return jar
}
