package chat

import "context"

// receiverKey carries, in a handler's context, the bot account that
// received the message being handled.
type receiverKey struct{}

// WithReceiver returns ctx saying that account received the message being
// handled. The intake sets it, so a reply queued while handling goes back
// through the right account without any handler knowing accounts.
func WithReceiver(ctx context.Context, account string) context.Context {
	if account == "" {
		return ctx
	}
	return context.WithValue(ctx, receiverKey{}, account)
}

// Receiver is the account WithReceiver recorded, "" outside handling.
func Receiver(ctx context.Context) string {
	a, _ := ctx.Value(receiverKey{}).(string)
	return a
}
