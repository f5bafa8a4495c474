package cli

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// sqliteEnglish is what SQLite says of these faults; none of it may reach
// a user.
var sqliteEnglish = []string{"malformed", "readonly", "read-only", "disk image", "not a database", "locked", "database or disk is full"}

func noEnglish(t *testing.T, what, s string) {
	t.Helper()
	for _, e := range sqliteEnglish {
		if strings.Contains(s, e) {
			t.Errorf("%s shows SQLite's English %q:\n%s", what, e, s)
		}
	}
}

// corruptFrom overwrites the file from byte off on, as a failing disk or
// a half-copied file leaves it.
func corruptFrom(t *testing.T, path string, off int) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := off; i < len(data); i++ {
		data[i] = byte(0xA5 ^ i)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestCorruptDatabaseSaidInChinese: on a real database with damaged
// pages, commands say in Chinese that the file is damaged and to restore
// the backup; a member's sign-up is answered that nothing was recorded;
// an admin in a private chat is told what to do. Damage in the first
// page stops even the opening, said the same way.
func TestCorruptDatabaseSaidInChinese(t *testing.T) {
	for _, off := range []int{100, 4096, 8192} {
		dir := t.TempDir()
		cfg := filepath.Join(dir, "config.yaml")
		if err := os.WriteFile(cfg, []byte("admins: [王局]\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		script := "群|张三|报名 先锋 张三 13800138000\n"
		for i := range 40 {
			script += "群|成员" + string(rune('A'+i)) + "|报名 储备 李" + string(rune(0x4e00+i)) + " 139001390" + string(rune('1'+i%9)) + string(rune('0'+i/9)) + "\n"
		}
		mobilize(t, dir, "", "--config", cfg, "campaign", "create", "--title", "抗疫")
		mobilize(t, dir, script, "--config", cfg, "console")
		corruptFrom(t, filepath.Join(dir, "m.db"), off)

		code, out, errs := mobilize(t, dir, "", "--config", cfg, "roster")
		noEnglish(t, "roster", out+errs)
		if code != 0 && (!strings.Contains(errs, "数据库文件已损坏") || !strings.Contains(errs, "备份")) {
			t.Errorf("offset %d: roster: %d %q", off, code, errs)
		}
		code, out, errs = mobilize(t, dir, "群|王五|报名 先锋 王五 13700137000\n|王局|统计\n", "--config", cfg, "console")
		noEnglish(t, "console", out+errs)
		switch {
		case code == 0:
			t.Errorf("offset %d: console on a damaged file exited 0: %q", off, out)
		case out == "": // the file did not even open
			if !strings.Contains(errs, "数据库文件已损坏") {
				t.Errorf("offset %d: console: %q", off, errs)
			}
		default:
			replies := strings.Split(strings.TrimSpace(out), "\n→ ")
			if len(replies) != 2 || !strings.Contains(replies[0], "这次提交没有记录") || !strings.Contains(replies[1], "用最近的备份恢复") {
				t.Errorf("offset %d: console replies: %q", off, out)
			}
		}
	}
}

// TestReadOnlyDatabaseSaidInChinese: a real database file the user
// running mobilize may not write (mode 0444; run as nobody when the test
// runs as root, who may write anything) is named read-only in Chinese,
// with the permissions to check, by commands and in chat replies.
func TestReadOnlyDatabaseSaidInChinese(t *testing.T) {
	if asNobody(t) {
		return
	}
	dir := t.TempDir()
	mobilize(t, dir, "", "campaign", "create", "--title", "抗疫")
	if err := os.Chmod(filepath.Join(dir, "m.db"), 0o444); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"roster"}, {"console"}, {"campaign", "list"}} {
		code, out, errs := mobilize(t, dir, "群|张三|报名 先锋 张三 13800138000\n", args...)
		noEnglish(t, strings.Join(args, " "), out+errs)
		if code != 1 || !strings.Contains(errs, "数据库是只读的") || !strings.Contains(errs, "权限") {
			t.Errorf("%v: %d %q %q", args, code, out, errs)
		}
	}
}

// asNobody reruns the calling test as the user nobody when the test runs
// as root, and reports true to the root side, which is done once the
// child passed. The child, and a test run by anyone else, get false and
// run the test's body.
func asNobody(t *testing.T) bool {
	t.Helper()
	if os.Getenv("MOBILIZE_TEST_AS_NOBODY") == "1" || os.Geteuid() != 0 {
		return false
	}
	// The test binary sits in a directory only root may enter: copy it
	// where nobody can run it.
	bin := filepath.Join(sharedTempDir(t), "test.bin")
	src, err := os.Open(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(bin, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	dst.Close()
	cmd := exec.Command(bin, "-test.run=^"+t.Name()+"$", "-test.count=1", "-test.v")
	cmd.Dir = filepath.Dir(bin)
	cmd.Env = append(os.Environ(), "MOBILIZE_TEST_AS_NOBODY=1", "TMPDIR="+filepath.Dir(bin))
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: "+t.Name()) {
		t.Fatalf("as nobody: %v\n%s", err, out)
	}
	return true
}

// sharedTempDir is a temporary directory anyone may enter and write, for
// a child running as another user.
func sharedTempDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "mobilize-nobody-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	return dir
}
