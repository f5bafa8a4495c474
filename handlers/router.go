// Package handlers answers chat messages: it reads them with the grammar
// package, routes them by command through middleware to one handler per
// command, and acts on the Store. It never sees openwechat.
package handlers

import (
	"context"
	"log/slog"
	"time"

	"mobilize/chat"
	"mobilize/config"
	"mobilize/grammar"
	"mobilize/models"
	"mobilize/pii"
	"mobilize/ratelimit"
)

// Replier sends text to a chat. In production it queues into the outbox; in
// the console it prints; in tests it records.
type Replier interface {
	Send(ctx context.Context, to chat.Target, text string) error
}

// HandlerFunc handles one parsed message. An error that is a *UserError is
// answered in Chinese; any other is logged and answered generically.
type HandlerFunc func(c *Context) error

// Middleware wraps a handler: recover, log, de-duplicate, rate-limit…
type Middleware func(HandlerFunc) HandlerFunc

// Deps is what the handlers need from outside.
type Deps struct {
	Store  *models.Store
	Config config.Config
	Reply  Replier
	// Queue carries what a plain reply cannot: the workbook 导出 sends as a
	// file, the full roster 名单 N 完整 sends unmasked to an admin. Optional:
	// without it those two commands say they cannot be done here.
	Queue Queuer
	Log   *slog.Logger
	Now   func() time.Time
	// LoginLink makes a one-time staff console link for an admin (登录 in
	// a private chat); nil when the web console is not served.
	LoginLink func(ctx context.Context, admin string) (string, error)
	// OrgLink is each organization's sign-up link in the footer of a
	// broadcast published by 发布倡议; nil adds none.
	OrgLink func(campaignID, orgID uint) string
}

// Router holds the route table: one handler per command kind, read top to
// bottom in routes(), wrapped by the middleware chain.
type Router struct {
	deps   Deps
	routes map[grammar.Kind]HandlerFunc
	chain  HandlerFunc
	// private limits admin words and 登录 in private chats, per chat and
	// sender, as the group commands are limited.
	private *ratelimit.Limiter
}

// New builds the router with its middleware, outermost first.
func New(d Deps) *Router {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	r := &Router{deps: d, private: ratelimit.New(d.Config.Intake.RatePerMinute, time.Minute)}
	r.routes = r.table()
	r.chain = chain(r.dispatch,
		Recover(d.Log),
		Logging(d.Log),
		IgnoreSelf(),
		IgnoreOwnAccounts(d.Store, d.Now),
		// Limit before de-duplicating: a dropped message must not write an
		// inbound row, or a flood fills the table one row per message.
		RateLimit(d.Config.Intake.RatePerMinute, d.Now),
		Dedupe(d.Store),
	)
	return r
}

// table is the route table: which command runs which handler, and where.
func (r *Router) table() map[grammar.Kind]HandlerFunc {
	group := InGroup()
	return map[grammar.Kind]HandlerFunc{
		grammar.SignUp:      group(r.signUp),
		grammar.Cancel:      group(r.cancel),
		grammar.MyStatus:    group(r.myStatus),
		grammar.Quota:       group(r.quota),
		grammar.Help:        group(r.help),
		grammar.Chain:       group(r.chainList),
		grammar.Service:     group(r.service),
		grammar.UndoService: group(r.undoService),
		grammar.Pledge:      group(r.pledge),
		grammar.CancelHint:  group(r.cancelHint),
		grammar.SoftCancel:  group(r.softCancel),
		grammar.UndoPledge:  group(r.undoPledge),
		grammar.MoveHere:    group(r.moveHere),
		grammar.Delivered:   r.delivered, // the pledger in a group, or an admin in private
	}
}

func chain(h HandlerFunc, mws ...Middleware) HandlerFunc {
	for i := len(mws) - 1; i >= 0; i-- {
		h = mws[i](h)
	}
	return h
}

// Handle parses and answers one message. Replies produced while handling it
// are merged into one message per chat and sent when the handler returns.
// Messages that do not start with a command word are dropped before the
// database is touched or any middleware runs, so ordinary chat costs nothing
// and is never stored.
func (r *Router) Handle(ctx context.Context, m chat.Message) error {
	m = m.Printable() // every transport (WeChat, console, demo) comes through here
	if isLoginRequest(m) {
		return r.adminLogin(ctx, m)
	}
	if taken, err := r.admin(ctx, m); taken {
		return err
	}
	if !grammar.MayBeCommand(m.Text, r.deps.Config.Bot.Names) {
		return nil
	}
	vocab, camps, err := r.vocabulary(ctx)
	if err != nil {
		// Not yet known to be a command: logged, left unanswered.
		r.deps.Log.Error("read campaigns", "msg_id", m.ID, "group", m.Group, "err", err)
		return err
	}
	cmd := grammar.Parse(m.Text, &vocab)
	if cmd.Kind == grammar.None {
		return nil
	}
	if m.IsGroup() {
		// A group member's name is stored with what they sign up, pledge
		// and log, and looked up again by it: masked once here, it is the
		// same key everywhere and no nickname carries a phone into the
		// store. (A private chat's name is its reply address: kept.)
		m.Sender = pii.MaskPhones(m.Sender)
	}
	c := &Context{Ctx: ctx, Msg: m, Cmd: cmd, open: camps, vocab: &vocab, now: r.deps.Now()}
	err = r.chain(c)
	return r.flush(c, err)
}

func (r *Router) dispatch(c *Context) error {
	h, ok := r.routes[c.Cmd.Kind]
	if !ok {
		return nil
	}
	return h(c)
}

// flush sends the merged replies, and turns a handler error into the answer
// the member sees. A user error is fully handled by its answer; any other
// error is returned to the caller as well (already logged by Logging).
func (r *Router) flush(c *Context, err error) error {
	if ue, ok := asUserError(err); ok {
		c.Reply(ue.Text)
		err = nil
	} else if f, ok := models.FaultOf(err); ok {
		c.Reply(r.faultText(c.Msg, f))
	} else if err != nil {
		c.Reply(txtInternal)
	}
	for _, out := range c.merged() {
		// Masked here as well as in the outbox: every replier (the
		// console, the web preview, a test recorder) gets the same
		// privacy as a chat, whatever a handler put into the text.
		text := fitMessage(pii.MaskPhones(out.text))
		if sendErr := r.deps.Reply.Send(c.Ctx, out.to, text); sendErr != nil {
			r.deps.Log.Error("queue reply", "group", out.to.Name, "msg_id", c.Msg.ID, "err", sendErr)
		}
	}
	return err
}

// faultText words a database fault for whoever sent m: an admin in a
// private chat runs the bureau's side and is told what to do; a member
// only that nothing was recorded and to send it again later.
func (r *Router) faultText(m chat.Message, f models.DBFault) string {
	if !m.IsGroup() && r.isAdmin(m) {
		return f.Advice()
	}
	return f.MemberText()
}
