package chat

import (
	"context"
	"errors"
	"fmt"
)

// Transport is what the sender needs from a channel: wait until it can
// send, and send one message to a chat by name. The WeChat adapter (bot/)
// implements it; tests use a fake; a group robot or any later channel
// plugs in the same way.
type Transport interface {
	// Wait blocks until the channel can send, or ctx ends.
	Wait(ctx context.Context) error
	// SendText sends text and returns the channel's message id. Errors say
	// whether anything may have been delivered: ErrOffline, ErrUnknownChat,
	// ErrUnreachable and a *RefusedError mean it was not; any other error
	// means it may have been.
	SendText(ctx context.Context, to Target, text string) (msgID string, err error)
	// SendImage and SendFile upload the file at path and send it, with the
	// same error contract as SendText.
	SendImage(ctx context.Context, to Target, path string) (msgID string, err error)
	SendFile(ctx context.Context, to Target, path string) (msgID string, err error)
}

// Errors a Transport returns for sends that certainly did not go out.
var (
	// ErrOffline: no session is logged in; nothing was sent.
	ErrOffline = errors.New("chat: not logged in")
	// ErrUnknownChat: the current session has no group or friend with the
	// target's name; nothing was sent.
	ErrUnknownChat = errors.New("chat: no chat with this name in the current session")
	// ErrNoAdminContact: no friend of the current session has the admin's
	// 备注 (a friend whose nickname matches is never used); nothing was
	// sent, and the message waits until a contact has it.
	ErrNoAdminContact = errors.New("chat: no contact has this admin's remark in the current session")
	// ErrUnreachable: the connection to the channel's servers could not be
	// made (DNS, refused, no route, proxy); nothing was sent.
	ErrUnreachable = errors.New("chat: servers unreachable")
	// ErrNoFile: an attachment's file is gone or unreadable; nothing was sent.
	ErrNoFile = errors.New("chat: attachment file missing or unreadable")
)

// RefusedError is a channel's answer to a send it refused: the message was
// not delivered. The channel's adapter says what the refusal means, so the
// sender needs no channel's codes.
type RefusedError struct {
	// Code is the channel's own code (WeChat's BaseResponse.Ret), for logs.
	Code int
	// TooFrequent: the channel asks to slow down (WeChat's Ret 1205). All
	// sending pauses.
	TooFrequent bool
	// SessionEnded: the session ended under the send (WeChat's 1100, 1101,
	// 1102). The sender waits for the next login at once instead of trying
	// the next row into a dead session.
	SessionEnded bool
}

// Error implements error.
func (e *RefusedError) Error() string {
	switch {
	case e.TooFrequent:
		return fmt.Sprintf("send refused: too frequent (code %d)", e.Code)
	case e.SessionEnded:
		return fmt.Sprintf("send refused: session ended (code %d)", e.Code)
	}
	return fmt.Sprintf("send refused (code %d)", e.Code)
}
