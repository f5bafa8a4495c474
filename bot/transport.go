package bot

import (
	"context"
	"errors"
	"fmt"
	"net"
)

// Transport is what the sender needs from WeChat: wait until a session can
// send, and send one text to a chat by name. The WeChat adapter implements
// it; tests use a fake.
type Transport interface {
	// Wait blocks until a session is logged in, or ctx ends.
	Wait(ctx context.Context) error
	// SendText sends text and returns WeChat's MsgID. Errors say whether
	// anything may have been delivered: ErrOffline, ErrUnknownChat and a
	// *RefusedError mean it was not; any other error means it may have been.
	SendText(ctx context.Context, to Target, text string) (msgID string, err error)
}

// Errors a Transport returns for sends that certainly did not go out.
var (
	// ErrOffline: no session is logged in; nothing was sent.
	ErrOffline = errors.New("wechat: not logged in")
	// ErrUnknownChat: the current session has no group or friend with the
	// target's name; nothing was sent.
	ErrUnknownChat = errors.New("wechat: no chat with this name in the current session")
	// ErrUnreachable: the connection to WeChat could not be made (DNS,
	// refused, no route); nothing was sent.
	ErrUnreachable = errors.New("wechat: servers unreachable")
)

// notSent wraps a transport error that certainly happened before the
// request left: a failed dial. Anything later may have reached WeChat.
func notSent(err error) error {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return fmt.Errorf("%w: %v", ErrUnreachable, err)
	}
	return err
}

// RefusedError is WeChat's answer to a send it refused (BaseResponse.Ret
// not 0): the message was not delivered.
type RefusedError struct {
	Ret int
}

// Error implements error.
func (e *RefusedError) Error() string {
	if e.Ret == retTooFrequent {
		return "wechat refused the send: too frequent (ret 1205)"
	}
	return fmt.Sprintf("wechat refused the send (ret %d)", e.Ret)
}

// TooFrequent reports WeChat's "发送消息过于频繁" (Ret 1205): the account must
// stop sending for a while.
func (e *RefusedError) TooFrequent() bool { return e.Ret == retTooFrequent }

// sessionGone reports a Ret that means the session ended under the send:
// retry after the next login, without counting it as the message's fault.
func (e *RefusedError) sessionGone() bool {
	return e.Ret == retLoggedOut || e.Ret == retElsewhere || e.Ret == retRejected
}
