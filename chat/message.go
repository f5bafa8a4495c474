// Package bot is the WeChat boundary. This file holds the transport-free
// types the rest of the project speaks: an incoming Message and a Target to
// send to. openwechat never appears outside this package.
package chat

import (
	"time"

	"mobilize/pii"
)

// Message is one incoming chat message, reduced to what the bot needs.
type Message struct {
	// ID is WeChat's message id (MsgId); duplicates are handled once.
	ID string
	// Group is the group's name, "" for a private chat.
	Group string
	// Sender is the sender's name as the group shows it: group display name,
	// else nickname. In a private chat, the nickname.
	Sender string
	// Remark is the sender's 备注 set by the bot's operator; only friends have
	// one, and only a remark (never a nickname) makes someone an admin.
	Remark string
	// Text is the message text with WeChat's markup removed.
	Text string
	// Media is "image" or "file" when the message carried one, saved at
	// File (a local path); "" for text. Admins attach these to an
	// initiative.
	Media, File string
	// Self marks messages sent by the bot's own account.
	Self bool
	// Account is the bot account that received the message (config
	// accounts:); "" where there is only one (the console, tests).
	Account string
	// At is when the message arrived.
	At time.Time
	// SentAt is when WeChat says the message was sent (its CreateTime, in
	// whole seconds), the same in every account's copy of a group
	// message; zero outside WeChat.
	SentAt time.Time
}

// IsGroup reports whether the message came from a group chat.
func (m Message) IsGroup() bool { return m.Group != "" }

// Printable is the message less the control characters of everything it
// brings in (its group, sender, remark and text, and so the names,
// activities and pledge items read from it), before anything is stored or
// printed: an ESC in a group name must not reach a terminal through roster
// or report. The router applies it first, whatever the transport.
func (m Message) Printable() Message {
	m.Group, m.Sender, m.Remark, m.Text = pii.Printable(m.Group), pii.Printable(m.Sender), pii.Printable(m.Remark), pii.Printable(m.Text)
	return m
}

// ReplyTarget is where an answer to this message goes: the group, or the
// private chat (by remark when there is one, as remarks are stable).
func (m Message) ReplyTarget() Target {
	if m.IsGroup() {
		return Target{Name: m.Group, Group: true}
	}
	if m.Remark != "" {
		return Target{Name: m.Remark}
	}
	return Target{Name: m.Sender}
}

// Target is a chat to send to: a group by name, or a contact by remark or
// nickname. Names, not WeChat's per-login UserNames, so queued messages
// survive a re-login.
type Target struct {
	Name  string
	Group bool
}

// String renders the target for logs and the console.
func (t Target) String() string { return t.Name }
