package chat

import (
	"time"

	"mobilize/config"
)

// Capacity is what one account's pacing allows for a broadcast: how long
// it takes to send Groups groups PerGroup messages each, and how many
// accounts keep it within a time and within the daily budget.
type Capacity struct {
	Groups, PerGroup int
	Messages         int // Groups × PerGroup
	// MeanGap and MaxGap are the gap between two groups on average (the
	// dice at ½) and at worst; ChatGap the gap within a group.
	MeanGap, MaxGap, ChatGap time.Duration
	// OneAccount and OneAccountWorst are the time for one account to send
	// everything: (Groups−1) gaps between groups plus Groups×(PerGroup−1)
	// gaps within them. The sends themselves (a few hundred ms each) come
	// on top.
	OneAccount, OneAccountWorst time.Duration
	Budget                      int // messages one account may send a day
	// ByBudget and ByTime are the accounts the budget and the time limit
	// each ask for; Accounts the larger of the two.
	ByBudget, ByTime, Accounts int
	Within                     time.Duration
	// PerAccount is the groups each of Accounts accounts serves (rounded
	// up) and PerAccountTime how long it takes them.
	PerAccount     int
	PerAccountTime time.Duration
}

// PlanCapacity computes Capacity for pacing p (an account's send:), from
// Gap, the sender's own arithmetic.
func PlanCapacity(p config.Send, groups, perGroup int, within time.Duration) Capacity {
	c := Capacity{Groups: groups, PerGroup: perGroup, Messages: groups * perGroup, Budget: p.DailyBudget, Within: within,
		MeanGap: Gap(p, false, 0.5), MaxGap: Gap(p, false, 1), ChatGap: Gap(p, true, 0)}
	c.OneAccount = sendTime(c, groups, c.MeanGap)
	c.OneAccountWorst = sendTime(c, groups, c.MaxGap)
	c.ByBudget = ceilDiv(c.Messages, max(p.DailyBudget, 1))
	c.ByTime = 1
	if within > 0 {
		c.ByTime = max(int((c.OneAccount+within-1)/within), 1)
	}
	c.Accounts = max(c.ByBudget, c.ByTime, 1)
	c.PerAccount = ceilDiv(groups, c.Accounts)
	c.PerAccountTime = sendTime(c, c.PerAccount, c.MeanGap)
	return c
}

// sendTime is the time to send groups groups at gap between them.
func sendTime(c Capacity, groups int, gap time.Duration) time.Duration {
	if groups <= 0 {
		return 0
	}
	return time.Duration(groups-1)*gap + time.Duration(groups*(c.PerGroup-1))*c.ChatGap
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }
