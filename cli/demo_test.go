package cli

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestDemoThenStatus plays the demo on a database, given after the command
// as people type it (demo --db x; it was refused), then reads the bot's
// recorded state from it as `mobilize status` would in another process.
func TestDemoThenStatus(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := runArgs(t, "", "demo", "--db", filepath.Join(dir, "m.db"))
	if code != 0 {
		t.Fatalf("demo: exit %d\n%s\n%s", code, out, errs)
	}
	outputHas(t, code, out, errs,
		"动员助手 → 广安市营养学会志愿群：✅ 张三（138****8000）报名成功",
		// the morning starts with the initiative to both bound groups, footer last
		"动员助手 → 邻水县蓝天应急救援队群：【报名方式】在本群回复：",
		"「报名 先锋 姓名 手机号」报志愿先锋（3 名）",
		// and the admin's 进度 in a private chat names who answered
		"动员助手 → 李科长：倡议 1「广安市抗疫志愿服务倡议（演示）」（进行中）",
		"组织：已响应 2/2",
		// the one definition of answered (models.Answer): the tally agrees
		// with 进度, and the group the demo never sent to is counted apart
		"另有 1 个未发送的组织有人报名（不计入上面的比例）",
		"组织：已响应 2/2，0 个尚无人报名；另有 1 个未发送的组织有人报名",
		"动员助手 → 广安市慈善会工作群：", // the unsaved group is answered
		"同一 MsgId 只处理一次",
		"候补",
		"递补",
		"138****8000",
		// the morning ends with the daily_tally job's own message, sent to the admin
		"动员助手 → 李科长：【广安市抗疫志愿服务倡议（演示）】")
	// The bot never shows a whole phone number; members' own lines may.
	full := regexp.MustCompile(`1[3-9]\d{9}`)
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "动员助手 →") && full.MatchString(line) {
			t.Errorf("bot line shows a phone number: %q", line)
		}
	}
	if full.MatchString(out[strings.Index(out, "倡议 1：广安市抗疫志愿服务倡议（演示）（共"):]) {
		t.Error("roster shows a whole phone number")
	}

	code, out, errs = mobilize(t, dir, "", "status")
	if code != 0 || !strings.Contains(out, "微信：离线") || !strings.Contains(out, "群：3 个") ||
		!regexp.MustCompile(`今日已发 1\d，失败 0`).MatchString(out) {
		t.Fatalf("status: exit %d\n%s\n%s", code, out, errs)
	}
}
