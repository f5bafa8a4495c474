package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"mobilize/internal/pgtest"
)

// TestMigrateToBothDatabases: a SQLite database with a morning of sign-ups
// is copied by mobilize migrate to a new database (a PostgreSQL schema in
// .ci/run's PostgreSQL pass, else another file); the copy prints the same
// roster and report, takes new sign-ups, and a second migrate into it, one
// onto itself, or one without --to are refused in Chinese.
func TestMigrateToBothDatabases(t *testing.T) {
	dir := t.TempDir()
	from := filepath.Join(dir, "m.db")
	to := filepath.Join(dir, "copy.db")
	if pgtest.URL() != "" {
		to = pgtest.Schema(t)
	}
	mobilize(t, dir, "", "campaign", "create", "--title", "抗疫志愿者招募", "--role", "pioneer:志愿先锋:1", "--role", "reserve:储备志愿者:5")
	mobilize(t, dir, strings.Join([]string{
		"营养学会群|张三|报名 先锋 张三 13800138000",
		"营养学会群|李四|报名 先锋 李四 13900139000",
		"营养学会群|张三|取消报名",
		"营养学会群|王五|报名 储备 王五 13700137000",
		"营养学会群|会长|捐赠 口罩 500 个",
	}, "\n"), "console")

	code, out, errs := runArgs(t, "", "migrate", "--from", "sqlite:"+from, "--to", to)
	if code != 0 || !strings.Contains(out, "registrations") || !strings.Contains(out, "行数一致") {
		t.Fatalf("migrate: exit %d\n%s%s", code, out, errs)
	}
	if strings.Contains(pgtest.URL(), "@") && strings.Contains(out, pgtest.URL()) {
		t.Errorf("the output shows the server URL whole:\n%s", out)
	}
	for _, args := range [][]string{{"roster", "--full"}, {"report"}, {"campaign", "list"}} {
		_, a, _ := runArgs(t, "", append([]string{"--db", from}, args...)...)
		_, b, _ := runArgs(t, "", append([]string{"--db", to}, args...)...)
		a, b = clockTimes.ReplaceAllString(a, "TIME"), clockTimes.ReplaceAllString(b, "TIME")
		if a != b || a == "" {
			t.Errorf("%v differs after the copy:\n--- source\n%s\n--- copy\n%s", args, a, b)
		}
	}
	_, out, _ = runArgs(t, "营养学会群|赵六|报名 储备 赵六 13600136000", "--db", to, "console")
	if !strings.Contains(out, "赵六") || !strings.Contains(out, "报名成功") {
		t.Errorf("a sign-up on the copy: %q", out)
	}

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"migrate", "--from", from, "--to", to}, "已有数据"},
		{[]string{"migrate", "--from", from, "--to", "sqlite:" + from}, "同一个数据库"},
		{[]string{"migrate", "--from", from}, "--to"},
		{[]string{"migrate", "--from", filepath.Join(dir, "nope.db"), "--to", filepath.Join(dir, "n2.db")}, "不存在"},
	} {
		code, _, errs := runArgs(t, "", c.args...)
		if code != 1 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d %q, want 1 and %q", c.args, code, errs, c.want)
		}
	}
}
