package bot

import (
	"fmt"
	"strings"
	"time"

	"github.com/eatmoreapple/openwechat"

	"mobilize/chat"
)

// receive is openwechat's MessageHandler. It runs on the library's sync
// goroutine, so it only converts the message and offers it to the intake
// queue; handling happens elsewhere.
func (s *session) receive(m *openwechat.Message, offer func(chat.Message), now func() time.Time) {
	if !m.IsText() {
		s.receiveMedia(m, offer, now())
		return
	}
	msg, err := s.convert(m, now())
	trimLibraryCache(m)
	if err != nil {
		s.log.Warn("incoming message unreadable; dropped", "msg_id", m.MsgId, "err", redact(err))
		return
	}
	offer(msg)
}

// convert reduces a library message to a Message: the group by its name,
// the sender by group display name (else nickname) or, for friends, with
// their remark; the text from RawContent (see plainText).
func (s *session) convert(m *openwechat.Message, at time.Time) (chat.Message, error) {
	out := chat.Message{ID: m.MsgId, At: at, Self: m.IsSendBySelf(), SentAt: createTime(m)}
	switch {
	case out.Self:
		out.Sender = cleanName(s.bot.Storage.Response.User.NickName)
		out.Text = plainText(m.RawContent, false)
		if strings.HasPrefix(m.ToUserName, "@@") {
			g, err := m.Receiver()
			if err != nil {
				return out, fmt.Errorf("own message's group: %w", err)
			}
			out.Group = cleanName(g.NickName)
		}
	case m.IsSendByGroup():
		member, _, _ := strings.Cut(m.RawContent, groupSenderSep)
		group, sender, err := s.groupSender(s.bot.Context(), m.FromUserName, member, at)
		if err != nil {
			return out, err
		}
		out.Group, out.Sender = group, sender
		out.Text = plainText(m.RawContent, true)
	default:
		f, err := m.Sender()
		if err != nil {
			return out, fmt.Errorf("sender: %w", err)
		}
		out.Sender, out.Remark = cleanName(f.NickName), cleanName(f.RemarkName)
		out.Text = plainText(m.RawContent, false)
	}
	return out, nil
}

// createTime is the message's CreateTime (Unix seconds); zero when the
// server sent none.
func createTime(m *openwechat.Message) time.Time {
	if m.CreateTime <= 0 {
		return time.Time{}
	}
	return time.Unix(m.CreateTime, 0)
}
