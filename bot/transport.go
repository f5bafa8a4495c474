package bot

import (
	"errors"
	"fmt"
	"net"

	"mobilize/chat"
)

// notSent wraps a transport error that certainly happened before the
// request left: a failed dial. Anything later may have reached WeChat.
func notSent(err error) error {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return fmt.Errorf("%w: %v", chat.ErrUnreachable, err)
	}
	return err
}

// refused turns WeChat's Ret for a refused send into the channel-neutral
// error the sender understands.
func refused(ret int) *chat.RefusedError {
	return &chat.RefusedError{
		Code:         ret,
		TooFrequent:  ret == retTooFrequent,
		SessionEnded: ret == retLoggedOut || ret == retElsewhere || ret == retRejected,
	}
}
