package chat

import (
	"sort"
	"time"

	"mobilize/config"
)

// AccountShare is one configured account's part of a broadcast: the
// Capacity of its own pacing (its send: overrides applied) for the groups
// it is given.
type AccountShare struct {
	Name string
	Capacity
}

// OverBudget reports whether the account's share is more than its daily
// budget: it would send the rest tomorrow. A budget of 0 or less is no
// limit, as for the sender (budgetWait).
func (a AccountShare) OverBudget() bool { return a.Budget > 0 && a.Messages > a.Budget }

// Spread is how the configured accounts together send one broadcast:
// each its share of the groups, all at once, each at its own pace.
type Spread struct {
	Shares []AccountShare
	// Time and Worst are until the last account is done (at the dice's
	// middle and top); Slowest is that account's name.
	Time, Worst time.Duration
	Slowest     string
	Within      time.Duration
}

// Fits reports whether the accounts send everything within the time
// limit (0: none) and each within its daily budget.
func (s Spread) Fits() bool {
	if s.Within > 0 && s.Time > s.Within {
		return false
	}
	for _, a := range s.Shares {
		if a.OverBudget() {
			return false
		}
	}
	return true
}

// PlanSpread computes how accounts send groups groups of perGroup
// messages when the groups are spread evenly over them — what the owner
// rule does for groups every account serves (docs/accounts.md) — each
// account's time from PlanCapacity with its own pacing, so from Gap, the
// sender's own arithmetic. Accounts send in parallel: the broadcast is
// done when the slowest is.
func PlanSpread(accounts []config.Account, groups, perGroup int, within time.Duration) Spread {
	s := Spread{Within: within}
	n := len(accounts)
	if n == 0 {
		return s
	}
	for i, a := range accounts {
		share := groups / n
		if i < groups%n {
			share++
		}
		sh := AccountShare{Name: a.Name, Capacity: PlanCapacity(a.Send, share, perGroup, within)}
		s.Shares = append(s.Shares, sh)
		if sh.OneAccount > s.Time || s.Slowest == "" {
			s.Time, s.Slowest = sh.OneAccount, a.Name
		}
		s.Worst = max(s.Worst, sh.OneAccountWorst)
	}
	return s
}

// MoreAccounts is how many more accounts paced like extra (the top-level
// send:) the configured accounts need for the spread to fit, or -1 if no
// number does (one group's own messages take longer than the limit, or
// an account's budget is below one group's messages). Each
// account added takes its even share, as the rule would give it; adding
// one never makes an account's share larger, so the least number is found
// by bisection.
func MoreAccounts(accounts []config.Account, extra config.Send, groups, perGroup int, within time.Duration) int {
	fits := func(more int) bool {
		all := append([]config.Account(nil), accounts...)
		for range more {
			all = append(all, config.Account{Send: extra})
		}
		return PlanSpread(all, groups, perGroup, within).Fits()
	}
	if !fits(groups) {
		return -1
	}
	return sort.Search(groups, fits)
}
