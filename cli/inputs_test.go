package cli

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInputsAreBounded: /dev/zero, a FIFO and oversized files given to
// orgs import, --body-file and --config are refused at once in Chinese.
// Before, /dev/zero read until memory ran out and a FIFO blocked forever.
func TestInputsAreBounded(t *testing.T) {
	dir := t.TempDir()
	mobilize(t, dir, "", "campaign", "create", "--title", "抗疫")
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs:", err)
	}
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, []byte(strings.Repeat("字", maxBodyBytes/3+1)), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"orgs", "import", "/dev/zero"}, "不是普通文件"},
		{[]string{"orgs", "import", fifo}, "不是普通文件"},
		{[]string{"campaign", "create", "--title", "新", "--body-file", "/dev/zero"}, "不是普通文件"},
		{[]string{"campaign", "create", "--title", "新", "--body-file", fifo}, "不是普通文件"},
		{[]string{"campaign", "create", "--title", "新", "--body-file", big}, "太大"},
		{[]string{"broadcast", "preview", "--title", "新", "--body-file", big, "--to", "all"}, "太大"},
		{[]string{"--config", "/dev/zero", "orgs", "list"}, "不是普通文件"},
		{[]string{"--config", fifo, "orgs", "list"}, "不是普通文件"},
	}
	for _, c := range cases {
		done := make(chan struct{})
		go func() {
			defer close(done)
			code, _, errs := mobilize(t, dir, "", c.args...)
			if code == 0 || !strings.Contains(errs, c.want) {
				t.Errorf("%v: exit %d, stderr %q; want %q", c.args, code, errs, c.want)
			}
		}()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatalf("%v did not return", c.args)
		}
	}
}

// TestOrgsImportCapsRows: a CSV over maxCSVRows rows is refused whole with
// a message saying how to split it, before anything is written.
func TestOrgsImportCapsRows(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("组织名称,类型,群名称,联系人\n")
	for i := 0; i <= maxCSVRows; i++ {
		b.WriteString("社区,居委会,群,张三\n")
	}
	path := filepath.Join(dir, "orgs.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errs := mobilize(t, dir, "", "orgs", "import", path)
	if code == 0 || !strings.Contains(errs, "拆成") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
}

// TestOrgsImportBadLineLate: a bad line near the end of a file is found
// before the database is opened: nothing is created, the line is named.
func TestOrgsImportBadLineLate(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "orgs.csv")
	csv := "组织名称,类型,群名称,联系人\n广安市营养学会,学会,营养学会群,张三\n广安市餐饮商会,商会,餐饮商会群,李四\n,商会,无名群,\n"
	if err := os.WriteFile(path, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errs := mobilize(t, dir, "", "orgs", "import", path)
	if code != 1 || !strings.Contains(errs, "第 4 行：缺少组织名称") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "m.db")); !os.IsNotExist(err) {
		t.Errorf("a refused file created the database (%v)", err)
	}
}
