package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mobilize/broadcast"
	"mobilize/models"
)

// accountsConfig writes a configuration with two accounts and returns its
// path.
func accountsConfig(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "c.yaml")
	yaml := "accounts:\n  - name: 值班号1\n    session_file: " + filepath.Join(dir, "1.json") +
		"\n  - name: 值班号2\n    session_file: " + filepath.Join(dir, "2.json") + "\n"
	if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// servedOrgs imports the organizations of csv under the configuration
// cfg and records the groups each account serves, as their logins would;
// it returns the store, open.
func servedOrgs(t *testing.T, dir, cfg, csv string, served map[string][]string) *models.Store {
	t.Helper()
	os.WriteFile(filepath.Join(dir, "orgs.csv"), []byte(csv), 0o600)
	if code, _, errs := mobilize(t, dir, "", "--config", cfg, "orgs", "import", filepath.Join(dir, "orgs.csv")); code != 0 {
		t.Fatal(errs)
	}
	store, err := models.Open(filepath.Join(dir, "m.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	for account, groups := range served {
		if err := store.NoteServed(context.Background(), account, groups); err != nil {
			t.Fatal(err)
		}
	}
	return store
}

func TestOrgsAssignAndListShowTheSendingAccount(t *testing.T) {
	dir := t.TempDir()
	cfg := accountsConfig(t, dir)
	csv := "组织名称,类型,群名称,联系人\n广安市营养学会,学会,营养学会群,\n邻水县蓝天救援队,社会服务机构,蓝天群,\n"
	store := servedOrgs(t, dir, cfg, csv, map[string][]string{"值班号1": {"营养学会群", "蓝天群"}, "值班号2": {"营养学会群"}})
	rule, _ := store.GroupOwner(context.Background(), "营养学会群")
	store.Close()
	other := map[string]string{"值班号1": "值班号2", "值班号2": "值班号1"}[rule]

	code, out, errs := mobilize(t, dir, "", "--config", cfg, "orgs", "list")
	if code != 0 || !strings.Contains(out, "营养学会群（"+rule+"）") || !strings.Contains(out, "蓝天群（值班号1）") {
		t.Fatalf("orgs list: %d %q %q", code, out, errs)
	}
	code, out, errs = mobilize(t, dir, "", "--config", cfg, "orgs", "assign", "营养学会群", other)
	if code != 0 || !strings.Contains(out, "今后由 "+other+" 发送（此前："+rule+"）") {
		t.Fatalf("assign: %d %q %q", code, out, errs)
	}
	if _, out, _ = mobilize(t, dir, "", "--config", cfg, "orgs", "list"); !strings.Contains(out, "营养学会群（"+other+"（指定））") {
		t.Fatalf("orgs list after assign: %q", out)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"蓝天群", "值班号2"}, "值班号2 不在群「蓝天群」中，不能向它发送；在该群中的账号：值班号1"},
		{[]string{"蓝天群", "值班号9"}, "没有名为「值班号9」的账号；配置中的账号：值班号1、值班号2"},
		{[]string{"没有的群", "值班号1"}, "没有名为「没有的群」的群"},
	} {
		code, out, errs := mobilize(t, dir, "", append([]string{"--config", cfg, "orgs", "assign"}, c.args...)...)
		if code != 1 || !strings.Contains(errs, c.want) || out != "" {
			t.Errorf("assign %v: %d %q %q, want %q", c.args, code, out, errs, c.want)
		}
	}
	code, out, errs = mobilize(t, dir, "", "--config", cfg, "orgs", "assign", "营养学会群", "自动")
	if code != 0 || !strings.Contains(out, "交回按规则选择：今后由 "+rule+" 发送") {
		t.Fatalf("assign 自动: %d %q %q", code, out, errs)
	}
	_, out, _ = mobilize(t, dir, "", "audit", "--action", "group.owner")
	if strings.Count(out, "营养学会群") != 2 || !strings.Contains(out, "指定群的发送账号") {
		t.Fatalf("audit: %q", out)
	}
}

// One account shows no account anywhere: a small bureau's lists are as
// before.
func TestOrgsListWithOneAccountNamesNoAccount(t *testing.T) {
	dir := t.TempDir()
	csv := "组织名称,类型,群名称,联系人\n广安市营养学会,学会,营养学会群,\n"
	os.WriteFile(filepath.Join(dir, "orgs.csv"), []byte(csv), 0o600)
	mobilize(t, dir, "", "orgs", "import", filepath.Join(dir, "orgs.csv"))
	store, err := models.Open(filepath.Join(dir, "m.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	store.NoteServed(context.Background(), "默认", []string{"营养学会群"})
	store.Close()
	if _, out, _ := mobilize(t, dir, "", "orgs", "list"); strings.Contains(out, "默认") || !strings.Contains(out, "营养学会群") {
		t.Fatalf("orgs list: %q", out)
	}
}

func TestBroadcastStatusNamesTheAccountWithSeveral(t *testing.T) {
	at := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	st := broadcast.Status{CampaignID: 1, Title: "抗疫", Counts: map[string]int{broadcast.StateSent: 1, broadcast.StatePending: 1},
		Accounts: []string{"值班号1", "值班号2"},
		Groups: []broadcast.GroupStatus{
			{Group: "甲群", Organization: "甲会", State: broadcast.StateSent, DeliveredAt: &at, Account: "值班号2"},
			{Group: "乙群", Organization: "乙会", State: broadcast.StatePending},
		}}
	var b strings.Builder
	printStatus(&b, st, time.UTC)
	out := b.String()
	if !strings.Contains(out, "发送账号") || !strings.Contains(out, "值班号2") || !strings.Contains(out, "无账号") {
		t.Fatalf("status:\n%s", out)
	}
	st.Accounts = st.Accounts[:1]
	b.Reset()
	printStatus(&b, st, time.UTC)
	if strings.Contains(b.String(), "发送账号") {
		t.Fatalf("one account, yet an account column:\n%s", b.String())
	}
}
