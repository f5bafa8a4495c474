package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mobilize/config"
	"mobilize/models"
)

// mobilize runs the command line on a database in dir and returns its exit
// code, stdout and stderr.
func mobilize(t *testing.T, dir, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	code := Run(context.Background(), append([]string{"--db", filepath.Join(dir, "m.db")}, args...), env)
	return code, out.String(), errb.String()
}

// outputHas fails for each of wants that out, a command's output with
// exit code and stderr errs, lacks, or if the command failed.
func outputHas(t *testing.T, code int, out, errs string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("output lacks %q: exit %d\n%s%s", want, code, out, errs)
		}
	}
}

func TestNewcomerFlow(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := mobilize(t, dir, "", "campaign", "create", "--title", "抗疫志愿者招募", "--role", "pioneer:志愿先锋:2", "--role", "reserve:储备志愿者:145")
	if code != 0 || strings.TrimSpace(out) != "1" {
		t.Fatalf("create: %d %q %q", code, out, errs)
	}
	csv := "\xEF\xBB\xBF组织名称,类型,群名称,联系人\n广安市营养学会,学会,广安市营养学会志愿群,\n"
	os.WriteFile(filepath.Join(dir, "orgs.csv"), []byte(csv), 0o600)
	if code, out, errs := mobilize(t, dir, "", "orgs", "import", filepath.Join(dir, "orgs.csv")); code != 0 || !strings.Contains(out, "1 个组织") {
		t.Fatalf("import: %d %q %q", code, out, errs)
	}
	script := strings.Join([]string{
		"广安市营养学会志愿群|张三|报名 先锋 张三 13800138000",
		"广安市营养学会志愿群|李四|报名先锋李四13900139000",
		"广安市营养学会志愿群|王五|报名 先锋 王五",
		"广安市营养学会志愿群|赵六|大家辛苦了",
		`广安市营养学会志愿群|群主|#接龙\n1. 钱七 先锋 13800138001\n2. 孙八 储备 1380013`,
		"这一行格式不对",
	}, "\n")
	code, out, errs = mobilize(t, dir, script, "console")
	if code != 1 || !strings.Contains(errs, "有 1 行未处理") {
		t.Fatalf("console with a bad line: exit %d %q; want 1 and a count", code, errs)
	}
	msgs := strings.Split(strings.TrimSpace(out), "→ ")[1:]
	if len(msgs) != 4 || !strings.HasPrefix(msgs[0], "广安市营养学会志愿群: ✅ 张三（138****8000）") ||
		!strings.Contains(msgs[2], "请附上手机号") || !strings.Contains(msgs[3], "候补 1 人") ||
		!strings.Contains(msgs[3], "\n    2. 孙八 — 手机号有误") {
		t.Errorf("console output:\n%s", out)
	}
	if !strings.Contains(errs, "第 6 行") {
		t.Errorf("a bad line should be reported with its number: %q", errs)
	}
	code, out, _ = mobilize(t, dir, "", "roster", "--json")
	var roster struct {
		Registrations []rosterRow `json:"registrations"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &roster) != nil || len(roster.Registrations) != 3 {
		t.Fatalf("roster: %d %s", code, out)
	}
	last := roster.Registrations[2]
	if last.Name != "钱七" || last.Status != "候补" || last.Position != 1 || last.Phone != "138****8001" || last.Organization != "广安市营养学会" {
		t.Errorf("roster row %+v", last)
	}
	_, out, _ = mobilize(t, dir, "", "roster", "--full")
	if !strings.Contains(out, "13800138001") {
		t.Errorf("--full should show phones:\n%s", out)
	}
	if code, out, _ := mobilize(t, dir, "", "campaign", "close", "1"); code != 0 || !strings.Contains(out, "已关闭") {
		t.Errorf("close: %d %q", code, out)
	}
	_, out, _ = mobilize(t, dir, "广安市营养学会志愿群|周九|报名 先锋 周九 13800138009", "console")
	if !strings.Contains(out, "没有正在进行的报名") {
		t.Errorf("after close: %q", out)
	}
}

func TestConsoleJSONDeduplicates(t *testing.T) {
	dir := t.TempDir()
	mobilize(t, dir, "", "campaign", "create", "--title", "抗疫")
	in := `{"group":"g群","sender":"张三","id":"x1","text":"报名 先锋 张三 13800138000"}
{"group":"g群","sender":"张三","id":"x1","text":"报名 先锋 张三 13800138000"}
{"group":"g群","sender":"李四","text":"#接龙\n1. 李四 储备 13900139000"}`
	code, out, errs := mobilize(t, dir, in, "console", "--json")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 2 {
		t.Fatalf("%d %q %q", code, out, errs)
	}
	var first map[string]string
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil || first["to"] != "g群" || !strings.Contains(first["text"], "报名成功") {
		t.Errorf("first: %q %v", lines[0], err)
	}
}

func TestUsageAndBadInput(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"frobnicate"}, 2, "未知命令"},
		{[]string{"campaign", "create"}, 1, "--title"},
		{[]string{"campaign", "create", "--title", "x", "--role", "pioneer:先锋"}, 1, "code:名称:名额"},
		{[]string{"campaign", "create", "--title", "x", "--deadline", "明天"}, 1, "--deadline"},
		{[]string{"campaign", "close", "abc"}, 1, "倡议编号"},
		{[]string{"report", "--date", "11-23"}, 1, "--date"},
		{[]string{"roster"}, 1, "不存在"},
	}
	for _, c := range cases {
		code, _, errs := mobilize(t, dir, "", c.args...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%v: code %d stderr %q; want %d and %q", c.args, code, errs, c.code, c.want)
		}
	}
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("send:\n  min_gapp: 3s\n"), 0o600)
	code, _, errs := mobilize(t, dir, "", "--config", bad, "roster")
	if code != 1 || !strings.Contains(errs, "send.min_gapp") {
		t.Errorf("bad config: %d %q", code, errs)
	}
}

func TestExportWritesPrivateWorkbook(t *testing.T) {
	dir := t.TempDir()
	mobilize(t, dir, "", "campaign", "create", "--title", "抗疫")
	mobilize(t, dir, "g群|张三|报名 先锋 张三 13800138000", "console")
	out := filepath.Join(dir, "x.xlsx")
	code, stdout, errs := mobilize(t, dir, "", "export", "--out", out)
	if code != 0 || !strings.Contains(stdout, "已导出") {
		t.Fatalf("export: %d %q %q", code, stdout, errs)
	}
	st, err := os.Stat(out)
	if err != nil || st.Mode().Perm() != 0o600 || st.Size() == 0 {
		t.Errorf("workbook %v mode %v", err, st.Mode())
	}
}

func TestDeadlineDateMeansWholeDay(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	got, err := parseDeadline("2026-12-01", loc)
	if err != nil || !got.Equal(time.Date(2026, 12, 2, 0, 0, 0, 0, loc)) {
		t.Errorf("date-only deadline = %v, %v; want the next midnight", got, err)
	}
	got, _ = parseDeadline("2026-12-01T18:00", loc)
	if !got.Equal(time.Date(2026, 12, 1, 18, 0, 0, 0, loc)) {
		t.Errorf("deadline with time = %v", got)
	}
}

func TestDemoRefusesAUsedDatabase(t *testing.T) {
	dir := t.TempDir()
	mobilize(t, dir, "", "campaign", "create", "--title", "真实倡议")
	code, _, errs := mobilize(t, dir, "", "demo")
	if code != 1 || !strings.Contains(errs, "演示只能用新数据库") {
		t.Errorf("demo on a used database: %d %q", code, errs)
	}
}

func TestSecondRunOfOneAccountIsRefused(t *testing.T) {
	dir := t.TempDir()
	store, err := models.Open(filepath.Join(dir, "m.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	// The default account's lease, live, held by a process on another host.
	_, err = store.AcquireLease(context.Background(), models.LeaseRequest{Account: config.DefaultAccountName,
		Holder: "far", Host: "另一台服务器", PID: 4242, TTL: time.Hour})
	store.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, _, errs := mobilize(t, dir, "", "run")
	if code != 1 || !strings.Contains(errs, "账号 默认 正在另一个 mobilize run 中运行（主机 另一台服务器，进程 4242") ||
		!strings.Contains(errs, "同一账号只能运行一处") {
		t.Errorf("second run: %d %q", code, errs)
	}
	code, _, errs = mobilize(t, dir, "", "run", "--account", "值班号9")
	if code != 1 || !strings.Contains(errs, `没有名为 "值班号9" 的账号；配置中的账号：默认`) {
		t.Errorf("run --account of an unknown account: %d %q", code, errs)
	}
}
