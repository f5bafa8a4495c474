package bot

import (
	"errors"
	"fmt"
	"net"
	"testing"

	"mobilize/chat"
)

func TestNotSent(t *testing.T) {
	dial := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
	if err := notSent(fmt.Errorf("wechat network error\n%w", dial)); !errors.Is(err, chat.ErrUnreachable) {
		t.Fatalf("dial error: %v", err)
	}
	read := &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset")}
	if err := notSent(read); errors.Is(err, chat.ErrUnreachable) {
		t.Fatalf("a read error may follow delivery: %v", err)
	}
}
