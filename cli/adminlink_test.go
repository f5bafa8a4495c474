package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAdminLinkRefusesBeforeOpening: a missing or unknown admin is refused
// in Chinese and no database (nor its directory) is created.
func TestAdminLinkRefusesBeforeOpening(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "typo")
	for _, args := range [][]string{{"admin-link"}, {"admin-link", "--admin", "某人"}} {
		code, _, errs := mobilize(t, dir, "", args...)
		if code != 1 || !strings.Contains(errs, "admins") {
			t.Errorf("%v: exit %d, %q", args, code, errs)
		}
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("a refused admin-link created %s (%v)", dir, err)
	}
}

// TestAdminsExplained: with no config file, admin-link says there are no
// admins and how to name one (it said X was not in admins); with a config
// whose admins differ it lists them; console warns on stderr that 登录
// will get no answer.
func TestAdminsExplained(t *testing.T) {
	dir := t.TempDir()
	code, _, errs := mobilize(t, dir, "", "admin-link", "--admin", "民政局值班员")
	if code != 1 || !strings.Contains(errs, "没有配置文件，所以没有管理员") || !strings.Contains(errs, "config.example.yaml") {
		t.Fatalf("no config: %d %q", code, errs)
	}
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("admins: [王局]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errs = mobilize(t, dir, "", "--config", cfg, "admin-link", "--admin", "民政局值班员")
	if code != 1 || !strings.Contains(errs, "现有：王局") {
		t.Fatalf("other admins: %d %q", code, errs)
	}
	code, out, errs := mobilize(t, dir, "|民政局值班员|登录\n", "console")
	if code != 0 || out != "" || !strings.Contains(errs, "没有管理员（没有配置文件）") {
		t.Fatalf("console without admins: %d %q %q", code, out, errs)
	}
}
