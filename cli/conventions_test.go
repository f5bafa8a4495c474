package cli

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"mobilize/models"
	"mobilize/scheduler"
)

// subcommands lists the subcommands of the commands that dispatch: a new
// dispatcher adds its subcommands here, so each is asked for --help.
var subcommands = map[string][]string{
	"campaign":       {"create", "list", "close"},
	"orgs":           {"import", "list", "assign"},
	"jobs":           {"run"},
	"broadcast":      {"preview", "status"},
	"admin-sessions": {"list", "end"},
}

// helpInvocations is every command and subcommand, each with -h and --help.
func helpInvocations() [][]string {
	var out [][]string
	for name := range commands() {
		for _, h := range []string{"-h", "--help"} {
			out = append(out, []string{name, h})
			for _, sub := range subcommands[name] {
				out = append(out, []string{name, sub, h})
			}
		}
	}
	return append(out, []string{"-h"}, []string{"--help"}, []string{"help"})
}

// --help and -h answer on stdout and exit 0 everywhere, and touch nothing:
// not the database, not WeChat.
func TestHelpEverywhere(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "m.db")
	for _, args := range helpInvocations() {
		code, out, errs := runArgs(t, "", append([]string{"--db", db}, args...)...)
		if code != 0 || !strings.Contains(out, "用法") || errs != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 0 and the usage on stdout", args, code, out, errs)
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("asking for help created the database")
	}
}

// goFlagText is the flag package's own usage: `-config string`, `(default
// 50)`, a tab-indented line. Our usage lines replace it everywhere.
var goFlagText = regexp.MustCompile(`(?m)^\s+-\w[\w-]* (string|int|uint|value)$|\(default |^\s+\t`)

// Every command's help says what it does (a description line, not only the
// synopsis) in our own usage lines; help NAME is NAME --help; jobs names
// every job; broadcast preview does not offer --yes.
func TestHelpSaysWhatEachCommandDoes(t *testing.T) {
	for _, args := range helpInvocations() {
		_, out, _ := runArgs(t, "", args...)
		if goFlagText.MatchString(out) {
			t.Errorf("%v shows the flag package's usage:\n%s", args, out)
		}
	}
	for _, name := range []string{"run", "demo", "status", "roster", "campaign list", "orgs list", "jobs", "broadcast preview", "broadcast status"} {
		args := append(strings.Fields(name), "--help")
		_, out, _ := runArgs(t, "", args...)
		if d := descriptions[name]; d == "" || !strings.Contains(out, d) {
			t.Errorf("%s --help lacks its description:\n%s", name, out)
		}
		_, viaHelp, _ := runArgs(t, "", append([]string{"help"}, strings.Fields(name)...)...)
		if viaHelp != out {
			t.Errorf("help %s differs from %s --help:\n%s", name, name, viaHelp)
		}
	}
	_, out, _ := runArgs(t, "", "jobs", "--help")
	for _, job := range scheduler.JobNames() {
		if !strings.Contains(out, job+" ") || jobDescriptions[job] == "" {
			t.Errorf("jobs --help lacks job %s:\n%s", job, out)
		}
	}
	if _, out, _ := runArgs(t, "", "broadcast", "preview", "--help"); strings.Contains(out, "--yes") {
		t.Errorf("broadcast preview offers --yes:\n%s", out)
	}
	if _, out, _ := runArgs(t, "", "audit", "--help"); !strings.Contains(out, "--last N") || !strings.Contains(out, "（默认 50）") {
		t.Errorf("audit --help:\n%s", out)
	}
}

// Every command that takes no positional argument refuses one; wrong flags
// are named in Chinese; both exit 2 with the usage.
func TestUnknownAndExtraArguments(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "m.db")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"roster", "extra"}, "多余的参数：extra"},
		{[]string{"roster", "1", "--json"}, "多余的参数：1 --json"},
		{[]string{"report", "today"}, "多余的参数"},
		{[]string{"export", "x.xlsx"}, "多余的参数"},
		{[]string{"status", "now"}, "多余的参数"},
		{[]string{"console", "in.txt"}, "多余的参数"},
		{[]string{"run", "now"}, "多余的参数"},
		{[]string{"demo", "again"}, "多余的参数"},
		{[]string{"campaign", "list", "all"}, "多余的参数"},
		{[]string{"campaign", "close", "1", "2"}, "多余的参数：2"},
		{[]string{"campaign", "close"}, "缺少参数"},
		{[]string{"campaign", "create", "--title", "x", "extra"}, "多余的参数"},
		{[]string{"orgs", "list", "all"}, "多余的参数"},
		{[]string{"orgs", "import", "a.csv", "b.csv"}, "多余的参数：b.csv"},
		{[]string{"orgs", "import"}, "缺少参数"},
		{[]string{"jobs", "list"}, "多余的参数：list"},
		{[]string{"jobs", "run"}, "缺少参数"},
		{[]string{"jobs", "run", "daily_tally", "extra"}, "多余的参数：extra"},
		{[]string{"jobs", "run", "--dry-run", "a", "b"}, "多余的参数：b"},
		{[]string{"campaign", "frob"}, "未知子命令"},
		{[]string{"campaign"}, "用法"},
		{[]string{"orgs", "frob"}, "未知子命令"},
		{[]string{"roster", "--bogus"}, "未知参数 -bogus"},
		{[]string{"roster", "--db", "x.db"}, "全局参数要写在命令之前"},
		{[]string{"roster", "--campaign", "abc"}, "参数 -campaign 的值 \"abc\" 无效"},
		{[]string{"roster", "--campaign"}, "参数 -campaign 需要一个值"},
		{[]string{"roster", "--json=maybe"}, "只接受 true 或 false"},
		{[]string{"--bogus", "roster"}, "未知参数 -bogus"},
		{[]string{"frobnicate"}, "未知命令"},
	}
	for _, c := range cases {
		code, _, errs := runArgs(t, "", append([]string{"--db", db}, c.args...)...)
		if code != 2 || !strings.Contains(errs, c.want) || !strings.Contains(errs, "用法") {
			t.Errorf("%v: exit %d, stderr %q; want 2, %q and the usage", c.args, code, errs, c.want)
		}
		if strings.Contains(errs, "flag provided") || strings.Contains(errs, "invalid value") {
			t.Errorf("%v: the flag package's English shows: %q", c.args, errs)
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("a refused command line created the database")
	}
}

// goInternals matches what a user must never read: Go's and the libraries'
// English error texts.
var goInternals = regexp.MustCompile(`(?i)not found|no such|cannot|unmarshal|Go struct|invalid|error|failed|record on line|parse`)

// Errors reaching the user are Chinese, without Go internals.
func TestErrorsAreChineseWithoutGoInternals(t *testing.T) {
	dir := t.TempDir()
	mobilize(t, dir, "", "campaign", "create", "--title", "抗疫")
	if err := os.Mkdir(filepath.Join(dir, "adir"), 0o700); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		stdin string
		args  []string
		want  string
	}{
		{`{"group":"g群","sender":"张三","text":5}`, []string{"console", "--json"}, `字段 "text" 应为字符串`},
		{`[1,2]`, []string{"console", "--json"}, "应为一个 JSON 对象"},
		{`{"group":`, []string{"console", "--json"}, "不是合法的 JSON"},
		{"", []string{"roster", "--campaign", "99"}, "没有编号为 99 的倡议"},
		{"", []string{"roster", "--campaign", "-1"}, "倡议编号应为正整数"},
		{"", []string{"report", "--campaign", "99"}, "没有编号为 99 的倡议"},
		{"", []string{"export", "--campaign", "99", "--out", filepath.Join(dir, "x.xlsx")}, "没有编号为 99 的倡议"},
		{"", []string{"campaign", "close", "99"}, "没有编号为 99 的倡议"},
		{"", []string{"orgs", "import", filepath.Join(dir, "missing.csv")}, "不存在"},
		{"", []string{"orgs", "import", filepath.Join(dir, "adir")}, "是目录"},
		{"", []string{"campaign", "create", "--title", "新", "--body-file", filepath.Join(dir, "missing.txt")}, "不存在"},
		{"", []string{"web", "--listen", "bogus"}, "地址格式应为 主机:端口"},
	}
	for _, c := range cases {
		code, _, errs := mobilize(t, dir, c.stdin, c.args...)
		shown := strings.ReplaceAll(errs, dir, "")
		if code != 1 || !strings.Contains(errs, c.want) || goInternals.MatchString(shown) {
			t.Errorf("%v: exit %d, stderr %q; want 1 and %q in Chinese only", c.args, code, errs, c.want)
		}
	}
}

func TestCampaignCreateRefusals(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--deadline", "2020-01-01T18:00"}, "已经过去"},
		{[]string{"--deadline", time.Now().AddDate(0, 0, -1).Format("2006-01-02T15:04")}, "已经过去"},
		{[]string{"--role", "a:先锋:5", "--role", "b:先锋:5"}, "岗位名称 先锋 重复"},
		{[]string{"--role", "a:先锋:5", "--role", "a:储备:5"}, "岗位代码 a 重复"},
		{[]string{"--role", "c:丙岗位18:5"}, "不能含数字"},
		{[]string{"--role", "c:第２梯队:5"}, "不能含数字"},
		{[]string{"--role", "Pioneer:先锋:5"}, "小写字母"},
		{[]string{"--role", "先锋:先锋:5"}, "小写字母"},
		{[]string{"--role", "p:先锋:0"}, "名额应为正整数"},
	}
	for _, c := range cases {
		code, _, errs := mobilize(t, dir, "", append([]string{"campaign", "create", "--title", "抗疫"}, c.args...)...)
		if code != 1 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 1 and %q", c.args, code, errs, c.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "m.db")); err == nil {
		t.Error("a refused campaign create created the database")
	}
	future := time.Now().AddDate(0, 1, 0).Format("2006-01-02")
	if code, out, errs := mobilize(t, dir, "", "campaign", "create", "--title", "抗疫", "--deadline", future); code != 0 || strings.TrimSpace(out) != "1" {
		t.Fatalf("create: %d %q %q", code, out, errs)
	}
	code, _, errs := mobilize(t, dir, "", "campaign", "create", "--title", "抗疫")
	if code != 1 || !strings.Contains(errs, "已有进行中的同名倡议 1") || !strings.Contains(errs, "--again") {
		t.Errorf("same title again: exit %d, stderr %q", code, errs)
	}
	if code, out, _ := mobilize(t, dir, "", "campaign", "create", "--title", "抗疫", "--again"); code != 0 || strings.TrimSpace(out) != "2" {
		t.Errorf("--again: exit %d, stdout %q", code, out)
	}
	mobilize(t, dir, "", "campaign", "close", "1")
	mobilize(t, dir, "", "campaign", "close", "2")
	if code, out, _ := mobilize(t, dir, "", "campaign", "create", "--title", "抗疫"); code != 0 || strings.TrimSpace(out) != "3" {
		t.Errorf("same title after closing: exit %d, stdout %q", code, out)
	}
}

// Console reads lines of any length: one over 64 KiB is skipped with its
// number, the rest are handled, and the run exits non-zero.
func TestConsoleLongLines(t *testing.T) {
	dir := t.TempDir()
	mobilize(t, dir, "", "campaign", "create", "--title", "抗疫")
	long := "g群|张三|" + strings.Repeat("报", 400<<10)
	nearLimit := "g群|路人|帮助" + strings.Repeat(" ", 60<<10)
	in := strings.Join([]string{"g群|李四|报名 先锋 李四 13900139000", long, nearLimit, "g群|王五|报名 先锋 王五 13700137000"}, "\n")
	code, out, errs := mobilize(t, dir, in, "console")
	if code != 1 || !strings.Contains(errs, "第 2 行: 超过 64 KiB，已跳过") || strings.Contains(errs, "第 3 行") || strings.Contains(errs, "第 4 行") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if strings.Count(out, "报名成功") != 2 || !strings.Contains(out, "→ g群: ") {
		t.Errorf("the lines around the long one were not all handled:\n%.500s", out)
	}
	code, _, errs = mobilize(t, dir, "g群|李四|我的报名", "console")
	if code != 0 || errs != "" {
		t.Errorf("a clean run: exit %d, stderr %q", code, errs)
	}
}

func TestStatusSaysTheProcessIsGone(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	dead := cmd.Process.Pid
	store, err := models.Open(filepath.Join(dir, "m.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	err = store.SaveBotState(context.Background(), models.BotState{Online: true, PID: dead, Beat: time.Now(), Since: time.Now()})
	store.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, out, errs := mobilize(t, dir, "", "status")
	if code != 0 || !strings.Contains(out, "该进程已不在运行：机器人已停止") {
		t.Errorf("status of a dead bot: exit %d\n%s%s", code, out, errs)
	}
}
