package handlers

import (
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"mobilize/grammar"
	"mobilize/models"
	"mobilize/pii"
)

// Recover turns a panic in a handler into an error, so one bad message
// cannot take the bot down; the member gets the generic answer.
func Recover(log *slog.Logger) Middleware {
	return func(next HandlerFunc) HandlerFunc {
		return func(c *Context) (err error) {
			defer func() {
				if p := recover(); p != nil {
					log.Error("handler panic", "msg_id", c.Msg.ID, "keyword", c.Cmd.Kind, "panic", p, "stack", string(debug.Stack()))
					err = fmt.Errorf("panic: %v", p)
				}
			}()
			return next(c)
		}
	}
}

// Logging logs every command handled, with stable keys and never the text
// (it carries phone numbers). User errors are routine and logged at debug.
func Logging(log *slog.Logger) Middleware {
	return func(next HandlerFunc) HandlerFunc {
		return func(c *Context) error {
			start := time.Now()
			err := next(c)
			attrs := []any{"msg_id", c.Msg.ID, "group", c.Msg.Group, "sender", pii.MaskPhones(c.Msg.Sender),
				"keyword", kindName(c.Cmd.Kind), "dur", time.Since(start)}
			_, isUser := asUserError(err)
			switch {
			case err != nil && !isUser:
				log.Error("command failed", append(attrs, "err", err)...)
			default:
				log.Info("command", attrs...)
			}
			return err
		}
	}
}

// echoWindow is how long after the bot sent a text to a group the same
// text arriving there is taken as the bot's own (IgnoreOwnAccounts).
const echoWindow = 10 * time.Minute

// IgnoreOwnAccounts drops, in a group, a message another of the bot's
// accounts sent there: with several accounts in a group, one account's
// message reaches the others as a member's (models.Store.OwnEcho). Only
// messages from a WeChat account (Msg.Account) are checked; the console
// has none.
func IgnoreOwnAccounts(store *models.Store, now func() time.Time) Middleware {
	return func(next HandlerFunc) HandlerFunc {
		return func(c *Context) error {
			if !c.Msg.IsGroup() || c.Msg.Account == "" {
				return next(c)
			}
			ours, err := store.OwnEcho(c.Ctx, c.Msg.Account, c.Msg.Group, c.Msg.Sender, c.Msg.Text, now().Add(-echoWindow))
			if err != nil {
				return fmt.Errorf("look up own message in %q: %w", c.Msg.Group, err)
			}
			if ours {
				return nil
			}
			return next(c)
		}
	}
}

// IgnoreSelf drops the bot's own messages, so it never answers itself.
func IgnoreSelf() Middleware {
	return func(next HandlerFunc) HandlerFunc {
		return func(c *Context) error {
			if c.Msg.Self {
				return nil
			}
			return next(c)
		}
	}
}

// Dedupe handles each message id once: WeChat delivers some messages twice
// and replays history after a hot login. A group message that several bot
// accounts received is handled once too, by whichever copy comes first:
// the copies' ids may differ, so they are matched on group, sender, text
// and send time (models/inbound.go). The id is recorded in the same
// transaction as the handler's change (models.WithInbound), so a message
// whose handling failed on an internal error is not recorded and is handled
// when it comes again; a handler that changed nothing is recorded after it
// ran. Of two deliveries handled at once, the one recorded second is
// silent. Messages without an id (typed into the console) are always
// handled.
func Dedupe(store *models.Store) Middleware {
	return func(next HandlerFunc) HandlerFunc {
		return func(c *Context) error {
			if c.Msg.ID == "" {
				return next(c)
			}
			seen, err := store.Seen(c.Ctx, c.Msg.ID)
			if err != nil {
				return fmt.Errorf("look up message %s: %w", c.Msg.ID, err)
			}
			if seen {
				return nil
			}
			outer := c.Ctx
			c.Ctx = models.WithInbound(outer, models.InboundMessage{MsgID: c.Msg.ID,
				Chat: c.Msg.Group, Sender: c.Msg.Sender, Text: c.Msg.Text, ReceivedAt: c.Msg.At,
				Account: c.Msg.Account, SentAt: models.SentAtOf(c.Msg.SentAt)})
			defer func() { c.Ctx = outer }()
			err = next(c)
			if errors.Is(err, models.ErrDuplicate) {
				c.discard()
				return nil
			}
			if _, isUser := asUserError(err); err != nil && !isUser {
				return err
			}
			first, recErr := store.RecordSeen(c.Ctx)
			if recErr != nil {
				return errors.Join(err, fmt.Errorf("record message %s: %w", c.Msg.ID, recErr))
			}
			if !first {
				c.discard()
				return nil
			}
			return err
		}
	}
}

// InGroup restricts a member command to group chats; in a private chat it
// gets no answer.
func InGroup() Middleware {
	return func(next HandlerFunc) HandlerFunc {
		return func(c *Context) error {
			if !c.Msg.IsGroup() {
				return nil
			}
			return next(c)
		}
	}
}

// kindNames are the log names of commands (stable keys, English).
var kindNames = map[grammar.Kind]string{
	grammar.SignUp: "signup", grammar.Cancel: "cancel", grammar.MyStatus: "status", grammar.Quota: "quota",
	grammar.Help: "help", grammar.Chain: "chain", grammar.Service: "service", grammar.UndoService: "undo_service",
	grammar.Pledge: "pledge", grammar.Delivered: "delivered",
}

func kindName(k grammar.Kind) string { return kindNames[k] }
