package bot

import (
	"fmt"
	"html"
	"slices"
	"strings"
	"sync"

	"github.com/eatmoreapple/openwechat"

	"mobilize/chat"
	"mobilize/pii"
)

// directory maps the names the bot keeps (group names, friends' remarks)
// to the current session's UserNames, which change at every login. It is
// the bot's own copy: openwechat's contact caches are read and rewritten by
// its sync goroutine while it processes messages, so another goroutine
// reading them (the sender resolving a name) would race with it.
type directory struct {
	mu      sync.RWMutex
	groups  map[string]string // group name → UserName
	remarks map[string]string // friend remark → UserName
	nicks   map[string]string // friend nickname → UserName
	// admins lists the admins' 备注 in force (a reload may change them):
	// a target with one of these names is reached by remark only, never
	// by a nickname (any friend may call themselves 民政局值班员).
	admins func() []string
}

// newDirectory is a directory for a fixed list of admins.
func newDirectory(admins ...string) *directory {
	return newLiveDirectory(func() []string { return admins })
}

// newLiveDirectory is a directory whose admins are read from list at
// every lookup, so an admin added by a reload is protected from nickname
// look-alikes at once, not at the next login.
func newLiveDirectory(list func() []string) *directory {
	return &directory{groups: map[string]string{}, remarks: map[string]string{}, nicks: map[string]string{}, admins: list}
}

// isAdmin reports whether name is an admin's 备注 now.
func (d *directory) isAdmin(name string) bool {
	return name != "" && slices.Contains(d.admins(), name)
}

// cleanName turns a WeChat name into the form the bot stores: emoji markup
// as emoji, HTML entities unescaped, control characters dropped (as the
// intake drops them, so a reply finds the group by the name it was given),
// spaces trimmed.
func cleanName(s string) string {
	return strings.TrimSpace(pii.Printable(html.UnescapeString(openwechat.FormatEmoji(s))))
}

// load fills the directory from a contact list (webwxgetcontact): the
// groups saved to 通讯录 and the friends.
func (d *directory) load(members openwechat.Members) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, u := range members {
		switch {
		case u.IsGroup():
			setUnique(d.groups, cleanName(u.NickName), u.UserName)
		case u.IsFriend():
			if r := cleanName(u.RemarkName); r != "" {
				setUnique(d.remarks, r, u.UserName)
			}
			setUnique(d.nicks, cleanName(u.NickName), u.UserName)
		}
	}
}

// ambiguous marks a name that two chats share. Such a name resolves to
// nothing: a roster or a reply must never go to the wrong one of two
// same-named chats.
const ambiguous = "\x00ambiguous"

// setUnique maps name to userName, or marks it ambiguous when another chat
// already has it.
func setUnique(m map[string]string, name, userName string) {
	if old, ok := m[name]; ok && old != userName {
		m[name] = ambiguous
		return
	}
	m[name] = userName
}

// learnGroup records a group seen in a message: groups not saved to 通讯录
// are not in the contact list and become reachable only this way.
func (d *directory) learnGroup(name, userName string) {
	if name == "" || userName == "" {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	setUnique(d.groups, name, userName)
}

// resolve returns the current UserName of a target: a group by name, a
// contact by remark, else (unless the name is an admin's) by nickname.
func (d *directory) resolve(t chat.Target) (string, bool) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	if t.Group {
		u, ok := d.groups[t.Name]
		return u, ok && u != ambiguous
	}
	if u, ok := d.remarks[t.Name]; ok {
		return u, u != ambiguous
	}
	if d.isAdmin(t.Name) {
		return "", false
	}
	u, ok := d.nicks[t.Name]
	return u, ok && u != ambiguous
}

// unreachable is the error for a target resolve did not find: for an
// admin, chat.ErrNoAdminContact, so the message waits for the contact.
func (d *directory) unreachable(t chat.Target) error {
	if !t.Group && d.isAdmin(t.Name) {
		return fmt.Errorf("%w: %q", chat.ErrNoAdminContact, t.Name)
	}
	return fmt.Errorf("%w: %q", chat.ErrUnknownChat, t.Name)
}

// missingAdmins lists, sorted, the admins no friend of the session has as
// a 备注 (or two friends share): what they are sent waits in the outbox.
func (d *directory) missingAdmins() []string {
	d.mu.RLock()
	defer d.mu.RUnlock()
	var out []string
	for _, a := range d.admins() {
		if u, ok := d.remarks[a]; !ok || u == ambiguous {
			out = append(out, a)
		}
	}
	slices.Sort(out)
	return out
}

// groupCount is how many groups the session knows.
func (d *directory) groupCount() int {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return len(d.groups)
}

// groupNames lists, sorted, the groups the session can send to by name
// (two same-named groups are neither): the groups this account serves.
func (d *directory) groupNames() []string {
	d.mu.RLock()
	defer d.mu.RUnlock()
	out := make([]string, 0, len(d.groups))
	for name, u := range d.groups {
		if u != ambiguous {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}
