package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestAuditShowsBroadcastsAndClosures: a broadcast queued from the command
// line and the campaign's closing are in the audit log, with who, which
// campaign and how many groups, and `audit` shows them (filtered, as JSON
// lines, the last N); it never creates a database.
func TestAuditShowsBroadcastsAndClosures(t *testing.T) {
	if code, _, errs := mobilize(t, t.TempDir(), "", "audit"); code != 1 || !strings.Contains(errs, "数据库") {
		t.Fatalf("audit of no database: %d %q", code, errs)
	}
	dir := t.TempDir()
	body := importSample(t, dir)
	if code, out, errs := mobilize(t, dir, "", "broadcast", "--title", "抗疫志愿者招募", "--body-file", body,
		"--to", "tag:广安区", "--yes"); code != 0 {
		t.Fatalf("broadcast: %d %s %s", code, out, errs)
	}
	// Closing says what it withdrew, not only the audit log (issue 15).
	if code, out, errs := mobilize(t, dir, "", "campaign", "close", "1"); code != 0 ||
		!strings.Contains(out, "撤回了尚未发出的倡议消息 4 条（2 个群没有收到）") {
		t.Fatalf("close: %d %s %s", code, out, errs)
	}
	code, out, errs := mobilize(t, dir, "", "audit")
	for _, want := range []string{"时间", "命令行", "发布倡议", "倡议 1「抗疫志愿者招募」：2 个群排队，0 个已发过跳过；目标 tag:广安区",
		"关闭倡议", "倡议 1；撤回未发出的消息 4 条（2 个群）"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("audit lacks %q: %d\n%s%s", want, code, out, errs)
		}
	}
	code, out, _ = mobilize(t, dir, "", "audit", "--action", "broadcast.queue", "--json")
	var row auditRow
	if code != 0 || strings.Count(out, "\n") != 1 || json.Unmarshal([]byte(out), &row) != nil || row.Actor != "cli" {
		t.Fatalf("audit --action --json: %d %q", code, out)
	}
	if code, out, _ = mobilize(t, dir, "", "audit", "--last", "1"); code != 0 || strings.Contains(out, "发布倡议") {
		t.Fatalf("audit --last 1: %d\n%s", code, out)
	}
	if code, out, _ = mobilize(t, dir, "", "audit", "--action", "关闭倡议"); code != 0 || !strings.Contains(out, "撤回未发出") {
		t.Fatalf("audit --action in Chinese: %d\n%s", code, out)
	}
	for _, english := range []string{"groups queued", "unsent withdrawn", "broadcast.queue", "cli "} {
		if strings.Contains(out, english) {
			t.Errorf("audit shows %q:\n%s", english, out)
		}
	}
	code, _, errs = mobilize(t, dir, "", "audit", "--action", "bogus")
	if code != 1 || !strings.Contains(errs, "broadcast.queue") || !strings.Contains(errs, "查看完整手机号") {
		t.Fatalf("audit --action bogus: %d %q", code, errs)
	}
}
