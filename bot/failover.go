package bot

import (
	"context"
	"fmt"
	"strings"

	"mobilize/chat"
	"mobilize/models"
	"mobilize/pii"
)

// Failover (docs/accounts.md, "When an account is cut off"): while this
// account is logged in, at every heartbeat it takes over the unsent group
// messages of any account that is cut off — its session ended with 1102,
// or it has been logged out longer than failover.after — for the groups
// this account serves and the rule gives it (models.Store.TakeOver). The
// admins are told once per cut-off which groups now have no working
// account; those messages wait, and the console's 人工转发 lists those
// groups first.

// staleBeats is how many missed heartbeats make an online account's
// process dead.
const staleBeats = 3

// liveness is how this runner judges the accounts now.
func (r *Runner) liveness() models.Liveness {
	return models.Liveness{Now: r.cfg.Now(), Stale: staleBeats * r.cfg.Beat, After: r.cfg.Config.Failover.AfterD()}
}

// noteAccount records this account's session for the other accounts'
// failover: logged in now, or ended now with code (0 for a stop).
func (r *Runner) noteAccount(ctx context.Context, online bool, code int) {
	var err error
	if online {
		err = r.cfg.Store.NoteAccountOnline(ctx, r.cfg.Account, r.cfg.Now())
	} else {
		err = r.cfg.Store.NoteAccountOffline(ctx, r.cfg.Account, code, r.cfg.Now())
	}
	if err != nil {
		r.log.Error("record the account's session", "account", r.cfg.Account, "err", err)
	}
}

// failover runs one takeover pass if this account is logged in.
func (r *Runner) failover(ctx context.Context) {
	if s, _ := r.wx.current(); s == nil {
		return
	}
	cut, err := r.cfg.Store.TakeOver(ctx, r.cfg.Account, r.liveness())
	if err != nil {
		if ctx.Err() == nil { // a pass cut short by the runner stopping is no fault
			r.log.Error("take over a cut-off account's messages", "err", err)
		}
		return
	}
	for _, c := range cut {
		if c.Moved > 0 {
			r.log.Warn("took over a cut-off account's messages", "from", c.State.Account, "rows", c.Moved, "groups", len(c.Groups))
			r.sender.Wake()
		}
		r.tellCutOff(ctx, c)
	}
}

// tellCutOff queues, once per cut-off (the key names the account and when
// it went down), a notice to every admin: which account is cut off, how
// many of its groups another account now serves, and which groups none
// does. It goes out through this account, which is working.
func (r *Runner) tellCutOff(ctx context.Context, c models.CutOffAccount) {
	text := cutOffNotice(c, r.liveness())
	down := r.liveness().DownSince(c.State).Unix()
	for _, admin := range r.cfg.Config.AdminList() {
		key := fmt.Sprintf("failover:%s:%d:%s", c.State.Account, down, admin)
		_, err := r.cfg.Outbox.Put(ctx, chat.Outgoing{To: chat.Target{Name: admin}, Kind: models.KindNotice, Text: text, Key: key, Account: r.cfg.Account})
		if err != nil {
			r.log.Error("queue the cut-off notice", "err", err)
		}
	}
}

// maxNamedGroups bounds the groups a cut-off notice names; the console
// lists them all.
const maxNamedGroups = 20

// cutOffNotice is the admins' notice of a cut-off account.
func cutOffNotice(c models.CutOffAccount, l models.Liveness) string {
	why := fmt.Sprintf(txtCutOffDown, int(l.Now.Sub(l.DownSince(c.State)).Minutes()))
	if !c.State.Online && c.State.EndCode == 1102 {
		why = reasonWordsZh(1102)
	}
	var b strings.Builder
	fmt.Fprintf(&b, txtCutOffHead, c.State.Account, why)
	// Every taker's share, not this pass's: the notice is sent once.
	if c.Handed > 0 {
		fmt.Fprintf(&b, "\n"+txtCutOffMoved, c.HandedGroups, c.Handed)
	}
	if len(c.Stranded) == 0 {
		b.WriteString("\n" + txtCutOffAllCovered)
		return b.String()
	}
	names := make([]string, 0, maxNamedGroups)
	for _, g := range c.Stranded[:min(len(c.Stranded), maxNamedGroups)] {
		names = append(names, pii.Mask(g))
	}
	list := strings.Join(names, "、")
	if len(c.Stranded) > maxNamedGroups {
		list += fmt.Sprintf(txtCutOffMore, len(c.Stranded))
	}
	fmt.Fprintf(&b, "\n"+txtCutOffStranded, len(c.Stranded), list)
	return b.String()
}
