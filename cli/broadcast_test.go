package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// importSample imports three organizations (two tagged 广安区) and writes a
// body file; it returns the body file's path.
func importSample(t *testing.T, dir string) string {
	t.Helper()
	csv := "组织名称,类型,群名称,联系人,标签\n营养学会,学会,营养群,王,广安区;卫生\n川渝商会,商会,商会群,李,前锋区\n慈善总会,慈善组织,慈善群,赵,广安区\n"
	if err := os.WriteFile(filepath.Join(dir, "orgs.csv"), []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := mobilize(t, dir, "", "orgs", "import", filepath.Join(dir, "orgs.csv")); code != 0 {
		t.Fatalf("import: %d %q %q", code, out, errs)
	}
	body := filepath.Join(dir, "倡议书.md")
	if err := os.WriteFile(body, []byte("各位同仁：\n\n请踊跃报名。"), 0o600); err != nil {
		t.Fatal(err)
	}
	return body
}

// sentCampaign imports the sample organizations and broadcasts a campaign
// titled title to all of them; it returns the body file's path.
func sentCampaign(t *testing.T, dir, title string) string {
	t.Helper()
	body := importSample(t, dir)
	if code, _, errs := mobilize(t, dir, "", "broadcast", "--title", title, "--body-file", body, "--to", "all", "--yes"); code != 0 {
		t.Fatalf("broadcast %s: %s", title, errs)
	}
	return body
}

func TestBroadcastPreviewAskAndQueue(t *testing.T) {
	dir := t.TempDir()
	body := importSample(t, dir)
	args := []string{"--title", "抗疫志愿者招募", "--body-file", body, "--to", "tag:广安区", "--role", "p:先锋:3"}
	code, out, errs := mobilize(t, dir, "", append([]string{"broadcast", "preview"}, args...)...)
	if code != 0 || !strings.Contains(out, "将发往 2 个群") || !strings.Contains(out, "营养群（营养学会）") ||
		!strings.Contains(out, "「报名 先锋 姓名 手机号」报先锋（3 名）") || strings.Contains(out, "商会群") {
		t.Fatalf("preview: %d\n%s\n%s", code, out, errs)
	}
	// Asked and refused: nothing queued, no campaign created.
	code, _, errs = mobilize(t, dir, "n\n", append([]string{"broadcast"}, args...)...)
	if code != 1 || !strings.Contains(errs, "已取消") {
		t.Fatalf("refused: %d %s", code, errs)
	}
	if _, out, _ = mobilize(t, dir, "", "campaign", "list"); !strings.Contains(out, "还没有倡议") {
		t.Fatalf("a refused broadcast created a campaign:\n%s", out)
	}
	code, out, _ = mobilize(t, dir, "y\n", append([]string{"broadcast"}, args...)...)
	if code != 0 || !strings.Contains(out, "已排队：倡议 1「抗疫志愿者招募」发往 2 个群") {
		t.Fatalf("queue: %d %s", code, out)
	}
	// The same command again would create a second campaign and send it
	// to both groups again: refused, unless --again.
	code, _, errs = mobilize(t, dir, "", append([]string{"broadcast", "--yes"}, args...)...)
	if code == 0 || !strings.Contains(errs, "已有进行中的同名倡议 1「抗疫志愿者招募」，本次未发送") {
		t.Fatalf("repeated command: %d %s", code, errs)
	}
	// Repeated on the same campaign, widened to all: only the new group.
	code, out, _ = mobilize(t, dir, "", "broadcast", "--campaign", "1", "--to", "all", "--yes")
	if code != 0 || !strings.Contains(out, "发往 1 个群（2 个已发过，跳过）") {
		t.Fatalf("repeat: %d %s", code, out)
	}
	code, out, _ = mobilize(t, dir, "", "broadcast", "--campaign", "1", "--to", "all", "--yes")
	if code != 0 || !strings.Contains(out, "没有新消息排队") {
		t.Fatalf("third time: %d %s", code, out)
	}
	code, out, errs = mobilize(t, dir, "", "broadcast", "status", "1", "--json")
	var st struct {
		Groups []struct{ Group, State string }
		Counts map[string]int
	}
	if code != 0 || json.Unmarshal([]byte(out), &st) != nil || len(st.Groups) != 3 || st.Counts["pending"] != 3 {
		t.Fatalf("status --json: %d %s %s", code, out, errs)
	}
	code, out, _ = mobilize(t, dir, "", "broadcast", "status")
	if code != 0 || !strings.Contains(out, "群：共 3，已送达 0，待发送 3") || !strings.Contains(out, "未响应（3）") {
		t.Fatalf("status: %d %s", code, out)
	}
}

// TestBareCampaignBroadcast is the README's "made first, sent later": a
// campaign from campaign create has no body; broadcast --campaign names the
// way out, --body-file gives it its body and sends it, and a later
// broadcast to more groups sends the same body without one.
func TestBareCampaignBroadcast(t *testing.T) {
	dir := t.TempDir()
	body := importSample(t, dir)
	if code, out, errs := mobilize(t, dir, "", "campaign", "create", "--title", "抗疫志愿者招募"); code != 0 || strings.TrimSpace(out) != "1" {
		t.Fatalf("create: %d %q %q", code, out, errs)
	}
	code, _, errs := mobilize(t, dir, "", "broadcast", "--campaign", "1", "--to", "tag:广安区", "--yes")
	if code != 1 || !strings.Contains(errs, "倡议 1 还没有正文") || !strings.Contains(errs, "--body-file") {
		t.Fatalf("bare campaign: %d %q", code, errs)
	}
	code, out, errs := mobilize(t, dir, "", "broadcast", "preview", "--campaign", "1", "--body-file", body, "--to", "tag:广安区")
	if code != 0 || !strings.Contains(out, "请踊跃报名。") {
		t.Fatalf("preview: %d %s %s", code, out, errs)
	}
	code, out, errs = mobilize(t, dir, "", "broadcast", "--campaign", "1", "--body-file", body, "--to", "tag:广安区", "--yes")
	if code != 0 || !strings.Contains(out, "发往 2 个群") {
		t.Fatalf("send: %d %s %s", code, out, errs)
	}
	code, out, errs = mobilize(t, dir, "", "broadcast", "preview", "--campaign", "1", "--to", "all")
	if code != 0 || !strings.Contains(out, "请踊跃报名。") {
		t.Fatalf("more groups: %d %s %s", code, out, errs)
	}
	other := filepath.Join(dir, "other.md")
	if err := os.WriteFile(other, []byte("另一份"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errs = mobilize(t, dir, "", "broadcast", "--campaign", "1", "--body-file", other, "--to", "all", "--yes")
	if code != 1 || !strings.Contains(errs, "倡议 1 已有正文") {
		t.Fatalf("another body: %d %q", code, errs)
	}
}

func TestBroadcastRefusesBadInput(t *testing.T) {
	dir := t.TempDir()
	body := importSample(t, dir)
	gbk := filepath.Join(dir, "gbk.txt")
	if err := os.WriteFile(gbk, []byte{0xB3, 0xAB, 0xD2, 0xE9}, 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--title", "T", "--body-file", body, "--to", "kind:基金会", "--yes"}, "没有类型为「基金会」"},
		{[]string{"--title", "T", "--body-file", body, "--yes"}, "请指定发送目标"},
		{[]string{"--title", "T", "--body-file", body, "--to", "all", "--image", "nope.png", "--yes"}, "图片「nope.png」不存在"},
		{[]string{"--title", "T", "--to", "all", "--yes"}, "正文不能为空"},
		{[]string{"--title", "T", "--body-file", gbk, "--to", "all", "--yes"}, "不是 UTF-8 编码"},
		{[]string{"--campaign", "9", "--to", "all", "--yes"}, "没有编号为 9 的倡议"},
		{[]string{"--campaign", "1", "--body-file", body, "--to", "all", "--yes"}, "没有编号为 1 的倡议"},
		{[]string{"--campaign", "1", "--title", "T", "--to", "all", "--yes"}, "--campaign 沿用该倡议已有的标题"},
		{[]string{"--campaign", "1", "--role", "p:先锋:3", "--to", "all", "--yes"}, "不能同时给 --title、--role 或 --deadline"},
		{[]string{"--title", "T", "--body-file", body, "--to", "all", "extra", "--yes"}, "多余的参数"},
	}
	for _, tc := range cases {
		code, out, errs := mobilize(t, dir, "", append([]string{"broadcast"}, tc.args...)...)
		if code == 0 || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: %d %q %q, want an error containing %q", tc.args, code, out, errs, tc.want)
		}
	}
	if code, _, errs := mobilize(t, dir, "", "broadcast", "status", "1"); code == 0 || !strings.Contains(errs, "没有编号为 1 的倡议") {
		t.Fatalf("status of nothing: %d %q", code, errs)
	}
}

// TestExitCodesSayWhatHappened: a second identical import says nothing
// changed; campaign close abc says abc is not a number.
func TestExitCodesSayWhatHappened(t *testing.T) {
	dir := t.TempDir()
	importSample(t, dir)
	code, out, errs := mobilize(t, dir, "", "orgs", "import", filepath.Join(dir, "orgs.csv"))
	if code != 0 || !strings.Contains(out, "没有变化") {
		t.Fatalf("second import: %d %q %q", code, out, errs)
	}
	code, _, errs = mobilize(t, dir, "", "campaign", "close", "abc")
	if code != 1 || !strings.Contains(errs, "「abc」不是倡议编号") {
		t.Fatalf("close abc: %d %q", code, errs)
	}
}

func TestOrgsImportReportsConflictsLineByLine(t *testing.T) {
	dir := t.TempDir()
	importSample(t, dir)
	if code, _, errs := mobilize(t, dir, "", "console", "--json"); code != 0 {
		t.Fatal(errs)
	}
	bad := "组织名称,类型,群名称\n新学会,学会,新群\n另一会,学会,新群\n救援队,社会服务机构,商会群\n"
	path := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(path, []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := mobilize(t, dir, "", "orgs", "import", path)
	if code == 0 || !strings.Contains(out, "第 3 行：群「新群」已由第 2 行归入「新学会」，不能再归入「另一会」") ||
		!strings.Contains(out, "第 4 行：群「商会群」现属「川渝商会」") || !strings.Contains(errs, "未导入任何内容") {
		t.Fatalf("conflicts: %d\n%s\n%s", code, out, errs)
	}
	if _, out, _ = mobilize(t, dir, "", "orgs", "list"); strings.Contains(out, "新学会") {
		t.Fatalf("a refused import left rows:\n%s", out)
	}
	moves := "组织名称,类型,群名称\n救援队,社会服务机构,商会群\n"
	if err := os.WriteFile(path, []byte(moves), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, _ = mobilize(t, dir, "", "orgs", "import", "--move", path)
	if code != 0 || !strings.Contains(out, "第 2 行：群「商会群」已由「川渝商会」移到「救援队」") {
		t.Fatalf("move: %d %s", code, out)
	}
	if _, out, _ = mobilize(t, dir, "", "orgs", "list"); !strings.Contains(out, "标签：广安区;卫生") {
		t.Fatalf("tags not listed:\n%s", out)
	}
}

// TestRosterPointsToOtherCampaigns: after a new broadcast the newest
// campaign is empty; a plain roster says where the people signed up so far
// are.
func TestRosterPointsToOtherCampaigns(t *testing.T) {
	dir := t.TempDir()
	body := sentCampaign(t, dir, "甲")
	if code, _, errs := mobilize(t, dir, "营养群|张三|报名 先锋 张三 13800138000\n", "console"); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := mobilize(t, dir, "", "broadcast", "--title", "乙", "--body-file", body, "--to", "all", "--yes"); code != 0 {
		t.Fatal(errs)
	}
	code, out, _ := mobilize(t, dir, "", "roster")
	if code != 0 || !strings.Contains(out, "倡议 2：乙（共 0 条）") || !strings.Contains(out, "倡议 1「甲」1 条：mobilize roster --campaign 1") {
		t.Fatalf("roster: %d\n%s", code, out)
	}
	if _, out, _ = mobilize(t, dir, "", "roster", "--campaign", "1"); strings.Contains(out, "其他倡议") {
		t.Fatalf("roster --campaign 1 notes others:\n%s", out)
	}
}
