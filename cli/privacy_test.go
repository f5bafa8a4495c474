package cli

import (
	"strings"
	"testing"
)

// TestNoPhoneInRosterOrReportFromAGroupName: members name their groups,
// and an unbound group's organization is named after it. A phone in that
// name stays out of every console reply, the masked roster (text and
// JSON) and every report format; only roster --full shows it.
func TestNoPhoneInRosterOrReportFromAGroupName(t *testing.T) {
	dir := t.TempDir()
	if code, out, errs := mobilize(t, dir, "", "campaign", "create", "--title", "抗疫"); code != 0 {
		t.Fatalf("create: %d %q %q", code, out, errs)
	}
	script := strings.Join([]string{
		"群B 13800138007|张三|报名 先锋 张三 13900139000",
		"群B 13800138007|张三|捐赠 口罩 5个",
		"群I 139 0000 0400|李四|报名 先锋 李四 13700137000",
	}, "\n")
	code, out, errs := mobilize(t, dir, script, "console")
	if code != 0 {
		t.Fatalf("console: %d %q %q", code, out, errs)
	}
	noPhone := func(what, text string) {
		t.Helper()
		flat := strings.ReplaceAll(text, " ", "")
		for _, p := range []string{"13800138007", "13900000400", "13900139000", "13700137000"} {
			if strings.Contains(flat, p) {
				t.Errorf("%s carries %s:\n%s", what, p, text)
			}
		}
	}
	// Console lines start with the target, which is the group itself:
	// check the texts only.
	for _, line := range strings.Split(out, "\n") {
		if _, text, ok := strings.Cut(line, ": "); ok {
			noPhone("console reply", text)
		}
	}
	for _, args := range [][]string{
		{"roster"}, {"roster", "--json"},
		{"report"}, {"report", "--format", "json"}, {"report", "--format", "md"},
	} {
		code, out, errs := mobilize(t, dir, "", args...)
		if code != 0 {
			t.Fatalf("%v: %d %q", args, code, errs)
		}
		noPhone(strings.Join(args, " "), out)
	}
	if _, out, _ := mobilize(t, dir, "", "roster", "--full"); !strings.Contains(out, "群B 13800138007") || !strings.Contains(out, "13900139000") {
		t.Errorf("roster --full should show everything:\n%s", out)
	}
}
