package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mobilize/models"
)

// With several accounts status has one block per account — its session,
// the groups it serves, today's sent / failed / uncertain, its budget left
// — and exits 1 naming the account down too long.
func TestStatusHasABlockPerAccount(t *testing.T) {
	dir := t.TempDir()
	conf := filepath.Join(dir, "c.yaml")
	yaml := "accounts:\n  - {name: 值班号1, session_file: s1.json}\n  - {name: 值班号2, session_file: s2.json, send: {daily_budget: 300}}\n  - {name: 值班号3, session_file: s3.json}\n"
	if err := os.WriteFile(conf, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := models.Open(filepath.Join(dir, "m.db"), nil, models.WithAccounts([]string{"值班号1", "值班号2", "值班号3"}))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	now := time.Now()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.SaveBotState(ctx, models.BotState{Name: "值班号1", Online: true, Method: "hot", Account: "民政局一号", Since: now, Beat: now, PID: os.Getpid(), Groups: 2}))
	at := now.Add(-20 * time.Minute)
	must(s.SaveBotState(ctx, models.BotState{Name: "值班号2", Since: at, Beat: now, PID: os.Getpid(),
		LastError: "会话被拒绝（1102）", LastErrorAt: &at}))
	must(s.NoteServed(ctx, "值班号2", []string{"乙群", "丙群"}))
	for _, text := range []string{"一", "二"} {
		m, _, err := s.EnqueueOutbox(ctx, models.OutboxMessage{Target: "乙群", IsGroup: true, Kind: models.KindNotice, Text: text, Account: "值班号2"}, 0)
		must(err)
		if text == "一" {
			_, err = s.ClaimOutbox(ctx, m.ID)
			must(err)
			must(s.FinishOutbox(ctx, m.ID, models.OutboxOutcome{Status: models.OutboxSent}))
		}
	}
	s.Close()
	code, out, errs := mobilize(t, dir, "", "--config", conf, "status")
	for _, want := range []string{
		"── 账号 值班号1 ──\n微信：在线",
		"── 账号 值班号2 ──\n微信：离线",
		"最近问题：会话被拒绝（1102）",
		"服务的群：2 个；今日已发 1，失败 0，结果不明 0；待发 1；今日预算剩余 299 / 300",
		"── 账号 值班号3 ──\n微信：账号 值班号3 尚未在此数据库上运行过",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s", want, out)
		}
	}
	if code != 1 || !strings.Contains(errs, "值班号2：告警：机器人已有 20分") || strings.Contains(errs, "值班号1：") {
		t.Errorf("exit %d, stderr %q: want 1 naming 值班号2 only", code, errs)
	}
}
