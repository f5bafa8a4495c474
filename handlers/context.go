package handlers

import (
	"context"
	"errors"
	"strings"
	"time"

	"mobilize/chat"
	"mobilize/grammar"
	"mobilize/models"
)

// Context is one message being handled: the message, its parsed command,
// the open campaigns, and the replies gathered so far.
type Context struct {
	Ctx  context.Context
	Msg  chat.Message
	Cmd  grammar.Command
	open []models.Campaign
	// vocab is the vocabulary the message was read with; hints check their
	// examples against it.
	vocab *grammar.Vocabulary
	now   time.Time
	outs  []outgoing
}

type outgoing struct {
	to   chat.Target
	text string
}

// Reply answers in the chat the message came from.
func (c *Context) Reply(text string) { c.SendTo(c.Msg.ReplyTarget(), text) }

// SendTo queues text for another chat (a promotion notice to the group the
// promoted person signed up from).
func (c *Context) SendTo(to chat.Target, text string) {
	c.outs = append(c.outs, outgoing{to: to, text: text})
}

// discard drops the replies gathered so far: another delivery of the same
// message was handled first and has answered.
func (c *Context) discard() { c.outs = nil }

// merged joins everything for one chat into a single message, in order:
// fewer sends, and WeChat sometimes drops a second message sent right after
// the first.
func (c *Context) merged() []outgoing {
	var order []chat.Target
	texts := map[chat.Target][]string{}
	for _, o := range c.outs {
		if _, ok := texts[o.to]; !ok {
			order = append(order, o.to)
		}
		texts[o.to] = append(texts[o.to], o.text)
	}
	out := make([]outgoing, len(order))
	for i, t := range order {
		out[i] = outgoing{to: t, text: strings.Join(texts[t], "\n")}
	}
	return out
}

// UserError is a problem the member can fix; Text is the Chinese answer.
type UserError struct{ Text string }

func (e *UserError) Error() string { return e.Text }

// userErr makes an answer-only error.
func userErr(text string) error { return &UserError{Text: text} }

func asUserError(err error) (*UserError, bool) {
	var ue *UserError
	ok := errors.As(err, &ue)
	return ue, ok
}
