package scheduler

import (
	"context"

	"mobilize/chat"
)

// Target is a chat to send to: a group by name, or an admin's private
// chat by remark.
type Target = chat.Target

// Queuer is what the scheduler needs of the outbox: store one message,
// exactly once per key. chat.Outbox implements it.
type Queuer interface {
	Put(ctx context.Context, m chat.Outgoing) (bool, error)
}
