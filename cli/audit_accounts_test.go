package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// With two accounts, a broadcast's audit record says how many of its
// groups each account was given, and a group no account serves yet.
func TestBroadcastAuditNamesTheAccounts(t *testing.T) {
	dir := t.TempDir()
	cfg := accountsConfig(t, dir)
	csv := "组织名称,类型,群名称,联系人\n广安市营养学会,学会,营养学会群,\n邻水县蓝天救援队,社会服务机构,蓝天群,\n" +
		"广安市餐饮商会,商会,餐饮群,\n华蓥市慈善会,慈善组织,慈善群,\n"
	servedOrgs(t, dir, cfg, csv, map[string][]string{"值班号1": {"营养学会群", "蓝天群"}, "值班号2": {"餐饮群"}}).Close()
	body := filepath.Join(dir, "倡议书.md")
	os.WriteFile(body, []byte("请踊跃报名。"), 0o600)
	if code, _, errs := mobilize(t, dir, "", "--config", cfg, "broadcast", "--title", "防汛", "--body-file", body, "--to", "all", "--yes"); code != 0 {
		t.Fatalf("broadcast: %s", errs)
	}
	code, out, errs := mobilize(t, dir, "", "--config", cfg, "audit", "--action", "发布倡议")
	want := "4 个群排队，0 个已发过跳过；目标 all；发送账号：值班号1 2 个群、值班号2 1 个群、暂无账号 1 个群（等在群中的账号登录）"
	if code != 0 || !strings.Contains(out, want) {
		t.Fatalf("audit: %d %q %q\nwant %q", code, out, errs, want)
	}
}

// With one account the record names none, as before accounts existed.
func TestBroadcastAuditWithOneAccountNamesNone(t *testing.T) {
	dir := t.TempDir()
	sentCampaign(t, dir, "防汛")
	code, out, _ := mobilize(t, dir, "", "audit", "--action", "发布倡议")
	if code != 0 || !strings.Contains(out, "目标 all") || strings.Contains(out, "发送账号") || strings.Contains(out, "默认") {
		t.Fatalf("audit: %d %q", code, out)
	}
}
