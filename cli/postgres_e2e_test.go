package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"mobilize/internal/pgtest"
)

// TestCommandsAgreeOnBothDatabases runs one bureau's morning — a campaign,
// an organization import, sign-ups, a 接龙, a cancellation with promotion,
// a pledge, a 打卡 — through the command line on a SQLite file and on a
// PostgreSQL database, and requires every command to print the same on
// both: the console's replies, roster, report, status and the close. It
// runs in .ci/run, which starts the server; without one it is skipped.
func TestCommandsAgreeOnBothDatabases(t *testing.T) {
	if pgtest.URL() == "" {
		t.Skip(pgtest.Env + " is not set (.ci/run sets it)")
	}
	dir := t.TempDir()
	csv := "\xEF\xBB\xBF组织名称,类型,群名称,联系人\n广安市营养学会,学会,广安市营养学会志愿群,\n广安市餐饮商会,商会,餐饮商会群,\n"
	if err := os.WriteFile(filepath.Join(dir, "orgs.csv"), []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	morning := strings.Join([]string{
		"广安市营养学会志愿群|张三|报名 先锋 张三 13800138000",
		"广安市营养学会志愿群|李四|报名先锋李四13900139000",
		"餐饮商会群|王五|我报名志愿先锋 王五 13700137000",
		`餐饮商会群|会长|#接龙\n1. 钱七 储备 13800138001\n2. 孙八 储备 13800138002`,
		"广安市营养学会志愿群|张三|取消报名",
		"餐饮商会群|会长|捐赠 N95口罩 2000 个",
		"广安市营养学会志愿群|李四|打卡 核酸检测 3 小时 服务 120 人",
		"广安市营养学会志愿群|李四|我的报名",
	}, "\n")
	steps := [][]string{
		{"campaign", "create", "--title", "抗疫志愿者招募", "--role", "pioneer:志愿先锋:2", "--role", "reserve:储备志愿者:5", "--deadline", "2099-12-01T18:00"},
		{"orgs", "import", filepath.Join(dir, "orgs.csv")},
		{"console"},
		{"roster"},
		{"roster", "--json"},
		{"report"},
		{"orgs", "list"},
		{"campaign", "list"},
		{"campaign", "close", "1"},
		{"roster", "--full"},
	}
	run := func(db string) []string {
		var outs []string
		for _, args := range steps {
			stdin := ""
			if args[0] == "console" {
				stdin = morning
			}
			var out, errb bytes.Buffer
			env := &Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
			code := Run(context.Background(), append([]string{"--db", db}, args...), env)
			outs = append(outs, strings.Join(args, " ")+"\n"+out.String()+errb.String())
			if code != 0 {
				t.Errorf("%s on %s: exit %d\n%s%s", strings.Join(args, " "), db, code, out.String(), errb.String())
			}
		}
		return outs
	}
	lite := run(filepath.Join(dir, "m.db"))
	pgDB := pgtest.Schema(t)
	pg := run(pgDB)
	// Times are masked below; the deadline must read in the configured
	// zone on both (PostgreSQL hands times back in UTC).
	for db, outs := range map[string][]string{"SQLite": lite, "PostgreSQL": pg} {
		if list := outs[slices.IndexFunc(steps, func(a []string) bool { return a[0] == "campaign" && a[1] == "list" })]; !strings.Contains(list, "（截止 2099-12-01 18:00）") {
			t.Errorf("campaign list on %s:\n%s", db, list)
		}
	}
	for i := range steps {
		// The two runs are seconds apart: times are compared as "TIME".
		lite[i], pg[i] = clockTimes.ReplaceAllString(lite[i], "TIME"), clockTimes.ReplaceAllString(pg[i], "TIME")
		if lite[i] != pg[i] {
			t.Errorf("SQLite and PostgreSQL disagree:\n--- SQLite\n%s\n--- PostgreSQL\n%s", lite[i], pg[i])
		}
	}
	var out, errb bytes.Buffer
	book := filepath.Join(dir, "pg.xlsx")
	env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	if code := Run(context.Background(), []string{"--db", pgDB, "export", "--campaign", "1", "--out", book}, env); code != 0 {
		t.Errorf("export from PostgreSQL: exit %d %s%s", code, out.String(), errb.String())
	} else if st, err := os.Stat(book); err != nil || st.Size() == 0 {
		t.Errorf("workbook from PostgreSQL: %v", err)
	}
	if !strings.Contains(lite[2], "已由候补递补") || !strings.Contains(lite[3], "钱七") || !strings.Contains(lite[4], "孙八") {
		t.Errorf("the morning did not happen:\n%s\n%s", lite[2], lite[3])
	}
}

// clockTimes are dates and times as the commands print them.
var clockTimes = regexp.MustCompile(`(\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?)?)|\d{1,2}:\d{2}(:\d{2})?`)
