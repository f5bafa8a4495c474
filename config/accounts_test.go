package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// loadYAML loads text as a configuration file, as mobilize --config does.
func loadYAML(t *testing.T, text string) (Config, error) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "c.yaml")
	if err := os.WriteFile(file, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return Load(Overrides{ConfigFile: file}, noEnv)
}

func TestNoAccountsListIsOneDefaultAccount(t *testing.T) {
	cfg, err := loadYAML(t, "bot:\n  session_file: ./data/s.json\nsend:\n  daily_budget: 900\n")
	if err != nil {
		t.Fatal(err)
	}
	got := cfg.Accounts()
	if len(got) != 1 {
		t.Fatalf("accounts %+v, want one", got)
	}
	a := got[0]
	if a.Name != DefaultAccountName || a.SessionFile != "./data/s.json" || a.Send != cfg.Send || a.Send.DailyBudget != 900 {
		t.Errorf("implicit account %+v, send %+v", a, cfg.Send)
	}
	if _, ok := cfg.Account(DefaultAccountName); !ok {
		t.Errorf("Account(%q) not found", DefaultAccountName)
	}
}

func TestAccountsOverrideOnlyTheSendKeysTheyWrite(t *testing.T) {
	cfg, err := loadYAML(t, `
send:
  min_gap: 6s
  max_gap: 14s
  daily_budget: 1200
accounts:
  - name: 值班号1
    session_file: ./data/one.json
  - name: 值班号2
    session_file: ./data/two.json
    send:
      daily_budget: 300
      max_gap: 20s
`)
	if err != nil {
		t.Fatal(err)
	}
	got := cfg.Accounts()
	if len(got) != 2 || got[0].Name != "值班号1" || got[1].Name != "值班号2" {
		t.Fatalf("accounts %+v", got)
	}
	if got[0].Send != cfg.Send || got[0].SessionFile != "./data/one.json" {
		t.Errorf("值班号1 should keep the top-level pacing: %+v", got[0])
	}
	two := got[1].Send
	if two.DailyBudget != 300 || two.MaxGap.D() != 20*time.Second {
		t.Errorf("值班号2 overrides lost: %+v", two)
	}
	if two.MinGap.D() != 6*time.Second || two.SameChatGap != cfg.Send.SameChatGap || two.BackoffMax != cfg.Send.BackoffMax {
		t.Errorf("值班号2 keys it did not write should come from send: %+v", two)
	}
	if a, ok := cfg.Account("值班号2"); !ok || a.SessionFile != "./data/two.json" {
		t.Errorf("Account(值班号2) = %+v %v", a, ok)
	}
	if _, ok := cfg.Account(DefaultAccountName); ok {
		t.Errorf("with an accounts: list there is no implicit %s account", DefaultAccountName)
	}
	if names := strings.Join(cfg.AccountNames(), ","); names != "值班号1,值班号2" {
		t.Errorf("names %s", names)
	}
}

func TestAccountsOverrideLaterTopLevelSend(t *testing.T) {
	// send: written after accounts: still is every account's default.
	cfg, err := loadYAML(t, "accounts:\n  - {name: a, session_file: a.json}\nsend:\n  daily_budget: 77\n")
	if err != nil {
		t.Fatal(err)
	}
	if b := cfg.Accounts()[0].Send.DailyBudget; b != 77 {
		t.Errorf("budget %d, want the top-level 77", b)
	}
}

func TestBadAccountsNameTheKey(t *testing.T) {
	cases := []struct{ yaml, want string }{
		{"accounts:\n  - {name: 值班号1, session_file: a.json}\n  - {name: 值班号1, session_file: b.json}\n", "accounts[1].name: 重复的名称"},
		{"accounts:\n  - {name: \"\", session_file: a.json}\n", "accounts[0].name: 不能为空"},
		{"accounts:\n  - {session_file: a.json}\n", "accounts[0].name: 不能为空"},
		{"accounts:\n  - {name: \" 值班号1\", session_file: a.json}\n", "accounts[0].name"},
		{"accounts:\n  - {name: \"a\\tb\", session_file: a.json}\n", "accounts[0].name"},
		{"accounts:\n  - {name: " + strings.Repeat("长", 33) + ", session_file: a.json}\n", "accounts[0].name: 最长"},
		{"accounts:\n  - {name: 值班号1}\n", "accounts[0].session_file: 不能为空"},
		{"accounts:\n  - {name: 甲, session_file: ./data/a.json}\n  - {name: 乙, session_file: data/a.json}\n", "accounts[1].session_file"},
		{"accounts:\n  - {name: 甲, session_file: a.json, send: {min_gap: 0s}}\n", "accounts[0].send.min_gap"},
		{"accounts:\n  - {name: 甲, session_file: a.json, send: {max_gap: 1s}}\n", "accounts[0].send.max_gap"},
		{"accounts:\n  - {name: 甲, session_file: a.json, send: {daily_budget: 0}}\n", "accounts[0].send.daily_budget"},
		{"accounts:\n  - {name: 甲, session_file: a.json, send: {daily_budget: 很多}}\n", "accounts[0].send.daily_budget"},
		{"accounts:\n  - {name: 甲, session_file: a.json, send: {min_gap: 5}}\n", "accounts[0].send.min_gap"},
		{"accounts:\n  - {name: 甲, session_file: a.json, sendd: {}}\n", `"accounts[0].sendd"`},
		{"accounts:\n  - {name: 甲, session_file: a.json, send: {names: [x]}}\n", `"accounts[0].send.names"`},
		{"accounts: 值班号1\n", "accounts"},
	}
	for _, c := range cases {
		_, err := loadYAML(t, c.yaml)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want it to mention %s", c.yaml, err, c.want)
		}
	}
}

// TestExampleAccountsBlockLoads uncomments the accounts: example in
// config.example.yaml and loads it, so the documented block cannot drift.
func TestExampleAccountsBlockLoads(t *testing.T) {
	data, err := os.ReadFile("../config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, after, _ := strings.Cut(string(data), "\n# accounts:\n")
	block := []string{"accounts:"}
	for _, line := range strings.Split(after, "\n") {
		if !strings.HasPrefix(line, "#   ") {
			break
		}
		block = append(block, strings.TrimPrefix(line, "# "))
	}
	if len(block) < 2 {
		t.Fatal("config.example.yaml has no commented accounts: example")
	}
	cfg, err := loadYAML(t, strings.Join(block, "\n")+"\n")
	if err != nil {
		t.Fatalf("example accounts block: %v\n%s", err, strings.Join(block, "\n"))
	}
	if got := cfg.Accounts(); len(got) != 2 || got[1].Send.DailyBudget != 800 {
		t.Errorf("example accounts %+v", got)
	}
}
