package config

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	_ "time/tzdata" // Asia/Shanghai must load on machines without a zoneinfo database
)

var roleCode = regexp.MustCompile(`^[a-z][a-z0-9_]{0,31}$`)

// validate checks every value a typo could break and loads the time zone.
// Each message names the key.
func (c *Config) validate() error {
	if err := c.validateDatabase(); err != nil {
		return err
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		return fmt.Errorf("timezone: 未知时区 %q（例如 Asia/Shanghai）", c.Timezone)
	}
	c.Location = loc
	for i, a := range c.Admins {
		if strings.TrimSpace(a) == "" {
			return fmt.Errorf("admins[%d]: 备注不能为空", i)
		}
	}
	if c.Bot.OfflineAlertMinutes < 1 {
		return fmt.Errorf("bot.offline_alert_minutes: 至少 1 分钟")
	}
	checks := []func() error{c.validateRoles, c.validateActivities, c.validateSend, c.validateAccounts, c.validateFailover, c.validateIntake, c.validateLog, c.validateJobs, c.validateWeb, c.validateBroadcast}
	for _, check := range checks {
		if err := check(); err != nil {
			return err
		}
	}
	return nil
}

func (c *Config) validateRoles() error {
	if len(c.Roles) == 0 {
		return fmt.Errorf("roles: 至少需要一个角色")
	}
	codes := map[string]bool{}
	aliases := map[string]string{}
	for i, r := range c.Roles {
		key := fmt.Sprintf("roles[%d]", i)
		if !roleCode.MatchString(r.Code) {
			return fmt.Errorf("%s.code: %q 应为小写英文字母开头的代码，如 pioneer", key, r.Code)
		}
		if codes[r.Code] {
			return fmt.Errorf("%s.code: %q 重复", key, r.Code)
		}
		codes[r.Code] = true
		if strings.TrimSpace(r.Name) == "" {
			return fmt.Errorf("%s.name: 不能为空", key)
		}
		if r.Quota < 1 {
			return fmt.Errorf("%s.quota: 名额应为正整数，现为 %d", key, r.Quota)
		}
		if r.OrgCap < 0 || r.OrgCap > r.Quota {
			return fmt.Errorf("%s.org_cap: 应在 0（不限）到 quota（%d）之间，现为 %d", key, r.Quota, r.OrgCap)
		}
		for _, a := range append([]string{r.Name}, r.Aliases...) {
			if other, ok := aliases[a]; ok && other != r.Code {
				return fmt.Errorf("%s.aliases: 别名 %q 已被角色 %s 使用", key, a, other)
			}
			aliases[a] = r.Code
		}
	}
	return nil
}

func (c *Config) validateActivities() error {
	seen := map[string]bool{}
	for i, a := range c.Activities {
		if strings.TrimSpace(a.Name) == "" {
			return fmt.Errorf("activities[%d].name: 不能为空", i)
		}
		for _, w := range append([]string{a.Name}, a.Aliases...) {
			if seen[w] {
				return fmt.Errorf("activities[%d]: 名称或别名 %q 重复", i, w)
			}
			seen[w] = true
		}
	}
	return nil
}

func (c *Config) validateSend() error { return checkSend(c.Send, "send") }

// checkSend checks one pacing, the top-level send: or an account's
// resolved one; key is where it was written, so the message names it.
func checkSend(s Send, key string) error {
	switch {
	case s.MinGap < Duration(time.Second):
		return fmt.Errorf("%s.min_gap: 至少 1s（更快的发送会被微信判为刷屏），现为 %s", key, s.MinGap.D())
	case s.MaxGap < s.MinGap:
		return fmt.Errorf("%s.max_gap: %s 小于 min_gap %s", key, s.MaxGap.D(), s.MinGap.D())
	case s.SameChatGap < 0:
		return fmt.Errorf("%s.same_chat_gap: 不能为负", key)
	case s.MergeWindow < 0:
		return fmt.Errorf("%s.merge_window: 不能为负", key)
	case s.DailyBudget < 1:
		return fmt.Errorf("%s.daily_budget: 应为正整数", key)
	case s.BackoffStart <= 0:
		return fmt.Errorf("%s.backoff_start: 应大于 0", key)
	case s.BackoffMax < s.BackoffStart:
		return fmt.Errorf("%s.backoff_max: 小于 backoff_start", key)
	}
	return nil
}

func (c *Config) validateIntake() error {
	switch {
	case c.Intake.QueueSize < 1:
		return fmt.Errorf("intake.queue_size: 应为正整数")
	case c.Intake.Workers < 1 || c.Intake.Workers > 64:
		return fmt.Errorf("intake.workers: 应在 1 到 64 之间")
	case c.Intake.RatePerMinute < 1:
		return fmt.Errorf("intake.rate_per_minute: 应为正整数")
	}
	return nil
}

func (c *Config) validateLog() error {
	switch c.Log.Level {
	case "debug", "info", "warn", "error":
		return nil
	}
	return fmt.Errorf("log.level: 应为 debug、info、warn 或 error，而不是 %q", c.Log.Level)
}

func (c *Config) validateBroadcast() error {
	b := c.Broadcast
	switch {
	case b.PartChars < 200 || b.PartChars > 5000:
		return fmt.Errorf("broadcast.part_chars: 应在 200 到 5000 之间，现为 %d", b.PartChars)
	case b.MaxBodyChars < b.PartChars:
		return fmt.Errorf("broadcast.max_body_chars: 不能小于 broadcast.part_chars（%d）", b.PartChars)
	}
	return nil
}

// validateJobs checks the scheduled jobs' settings. The cron specs are
// checked by the scheduler (the cron parser lives there), also at start-up.
func (c *Config) validateJobs() error {
	for i, g := range c.Tally.ToGroups {
		if strings.TrimSpace(g) == "" {
			return fmt.Errorf("tally.to_groups[%d]: 群名不能为空", i)
		}
	}
	switch {
	case c.Reminders.Window <= 0:
		return fmt.Errorf("reminders.window: 应大于 0，如 48h")
	case c.Chase.After <= 0:
		return fmt.Errorf("chase.after: 应大于 0，如 24h")
	case c.Chase.Max < 0 || c.Chase.Max > 10:
		return fmt.Errorf("chase.max: 应在 0（不催）到 10 之间，现为 %d", c.Chase.Max)
	case c.Exports.KeepDays < 1 || c.Exports.KeepDays > 365:
		return fmt.Errorf("exports.keep_days: 应在 1 到 365 天之间，现为 %d", c.Exports.KeepDays)
	}
	return nil
}
