package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestJobsListRunAndDryRun(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "c.yaml")
	os.WriteFile(cfg, []byte("admins: [民政局值班员]\nschedules:\n  chase_silent: \"off\"\n"), 0o600)
	if code, _, errs := mobilize(t, dir, "", "campaign", "create", "--title", "抗疫"); code != 0 {
		t.Fatalf("create: %s", errs)
	}
	code, out, errs := mobilize(t, dir, "", "--config", cfg, "jobs")
	if code != 0 || !strings.Contains(out, "daily_tally        0 20 * * *") || !strings.Contains(out, "summary_to_groups  off") ||
		strings.Count(out, "从未运行") != 4 || !strings.Contains(out, "chase_silent       off") {
		t.Fatalf("jobs: %d\n%s\n%s", code, out, errs)
	}
	code, out, errs = mobilize(t, dir, "", "--config", cfg, "jobs", "run", "daily_tally", "--dry-run")
	if code != 0 || !strings.Contains(out, "将发出 1 条") || !strings.Contains(out, "→ 民政局值班员：\n    【抗疫】") {
		t.Fatalf("dry run: %d\n%s\n%s", code, out, errs)
	}
	code, out, errs = mobilize(t, dir, "", "--config", cfg, "jobs", "run", "--campaign", "1", "daily_tally")
	if code != 0 || !strings.Contains(out, "新入发件箱 1 条") {
		t.Fatalf("run: %d\n%s\n%s", code, out, errs)
	}
	code, out, _ = mobilize(t, dir, "", "--config", cfg, "jobs")
	if code != 0 || !strings.Contains(out, "（手动）成功，入发件箱 1 条") {
		t.Errorf("jobs after a run:\n%s", out)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"jobs", "run", "nightly"}, `没有名为 "nightly" 的任务`},
		{[]string{"jobs", "run", "daily_tally", "--campaign", "9"}, "没有编号为 9 的倡议"},
	} {
		if code, _, errs := mobilize(t, dir, "", c.args...); code == 0 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, %q; want %q", c.args, code, errs, c.want)
		}
	}
}

func TestJobsRefuseABadSpecNamingTheKey(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "c.yaml")
	os.WriteFile(cfg, []byte("schedules:\n  daily_tally: \"0 20 * *\"\n"), 0o600)
	if code, _, errs := mobilize(t, dir, "", "campaign", "create", "--title", "抗疫"); code != 0 {
		t.Fatalf("create: %s", errs)
	}
	// run refuses before it logs in: no QR code, no network.
	for _, cmd := range []string{"jobs", "run"} {
		code, _, errs := mobilize(t, dir, "", "--config", cfg, cmd)
		if code != 1 || !strings.Contains(errs, "schedules.daily_tally: 无效的定时表达式") {
			t.Errorf("%s with a bad spec: exit %d, %q", cmd, code, errs)
		}
	}
}

// TestDryRunSaysWhyNothingGoes: with no admins and no tally groups, a
// dry run of the daily tally says why in Chinese, not in an English log
// line.
func TestDryRunSaysWhyNothingGoes(t *testing.T) {
	dir := t.TempDir()
	mobilize(t, dir, "", "campaign", "create", "--title", "抗疫")
	code, out, errs := mobilize(t, dir, "", "jobs", "run", "daily_tally", "--dry-run")
	if code != 0 || !strings.Contains(out, "没有收件人") || errs != "" {
		t.Fatalf("dry run: %d %q %q", code, out, errs)
	}
}
