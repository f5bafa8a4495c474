package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// plan shows its arithmetic from the configured pacing and says whether
// the configured accounts suffice; bad flags are refused in words.
func TestPlanShowsTheArithmetic(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := mobilize(t, dir, "", "plan", "--groups", "1584")
	outputHas(t, code, out, errs,
		"1584 个群 × 每群 1 条 = 1584 条消息",
		"不同群之间 5s–12s，平均 8.5s",
		"(1584 − 1) × 8.5s + 1584 × (1 − 1) × 2s = 3小时44分",
		"1584 条 ÷ 1500 条/账号 → 至少 2 个账号",
		"→ 至少 4 个账号",
		"需要：4 个账号，每个约 396 个群",
		"配置中现有 1 个账号（默认）：还差 3 个")
	if _, err := os.Stat(filepath.Join(dir, "m.db")); err == nil {
		t.Error("plan created a database")
	}
	conf := filepath.Join(dir, "c.yaml")
	os.WriteFile(conf, []byte("send:\n  min_gap: 10s\n  max_gap: 10s\n  daily_budget: 100\naccounts:\n"+
		"  - {name: 一号, session_file: a.json}\n  - {name: 二号, session_file: b.json}\n"), 0o600)
	code, out, _ = mobilize(t, dir, "", "--config", conf, "plan", "--groups", "150", "--within", "2h")
	if code != 0 || !strings.Contains(out, "(150 − 1) × 10s") || !strings.Contains(out, "150 条 ÷ 100 条/账号 → 至少 2 个账号") ||
		!strings.Contains(out, "配置中现有 2 个账号（一号、二号）：够用") {
		t.Errorf("plan with accounts: %d\n%s", code, out)
	}
	for _, bad := range [][]string{{"plan"}, {"plan", "--groups", "10", "--within", "两小时"}, {"plan", "--groups", "10", "--messages", "0"}} {
		if code, _, errs := mobilize(t, dir, "", bad...); code == 0 || !strings.Contains(errs, "--") {
			t.Errorf("%v: exit %d %q", bad, code, errs)
		}
	}
}
