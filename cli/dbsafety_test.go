package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mobilize/models"
)

// run runs the command line with the given arguments only (no --db added).
func runArgs(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb strings.Builder
	env := &Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	code := Run(context.Background(), args, env)
	return code, out.String(), errb.String()
}

// Commands that only look at data say a mistyped database does not exist,
// and leave neither a file nor a directory behind.
func TestReadOnlyCommandsNeverCreateADatabase(t *testing.T) {
	dir := t.TempDir()
	typo := filepath.Join(dir, "dta", "mobilze.db")
	for _, args := range [][]string{
		{"roster"}, {"roster", "--json"}, {"report"}, {"export", "--out", filepath.Join(dir, "x.xlsx")},
		{"status"}, {"campaign", "list"}, {"campaign", "close", "1"}, {"orgs", "list"},
	} {
		code, _, errs := runArgs(t, "", append([]string{"--db", typo}, args...)...)
		if code != 1 || !strings.Contains(errs, "数据库 "+typo+" 不存在") {
			t.Errorf("%v on a missing database: exit %d, stderr %q", args, code, errs)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 0 {
		t.Errorf("read-only commands left %v behind", entries)
	}
}

// A --db naming a file that is not ours is refused with its name, untouched.
func TestCommandsRefuseAFileThatIsNotOurs(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.txt")
	body := "会议纪要：明天九点集合。\n"
	if err := os.WriteFile(notes, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"roster"}, {"campaign", "create", "--title", "x"}, {"console"}, {"demo"}} {
		code, _, errs := runArgs(t, "", append([]string{"--db", notes}, args...)...)
		if code != 1 || !strings.Contains(errs, notes+" 不是 mobilize 的数据库") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
	got, err := os.ReadFile(notes)
	if err != nil || string(got) != body {
		t.Errorf("the file changed: %q %v", got, err)
	}
	code, _, errs := runArgs(t, "", "--db", dir, "roster")
	if code != 1 || !strings.Contains(errs, "不是文件") {
		t.Errorf("a directory as --db: exit %d, stderr %q", code, errs)
	}
}

// The demo runs a whole bot: it refuses any database that holds anything —
// only organizations, or only a running bot's heartbeat.
func TestDemoRefusesAnyDatabaseWithData(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "orgs.csv")
	if err := os.WriteFile(csv, []byte("组织名称,类型,群名称,联系人\n广安市营养学会,学会,营养学会群,\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	orgsOnly := filepath.Join(dir, "orgs.db")
	if code, _, errs := runArgs(t, "", "--db", orgsOnly, "orgs", "import", csv); code != 0 {
		t.Fatalf("import: %q", errs)
	}
	live := filepath.Join(dir, "live.db")
	store, err := models.Open(live, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = store.SaveBotState(context.Background(), models.BotState{Online: true, PID: os.Getppid(), Beat: time.Now(), Since: time.Now()})
	store.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, db := range []string{orgsOnly, live} {
		code, out, errs := runArgs(t, "", "--db", db, "demo")
		if code != 1 || !strings.Contains(errs, "演示只能用新数据库") || strings.Contains(out, "模拟器") {
			t.Errorf("demo on %s: exit %d, stdout %q, stderr %q", filepath.Base(db), code, out, errs)
		}
	}
	store, err = models.OpenExisting(live, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	cs, err := store.Campaigns(context.Background(), false)
	if err != nil || len(cs) != 0 {
		t.Errorf("the refused demo left campaigns %v (%v)", cs, err)
	}
}
