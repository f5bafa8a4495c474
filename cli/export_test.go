package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// exportFixture makes a database in dir (named db) with one sign-up.
func exportFixture(t *testing.T, dir, db string) func(args ...string) (int, string, string) {
	t.Helper()
	run := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
		code := Run(t.Context(), append([]string{"--db", filepath.Join(dir, db)}, args...), env)
		return code, out.String(), errb.String()
	}
	if code, _, errs := run("campaign", "create", "--title", "抗疫"); code != 0 {
		t.Fatalf("create: %s", errs)
	}
	var out, errb bytes.Buffer
	env := &Env{Stdin: strings.NewReader("g群|张三|报名 先锋 张三 13800138000"), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	if Run(t.Context(), []string{"--db", filepath.Join(dir, db), "console"}, env) != 0 {
		t.Fatalf("console: %s", errb.String())
	}
	return run
}

// rosterStillWorks checks the database survived a refused export.
func rosterStillWorks(t *testing.T, run func(args ...string) (int, string, string)) {
	t.Helper()
	if code, out, errs := run("roster"); code != 0 || !strings.Contains(out, "张三") {
		t.Errorf("database damaged after a refused export: %d %q %q", code, out, errs)
	}
}

func noTempFiles(t *testing.T, dir string) {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".mobilize-export-") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestExportRefusesTheDatabase(t *testing.T) {
	dir := t.TempDir()
	// A database whose name ends in .xlsx, so only the identity check can
	// stop the export.
	run := exportFixture(t, dir, "data.xlsx")
	alias := filepath.Join(t.TempDir(), "alias")
	if err := os.Symlink(dir, alias); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "hard.xlsx")
	if err := os.Link(filepath.Join(dir, "data.xlsx"), hard); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{
		filepath.Join(dir, "data.xlsx"),
		filepath.Join(dir, ".", "sub", "..", "data.xlsx"),
		filepath.Join(alias, "data.xlsx"), // same file through a symlinked directory
		hard,                              // same inode, other name
		filepath.Join(dir, "m.db"),        // not .xlsx at all
	} {
		if code, _, errs := run("export", "--out", out); code != 1 || errs == "" {
			t.Errorf("export --out %s: code %d %q; want refused", out, code, errs)
		}
	}
	rosterStillWorks(t, run)
	noTempFiles(t, dir)
}

func TestCheckOutRefusesWALAndSHM(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "m.xlsx")
	for _, name := range []string{"m.xlsx-wal", "m.xlsx-shm"} {
		os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o600)
	}
	// A -wal/-shm named by another spelling, existing or not.
	for _, db := range []string{db, filepath.Join(dir, "sub", "..", "m.xlsx")} {
		for _, out := range []string{db, db + "-wal", db + "-shm"} {
			if err := checkOut(out, db); err == nil {
				t.Errorf("checkOut(%s, %s) accepted the database", out, db)
			}
		}
	}
	if err := checkOut(filepath.Join(dir, "fresh.xlsx"), db); err != nil {
		t.Errorf("a fresh name next to the database should be accepted: %v", err)
	}
}

func TestExportRefusesFilesThatAreNotWorkbooks(t *testing.T) {
	dir := t.TempDir()
	run := exportFixture(t, dir, "m.db")
	notes := filepath.Join(dir, "notes.xlsx")
	os.WriteFile(notes, []byte("会议纪要，不是表格"), 0o644)
	zipNotXLSX := filepath.Join(dir, "photos.xlsx")
	os.WriteFile(zipNotXLSX, []byte("PK\x03\x04 but not a workbook"), 0o644)
	empty := filepath.Join(dir, "empty.xlsx")
	os.WriteFile(empty, nil, 0o644)
	for _, out := range []string{notes, zipNotXLSX, empty, dir + "/sub.xlsx"} {
		if out == dir+"/sub.xlsx" {
			os.Mkdir(out, 0o700)
		}
		before, _ := os.ReadFile(out)
		if code, _, errs := run("export", "--out", out); code != 1 || !strings.Contains(errs, "不") {
			t.Errorf("export --out %s: code %d %q; want refused", out, code, errs)
		}
		if after, _ := os.ReadFile(out); !bytes.Equal(before, after) {
			t.Errorf("%s was changed by a refused export", out)
		}
	}
	noTempFiles(t, dir)
}

func TestExportNeverFollowsSymlinks(t *testing.T) {
	dir := t.TempDir()
	run := exportFixture(t, dir, "m.db")
	// Even a link to a real workbook is refused: the link is not followed
	// and not replaced.
	book := filepath.Join(dir, "book.xlsx")
	if code, _, errs := run("export", "--out", book); code != 0 {
		t.Fatalf("first export: %s", errs)
	}
	for _, target := range []string{book, filepath.Join(dir, "m.db"), filepath.Join(dir, "missing.xlsx")} {
		link := filepath.Join(dir, "link.xlsx")
		os.Remove(link)
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
		if code, _, errs := run("export", "--out", link); code != 1 || !strings.Contains(errs, "符号链接") {
			t.Errorf("export onto a symlink to %s: %d %q", target, code, errs)
		}
		if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
			t.Errorf("the symlink was replaced")
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "missing.xlsx")); err == nil {
		t.Errorf("the export followed a dangling symlink")
	}
	rosterStillWorks(t, run)
}

func TestExportReplacesAWorkbookPrivately(t *testing.T) {
	dir := t.TempDir()
	run := exportFixture(t, dir, "m.db")
	out := filepath.Join(dir, "x.xlsx")
	if code, _, errs := run("export", "--out", out); code != 0 {
		t.Fatalf("export: %s", errs)
	}
	os.Chmod(out, 0o644)
	if code, stdout, errs := run("export", "--out", out); code != 0 || !strings.Contains(stdout, "已导出") {
		t.Fatalf("re-export over a workbook: %d %q %q", code, stdout, errs)
	}
	st, err := os.Stat(out)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("re-exported workbook: %v, mode %v; want 0600", err, st.Mode())
	}
	noTempFiles(t, dir)
}

func TestReportFormats(t *testing.T) {
	dir := t.TempDir()
	run := exportFixture(t, dir, "m.db")
	code, out, errs := run("report", "--format", "md")
	if code != 0 || !strings.Contains(out, "| 岗位 | 名额 | 已确认") || !strings.Contains(out, "| 志愿先锋 | 40 | 1 |") {
		t.Errorf("md: %d %q %q", code, out, errs)
	}
	code, out, errs = run("report")
	if code != 0 || !strings.Contains(out, "报名：确认 1 人（今日 +1）") || strings.Contains(out, "13800138000") {
		t.Errorf("text: %d %q %q", code, out, errs)
	}
	if code, _, errs := run("report", "--format", "xml"); code == 0 || !strings.Contains(errs, "--format 应为") {
		t.Errorf("bad format: %d %q", code, errs)
	}
}

// export without --out writes under exports/ beside the database (not the
// directory the command ran in) and says the file is swept; a remark that
// spells a phone out is masked by roster without --full.
func TestExportDefaultsToTheDataDirectory(t *testing.T) {
	dir := t.TempDir()
	run := exportFixture(t, dir, "m.db")
	wd, _ := os.Getwd()
	code, out, errs := run("export")
	if code != 0 || !strings.Contains(out, "天后由机器人自动删除") {
		t.Fatalf("export: %d %q %q", code, out, errs)
	}
	books, _ := filepath.Glob(filepath.Join(dir, "exports", "mobilize-1-*.xlsx"))
	if len(books) != 1 {
		t.Fatalf("workbooks under exports/: %v (%s)", books, out)
	}
	if stray, _ := filepath.Glob(filepath.Join(wd, "mobilize-*.xlsx")); len(stray) != 0 {
		t.Errorf("export wrote into the working directory: %v", stray)
	}
}

// TestReportDates: a future day is refused; a past day's report says 当日,
// never 今日, and its heading carries the year.
func TestReportDates(t *testing.T) {
	dir := t.TempDir()
	sentCampaign(t, dir, "甲")
	now := time.Now().In(time.FixedZone("CST", 8*3600))
	future := now.AddDate(0, 0, 2).Format("2006-01-02")
	if code, _, errs := mobilize(t, dir, "", "report", "--date", future); code != 1 || !strings.Contains(errs, "还没有到") {
		t.Fatalf("future date: %d %q", code, errs)
	}
	past := now.AddDate(0, 0, -3)
	code, out, errs := mobilize(t, dir, "", "report", "--date", past.Format("2006-01-02"))
	if code != 0 || strings.Contains(out, "今日") || !strings.Contains(out, fmt.Sprintf("%d年%d月%d日统计", past.Year(), past.Month(), past.Day())) {
		t.Fatalf("past date: %d %q %q", code, out, errs)
	}
	if _, out, _ = mobilize(t, dir, "", "report"); !strings.Contains(out, "今日") {
		t.Fatalf("today's report lacks 今日:\n%s", out)
	}
}
