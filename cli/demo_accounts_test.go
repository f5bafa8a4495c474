package cli

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"mobilize/models"
)

// TestDemoThreeAccounts plays `demo --accounts 3`: three accounts share
// 300 groups through the real client and the simulator; the broadcast's
// audit names each account's groups, the second account is cut off with
// 1102 mid-way, every group gets each message once (the demo counts it
// from the simulator and fails otherwise), each account kept its own gap,
// its rows moved, and status shows each account in Chinese.
func TestDemoThreeAccounts(t *testing.T) {
	if testing.Short() {
		t.Skip("300 groups through three real clients")
	}
	db := filepath.Join(t.TempDir(), "m.db")
	code, out, errs := runArgs(t, "", "demo", "--accounts", "3", "--db", db)
	if code != 0 {
		t.Fatalf("demo: exit %d\n%s\n%s", code, out, errs)
	}
	outputHas(t, code, out, errs,
		"3 个账号均已登录；300 个群",
		"300 个群排队，0 个已发过跳过；目标 all；发送账号：值班号1 ",
		"300 个群每个都收到倡议的 2 条消息各一次：没有重复，没有遗漏",
		"→ 李科长（私聊）：【动员助手】账号 值班号2 已掉线",
		"── 账号 值班号2 ──",
		"会话被微信服务器拒绝（1102）")
	// Cut after at least 20 sends (more may go out meanwhile on a loaded
	// machine), before all of its share.
	cut := regexp.MustCompile(`值班号2 发出 (\d+) 条后被微信踢下线（1102`).FindStringSubmatch(out)
	n := 0
	if cut != nil {
		n, _ = strconv.Atoi(cut[1])
	}
	if n < 20 || len(moves(t, db)) == 0 {
		t.Errorf("值班号2 cut off after %d sends, with nothing left to move:\n%s", n, out)
	}
	gaps := regexp.MustCompile(`(值班号\d)：向群发出 (\d+) 条，相邻两群最短间隔 (\d+)ms（设定 (\d+)ms）`).FindAllStringSubmatch(out, -1)
	if len(gaps) != 3 {
		t.Fatalf("per-account lines: %q\n%s", gaps, out)
	}
	total := 0
	for _, g := range gaps {
		n, _ := strconv.Atoi(g[2])
		got, _ := strconv.Atoi(g[3])
		set, _ := strconv.Atoi(g[4])
		total += n
		if got < set*9/10 {
			t.Errorf("%s sent two groups %d ms apart, under its gap %d ms", g[1], got, set)
		}
	}
	if total != 600 {
		t.Errorf("%d group messages in all, want 600 (300 groups × 2)", total)
	}
	// The admins' notice counts every row handed over, whichever account
	// took it, not only the share of the account that told them.
	told := regexp.MustCompile(`(\d+) 条待发消息转由其他在线账号发送`).FindStringSubmatch(out)
	if told == nil || told[1] != strconv.Itoa(len(moves(t, db))) {
		t.Errorf("the notice tells of %q rows, %d moved", told, len(moves(t, db)))
	}
	for _, m := range moves(t, db) {
		if m.From != "值班号2" || m.To == "值班号2" || m.Reason != "1102" {
			t.Fatalf("move %+v", m)
		}
	}
}

// moves reads the outbox moves recorded in the database at db.
func moves(t *testing.T, db string) []models.OutboxMove {
	t.Helper()
	store, err := models.Open(db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	out, err := store.OutboxMoves(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// --accounts outside 1–5 is refused in words, before anything runs.
func TestDemoAccountsOutOfRange(t *testing.T) {
	for _, n := range []string{"0", "6"} {
		if code, out, errs := runArgs(t, "", "demo", "--accounts", n); code == 0 || !strings.Contains(errs, "--accounts：应在 1 到 5 之间") || out != "" {
			t.Errorf("--accounts %s: %d %q %q", n, code, out, errs)
		}
	}
}
