package chat

import (
	"testing"
	"time"

	"mobilize/config"
)

// account is a configured account sending every gap apart (the dice do
// not matter) with budget messages a day.
func account(name string, gap time.Duration, budget int) config.Account {
	p := config.Default().Send
	p.MinGap, p.MaxGap, p.DailyBudget = config.Duration(gap), config.Duration(gap), budget
	return config.Account{Name: name, Send: p}
}

// Two accounts of different pacing share 151 groups evenly (76 and 75):
// each takes its own gaps, the slow one sets the time, and its budget of
// 50 is too small until one more account takes a third of the groups.
func TestPlanSpreadUsesEachAccountsPacing(t *testing.T) {
	fast, slow := account("快", 10*time.Second, 1000), account("慢", 20*time.Second, 50)
	s := PlanSpread([]config.Account{fast, slow}, 151, 1, time.Hour)
	if len(s.Shares) != 2 || s.Shares[0].Groups != 76 || s.Shares[1].Groups != 75 {
		t.Fatalf("shares %+v", s.Shares)
	}
	if got, want := s.Shares[0].OneAccount, 75*10*time.Second; got != want {
		t.Errorf("fast account %v, want %v", got, want)
	}
	if got, want := s.Shares[1].OneAccount, 74*20*time.Second; got != want || s.Time != want || s.Slowest != "慢" {
		t.Errorf("slow account %v, spread %v by %s, want %v by 慢", got, s.Time, s.Slowest, want)
	}
	if s.Shares[0].OverBudget() || !s.Shares[1].OverBudget() || s.Fits() {
		t.Errorf("budgets: %+v fits %v", s.Shares, s.Fits())
	}
	// One more account at the fast pace: 51, 50, 50 groups, the slow one
	// within its budget.
	if n := MoreAccounts([]config.Account{fast, slow}, fast.Send, 151, 1, time.Hour); n != 1 {
		t.Errorf("more accounts %d, want 1", n)
	}
	// Within 20 minutes: the slow account's 75 groups take 24m40s, its
	// 50 of three accounts 16m20s.
	if s := PlanSpread([]config.Account{fast, account("慢", 20*time.Second, 1000)}, 151, 1, 20*time.Minute); s.Fits() {
		t.Errorf("fits in 20 minutes: %v", s.Time)
	}
	if n := MoreAccounts([]config.Account{fast, account("慢", 20*time.Second, 1000)}, fast.Send, 151, 1, 20*time.Minute); n != 1 {
		t.Errorf("more accounts for 20 minutes %d, want 1", n)
	}
	// Four messages a group take 3 × 2s within one group: no number of
	// accounts sends a group in 5 seconds.
	if n := MoreAccounts([]config.Account{fast}, fast.Send, 10, 4, 5*time.Second); n != -1 {
		t.Errorf("5 seconds: %d more, want -1", n)
	}
}
