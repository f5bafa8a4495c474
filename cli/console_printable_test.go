package cli

import (
	"strings"
	"testing"
)

// Terminal escapes typed into a group name, a nickname or a pledge item
// through the console (which calls the router directly) are not stored:
// the roster and the report print none.
func TestConsoleStripsTerminalEscapes(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := mobilize(t, dir, "", "campaign", "create", "--title", "抗疫"); code != 0 {
		t.Fatal(errs)
	}
	script := "幸福\x1b[2J小区群|张三\x1b]0;x\x07|报名 先锋 张三 13800138000\n" +
		"幸福\x1b[2J小区群|钱七|捐赠 口罩\x1b[31m 2个\n" +
		"李四13900139000的群|孙八|报名 先锋 孙八 13800138002\n"
	if code, out, errs := mobilize(t, dir, script, "console"); code != 0 || strings.Contains(out, "\x1b") ||
		strings.Contains(out, "13900139000") || !strings.Contains(out, "→ 李四139****9000的群") {
		t.Fatalf("console: %d %q %q", code, out, errs)
	}
	for _, args := range [][]string{{"roster"}, {"report"}, {"orgs", "list"}} {
		code, out, errs := mobilize(t, dir, "", args...)
		if code != 0 || strings.ContainsAny(out, "\x1b\x07") {
			t.Errorf("%v: %d %q %q", args, code, out, errs)
		}
	}
}
