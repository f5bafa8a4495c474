package broadcast

import (
	"context"
	"maps"
	"slices"
	"strings"

	"mobilize/models"
)

// addAccounts lists the accounts serving any group and names the sending
// account of the groups whose rows have none yet (waiting for an account):
// their owner, if one has appeared since (docs/accounts.md).
func (b *Broadcaster) addAccounts(ctx context.Context, st *Status) error {
	served, err := b.Store.ServedCount(ctx)
	if err != nil {
		return err
	}
	st.Accounts = slices.Sorted(maps.Keys(served))
	if len(st.Accounts) == 0 {
		return nil
	}
	owners, err := b.Store.GroupOwners(ctx)
	if err != nil {
		return err
	}
	st.owners = make(map[string]string, len(owners))
	for name, o := range owners {
		st.owners[name] = o.Account
	}
	for i := range st.Groups {
		if st.Groups[i].Account == "" {
			st.Groups[i].Account = st.owners[st.Groups[i].Group]
		}
	}
	return nil
}

// partsAccount is the account that sends or sent a group's parts: the
// outbox rows' own account, which stays true after a failover moved the
// rest of them (then both, in the order of the parts). The group's owner
// may differ: staff can reassign a group after it was queued, and a row
// taken over keeps the owner unchanged.
func partsAccount(parts []models.DeliveryPartView) string {
	var names []string
	for _, p := range parts {
		if p.Account != "" && !slices.Contains(names, p.Account) {
			names = append(names, p.Account)
		}
	}
	return strings.Join(names, "、")
}

// SeveralAccounts reports whether more than one account serves the groups:
// only then do staff need to be told which account sends to a group.
func (s Status) SeveralAccounts() bool { return len(s.Accounts) > 1 }

// Senders names, by group, the account that sends to it for this
// campaign: the account of its delivery's rows if the campaign was queued
// for it (as Groups says), else its owner, the account a broadcast would
// give it now. A group no account serves is absent. The console's 进度
// reads it, so the page and `broadcast status` name the same account.
func (s Status) Senders() map[string]string {
	out := maps.Clone(s.owners)
	if out == nil {
		out = map[string]string{}
	}
	for _, g := range s.Groups {
		if g.Account != "" {
			out[g.Group] = g.Account
		} else {
			delete(out, g.Group)
		}
	}
	return out
}
