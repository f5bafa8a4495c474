package bot

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"sync"
	"time"

	"github.com/eatmoreapple/openwechat"

	"mobilize/chat"
)

// refetchAfter limits how often a group's member list is fetched again for
// a sender it does not list (someone who just joined).
const refetchAfter = 10 * time.Second

// memberNames is the bot's own record of group members' names, by session
// UserName. Asking openwechat (Message.Sender) would make it keep every
// member of every group that speaks as a full User (about 500 bytes each:
// 125 MB for 500 groups of 500); this keeps one name per member, keyed by
// a hash of the UserName.
type memberNames struct {
	seed   maphash.Seed
	mu     sync.Mutex
	groups map[string]*groupMembers // by group UserName
}

type groupMembers struct {
	name    string
	names   map[uint64]string // hash(member UserName) → display name, else nickname
	fetched time.Time
}

func newMemberNames() *memberNames {
	return &memberNames{seed: maphash.MakeSeed(), groups: map[string]*groupMembers{}}
}

func (c *memberNames) key(userName string) uint64 { return maphash.String(c.seed, userName) }

// lookup returns the group's name and the member's name, and whether the
// group is known at all and the member was found.
func (c *memberNames) lookup(group, member string) (g *groupMembers, name string, found bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	g = c.groups[group]
	if g == nil {
		return nil, "", false
	}
	name, found = g.names[c.key(member)]
	return g, name, found
}

func (c *memberNames) store(group string, u *openwechat.User, at time.Time) *groupMembers {
	g := &groupMembers{name: cleanName(u.NickName), names: make(map[uint64]string, len(u.MemberList)), fetched: at}
	for _, m := range u.MemberList {
		n := cleanName(m.DisplayName)
		if n == "" {
			n = cleanName(m.NickName)
		}
		g.names[c.key(m.UserName)] = n
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.groups[group] = g
	return g
}

// How often, and how far apart, a group's details are fetched before its
// first message is given up.
const (
	groupFetchTries = 3
	groupFetchPause = 400 * time.Millisecond
)

// groupSender names a group message's group and sender, fetching the
// group's details (webwxbatchgetcontact) the first time the group speaks,
// and again when a sender is missing from it.
func (s *session) groupSender(ctx context.Context, group, member string, now time.Time) (string, string, error) {
	g, name, found := s.members.lookup(group, member)
	if found || (g != nil && now.Sub(g.fetched) < refetchAfter) {
		return g.name, name, nil
	}
	// On the sync goroutine the login's request is complete (it was
	// written before the goroutine started). The library has already moved
	// its SyncKey past this message, so a failed fetch would lose it for
	// good: try a few times, holding the sync loop at most about a second.
	var list openwechat.Members
	var err error
	for try := 0; try < groupFetchTries; try++ {
		if try > 0 && !chat.Sleep(ctx, groupFetchPause) {
			break
		}
		if list, err = s.bot.Caller.WebWxBatchGetContact(ctx, openwechat.Members{{UserName: group}}, s.bot.Storage.Request); err == nil {
			break
		}
	}
	if err != nil {
		return "", "", fmt.Errorf("group details: %w", err)
	}
	if len(list) != 1 || list[0].UserName != group || list[0].NickName == "" {
		return "", "", errors.New("group details: group not in the answer")
	}
	g = s.members.store(group, list[0], now)
	s.dir.learnGroup(g.name, group)
	_, name, _ = s.members.lookup(group, member)
	return g.name, name, nil
}

// trimLibraryCache bounds openwechat's own cache. Its message processing
// loads a group's whole member list when a message mentions someone ("@")
// or comes from a group it did not know, and keeps it. The bot has its own
// names (memberNames), so the group's list is cut to the account's own
// entry: the library still finds it for its "@" check and does not fetch
// the list again. Runs on the sync goroutine, which owns that cache.
func trimLibraryCache(m *openwechat.Message) {
	self := m.Owner()
	if !m.IsSendByGroup() || self == nil {
		return
	}
	members, err := self.Members()
	if err != nil {
		return
	}
	g, ok := members.GetByUserName(m.FromUserName)
	if !ok || len(g.MemberList) <= 1 {
		return
	}
	own := g.MemberList.SearchByUserName(1, self.UserName)
	if len(own) == 0 {
		own = openwechat.Members{{UserName: self.UserName, NickName: self.NickName}}
	}
	g.MemberList = own
}
