package config

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DefaultAccountName names the one account of a configuration without an
// accounts: list, and the account that rows written before accounts existed
// belong to. It is the only place this name is spelled.
const DefaultAccountName = "默认"

// maxAccountNameRunes bounds an account's name: staff type it after
// --account and read it in status blocks and above a QR code.
const maxAccountNameRunes = 32

// AccountSetting is one entry of the accounts: list as written in the file.
type AccountSetting struct {
	// Name is what staff call the account (值班号1); it is stored with
	// every outbox row the account sends and given to run --account.
	Name string `yaml:"name"`
	// SessionFile keeps this account's hot-login session (mode 0600).
	SessionFile string `yaml:"session_file"`
	// Send overrides the top-level send: pacing for this account only;
	// a key left out keeps the top-level value.
	Send SendOverride `yaml:"send"`
}

// SendOverride holds the send: keys an account may set for itself. A nil
// field was not written and falls back to the top-level send: value, so an
// account can change its daily budget without restating every gap.
type SendOverride struct {
	MinGap       *Duration `yaml:"min_gap"`
	MaxGap       *Duration `yaml:"max_gap"`
	SameChatGap  *Duration `yaml:"same_chat_gap"`
	MergeWindow  *Duration `yaml:"merge_window"`
	DailyBudget  *int      `yaml:"daily_budget"`
	BackoffStart *Duration `yaml:"backoff_start"`
	BackoffMax   *Duration `yaml:"backoff_max"`
}

// Account is one WeChat account the bot runs, resolved: its own pacing is
// complete (top-level send: with the account's overrides applied).
type Account struct {
	Name        string
	SessionFile string
	Send        Send
}

// Accounts returns the accounts the bot runs, in the file's order. Without
// an accounts: list it is the one implicit account DefaultAccountName, with
// bot.session_file and the top-level send:, so a small bureau's single
// account behaves as before accounts existed.
func (c Config) Accounts() []Account {
	if len(c.AccountSettings) == 0 {
		return []Account{{Name: DefaultAccountName, SessionFile: c.Bot.SessionFile, Send: c.Send}}
	}
	out := make([]Account, 0, len(c.AccountSettings))
	for _, a := range c.AccountSettings {
		out = append(out, Account{Name: a.Name, SessionFile: a.SessionFile, Send: a.Send.over(c.Send)})
	}
	return out
}

// Account finds a configured account by name, for run --account.
func (c Config) Account(name string) (Account, bool) {
	for _, a := range c.Accounts() {
		if a.Name == name {
			return a, true
		}
	}
	return Account{}, false
}

// AccountNames lists the configured accounts' names, to say which exist
// when one asked for does not.
func (c Config) AccountNames() []string {
	accounts := c.Accounts()
	names := make([]string, len(accounts))
	for i, a := range accounts {
		names[i] = a.Name
	}
	return names
}

// over returns base with the fields o sets replaced.
func (o SendOverride) over(base Send) Send {
	s := base
	setDuration(&s.MinGap, o.MinGap)
	setDuration(&s.MaxGap, o.MaxGap)
	setDuration(&s.SameChatGap, o.SameChatGap)
	setDuration(&s.MergeWindow, o.MergeWindow)
	setDuration(&s.BackoffStart, o.BackoffStart)
	setDuration(&s.BackoffMax, o.BackoffMax)
	if o.DailyBudget != nil {
		s.DailyBudget = *o.DailyBudget
	}
	return s
}

func setDuration(dst *Duration, v *Duration) {
	if v != nil {
		*dst = *v
	}
}

// validateAccounts checks the accounts: list: every name usable after
// --account and unique, every session file given and owned by one account
// (two accounts sharing one would log each other out), and each account's
// resolved pacing as strict as the top-level send:.
func (c *Config) validateAccounts() error {
	names := map[string]int{}
	files := map[string]int{}
	for i, a := range c.AccountSettings {
		key := fmt.Sprintf("accounts[%d]", i)
		if err := checkAccountName(a.Name); err != nil {
			return fmt.Errorf("%s.name: %s", key, err)
		}
		if j, ok := names[a.Name]; ok {
			return fmt.Errorf("%s.name: 重复的名称 %q（与 accounts[%d] 相同）", key, a.Name, j)
		}
		names[a.Name] = i
		if strings.TrimSpace(a.SessionFile) == "" {
			return fmt.Errorf("%s.session_file: 不能为空，每个账号需要自己的登录文件", key)
		}
		file := filepath.Clean(a.SessionFile)
		if j, ok := files[file]; ok {
			return fmt.Errorf("%s.session_file: 与 accounts[%d] 相同（%s），两个账号会互相顶掉登录", key, j, a.SessionFile)
		}
		files[file] = i
		if err := checkSend(a.Send.over(c.Send), key+".send"); err != nil {
			return err
		}
	}
	return nil
}

// checkAccountName refuses names staff could not type or tell apart.
func checkAccountName(name string) error {
	switch {
	case strings.TrimSpace(name) == "":
		return fmt.Errorf("不能为空")
	case strings.TrimSpace(name) != name:
		return fmt.Errorf("%q 首尾不能有空格", name)
	case utf8.RuneCountInString(name) > maxAccountNameRunes:
		return fmt.Errorf("最长 %d 个字", maxAccountNameRunes)
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return fmt.Errorf("%q 含有控制字符", name)
	}
	return nil
}
