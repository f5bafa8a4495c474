package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// With accounts of different pacing, plan shows each account's own gaps,
// budget, share and time, the slow one setting the time, and how many
// more accounts would do; a longer limit and a larger budget suffice.
func TestPlanUsesEachAccountsPacing(t *testing.T) {
	dir := t.TempDir()
	conf := filepath.Join(dir, "c.yaml")
	write := func(budget string) {
		os.WriteFile(conf, []byte("send:\n  min_gap: 10s\n  max_gap: 10s\n  daily_budget: 1000\naccounts:\n"+
			"  - {name: 一号, session_file: a.json}\n"+
			"  - {name: 二号, session_file: b.json, send: {min_gap: 20s, max_gap: 30s, daily_budget: "+budget+"}}\n"), 0o600)
	}
	write("50")
	code, out, errs := mobilize(t, dir, "", "--config", conf, "plan", "--groups", "151", "--within", "20m")
	outputHas(t, code, out, errs,
		"按配置的 2 个账号分担",
		"一号：不同群之间平均 10s，同一群内 2s，每天最多 1000 条；分到 76 个群（76 条）：(76 − 1) × 10s + 76 × (1 − 1) × 2s = 12分30秒",
		"二号：不同群之间平均 25s，同一群内 2s，每天最多 50 条；分到 75 个群（75 条）：(75 − 1) × 25s + 75 × (1 − 1) × 2s = 30分50秒（最慢 37分）；超出每日预算，余下 25 条次日才发",
		"一起发完：约 30分50秒（最慢 37分），最后发完的是 二号，超过时限 20分",
		// Three accounts: 二号 gets 50 groups, 49 × 25s = 20m25s, still
		// late; four: 38 groups, 37 × 25s = 15m25s.
		"配置中现有 2 个账号（一号、二号）：还差 2 个按 send: 节奏的账号")
	write("100")
	code, out, errs = mobilize(t, dir, "", "--config", conf, "plan", "--groups", "151", "--within", "1h")
	if code != 0 || !strings.Contains(out, "配置中现有 2 个账号（一号、二号）：够用") || strings.Contains(out, "超出每日预算") {
		t.Errorf("plan within an hour: %d\n%s%s", code, out, errs)
	}
}
