package bot

import (
	"context"

	"github.com/eatmoreapple/openwechat"
)

// batchSize is the most groups webwxbatchgetcontact answers in one call.
const batchSize = 50

// prefetchMembers fetches the member lists of the session's saved groups
// at login, 50 a call, so the first message of each group is named at
// once instead of the sync loop stopping to fetch while later messages
// wait (a member who joined shortly after a fetch was answered nameless).
// A failed batch is left to the lazy fetch in groupSender. Runs before
// the sync goroutine starts, so the login's request is safe to use.
func (s *session) prefetchMembers(ctx context.Context, contacts openwechat.Members) {
	var groups openwechat.Members
	for _, u := range contacts {
		if u.IsGroup() {
			groups = append(groups, &openwechat.User{UserName: u.UserName})
		}
	}
	now := s.now()
	for start := 0; start < len(groups); start += batchSize {
		batch := groups[start:min(start+batchSize, len(groups))]
		list, err := s.bot.Caller.WebWxBatchGetContact(ctx, batch, s.req)
		if err != nil {
			s.log.Debug("prefetch group members", "err", redact(err))
			continue
		}
		for _, g := range list {
			if g.IsGroup() && g.NickName != "" {
				s.members.store(g.UserName, g, now)
			}
		}
	}
}
