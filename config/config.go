// Package config loads the bot's settings: defaults, then a YAML file (unknown
// keys are errors), then the environment, then command-line flags, and
// validates the result so a bad file fails at start-up naming the key.
package config

import (
	"path/filepath"
	"time"
)

// Config is the whole validated configuration.
type Config struct {
	// Database is the SQLite file; its directory is created on open.
	Database string `yaml:"database"`
	// Timezone names the zone days and cron specs are read in.
	Timezone string `yaml:"timezone"`
	// Bot holds the WeChat account's settings.
	Bot Bot `yaml:"bot"`
	// Admins are the 备注 (remarks) of contacts allowed to give admin commands
	// in a private chat. A remark is set by the operator, a nickname by anyone.
	Admins []string `yaml:"admins"`
	// Roles are the default roles of a new campaign.
	Roles []Role `yaml:"roles"`
	// Activities are the service activities members report, with aliases.
	Activities []Activity `yaml:"activities"`
	// Send paces everything the bot sends; it is also the default pacing
	// of every account in AccountSettings.
	Send Send `yaml:"send"`
	// AccountSettings are the WeChat accounts the bot runs, as written;
	// read them through Accounts(), which also covers the implicit one.
	AccountSettings []AccountSetting `yaml:"accounts"`
	// Failover moves a cut-off account's messages to another account.
	Failover Failover `yaml:"failover"`
	// Intake bounds the work done on incoming messages.
	Intake Intake `yaml:"intake"`
	// Log sets the log level.
	Log Log `yaml:"log"`
	// Broadcast shapes the initiative a group receives.
	Broadcast Broadcast `yaml:"broadcast"`
	// Schedules are the cron specs of the scheduled jobs, read in Timezone.
	Schedules Schedules `yaml:"schedules"`
	// Tally says where the daily tally goes besides the admins.
	Tally Tally `yaml:"tally"`
	// Reminders tunes the deadline reminders.
	Reminders Reminders `yaml:"reminders"`
	// Chase tunes the nudges to silent organizations.
	Chase Chase `yaml:"chase"`
	// Web serves the sign-up page and the staff console.
	Web Web `yaml:"web"`
	// Exports says how long 导出 workbooks (full phones) may stay on disk.
	Exports Exports `yaml:"exports"`

	// NoAdmins is set when the file says `admins: []` in so many words:
	// only then may a reload leave the bot with no admin at all.
	NoAdmins bool `yaml:"-"`
	// Location is Timezone loaded; set by Load.
	Location *time.Location `yaml:"-"`
	// live, when set by WithLiveAdmins, holds the admin list a reload
	// replaces; shared by every copy of this Config.
	live *liveAdmins
}

// Bot holds the WeChat account's settings.
type Bot struct {
	// Names are the names members may @-mention the bot by.
	Names []string `yaml:"names"`
	// SessionFile keeps the hot-login session (written with mode 0600)
	// of the implicit account when there is no accounts: list.
	SessionFile string `yaml:"session_file"`
	// OfflineAlertMinutes is how long the bot may be unable to log in
	// before it counts as down: `status` exits 1 (for monitoring), the
	// console shows a banner, and admins get a message once it is back.
	OfflineAlertMinutes int `yaml:"offline_alert_minutes"`
}

// Role is a volunteer role of a campaign.
type Role struct {
	Code          string   `yaml:"code"`
	Name          string   `yaml:"name"`
	Aliases       []string `yaml:"aliases"`
	Quota         int      `yaml:"quota"`
	OrgCap        int      `yaml:"org_cap"`
	PhoneRequired bool     `yaml:"phone_required"`
}

// Activity is a kind of service work and the words members use for it.
type Activity struct {
	Name    string   `yaml:"name"`
	Aliases []string `yaml:"aliases"`
}

// Send paces the outbox so the account is not flagged for spamming.
type Send struct {
	MinGap       Duration `yaml:"min_gap"`
	MaxGap       Duration `yaml:"max_gap"`
	SameChatGap  Duration `yaml:"same_chat_gap"`
	MergeWindow  Duration `yaml:"merge_window"`
	DailyBudget  int      `yaml:"daily_budget"`
	BackoffStart Duration `yaml:"backoff_start"`
	BackoffMax   Duration `yaml:"backoff_max"`
}

// Intake bounds the work on incoming messages.
type Intake struct {
	QueueSize int `yaml:"queue_size"`
	Workers   int `yaml:"workers"`
	// RatePerMinute is how many commands one sender may give a minute;
	// more are dropped silently (no reply, so no flood answered by a flood).
	RatePerMinute int `yaml:"rate_per_minute"`
}

// Broadcast shapes the initiative (倡议) sent to groups.
type Broadcast struct {
	// PartChars is the longest text message: a longer body is split on
	// paragraph boundaries into numbered parts.
	PartChars int `yaml:"part_chars"`
	// MaxBodyChars refuses bodies longer than this (a pasted document by
	// mistake would flood every group).
	MaxBodyChars int `yaml:"max_body_chars"`
}

// Log sets the log level: debug, info, warn or error.
type Log struct {
	Level string `yaml:"level"`
}

// Schedules holds one cron spec per scheduled job (five fields, minute
// first, or a descriptor such as @daily); "" or "off" disables the job.
// The specs are parsed by the scheduler, which names the key on error.
type Schedules struct {
	DailyTally       string `yaml:"daily_tally"`
	DeadlineReminder string `yaml:"deadline_reminder"`
	ChaseSilent      string `yaml:"chase_silent"`
	SummaryToGroups  string `yaml:"summary_to_groups"`
}

// Tally says where the daily tally goes: always the admins' private
// chats, and these groups (by name), such as the bureau's own group.
type Tally struct {
	ToGroups []string `yaml:"to_groups"`
}

// Reminders tunes deadline_reminder: campaigns whose deadline is within
// Window are reminded of.
type Reminders struct {
	Window Duration `yaml:"window"`
}

// Chase tunes chase_silent: a group that received the initiative more than
// After ago with no sign-up gets a nudge, at most Max per campaign.
type Chase struct {
	After Duration `yaml:"after"`
	Max   int      `yaml:"max"`
}

// Exports bounds how long a workbook written for 导出 stays in the exports
// directory: it is deleted once sent, and after KeepDays in any case.
type Exports struct {
	KeepDays int `yaml:"keep_days"`
}

// ExportDir is where workbooks full of phones are written by default:
// exports/ in the data directory, never the current directory.
func (c Config) ExportDir() string {
	return filepath.Join(c.DataDir(), "exports")
}

// Default returns the configuration used when no file is given.
func Default() Config {
	return Config{
		Database: "./data/mobilize.db",
		Timezone: "Asia/Shanghai",
		Bot:      Bot{Names: []string{"动员助手"}, SessionFile: "./data/session.json", OfflineAlertMinutes: 10},
		Roles: []Role{
			{Code: "pioneer", Name: "志愿先锋", Aliases: []string{"先锋", "先锋队员", "志愿先锋"}, Quota: 40, PhoneRequired: true},
			{Code: "reserve", Name: "储备志愿者", Aliases: []string{"储备", "后备", "预备", "储备志愿者"}, Quota: 145, PhoneRequired: true},
		},
		Activities: []Activity{
			{Name: "核酸检测", Aliases: []string{"核酸", "做核酸", "采样"}},
			{Name: "秩序维护", Aliases: []string{"维持秩序", "秩序", "维护秩序"}},
			{Name: "物资配送", Aliases: []string{"配送", "送物资", "物资运送"}},
			{Name: "消杀", Aliases: []string{"消毒", "环境消杀"}},
			{Name: "心理疏导", Aliases: []string{"心理咨询", "心理援助"}},
			{Name: "人员排查", Aliases: []string{"排查", "入户排查"}},
			{Name: "信息录入", Aliases: []string{"录入", "数据录入"}},
		},
		Send: Send{
			MinGap:       Duration(5 * time.Second),
			MaxGap:       Duration(12 * time.Second),
			SameChatGap:  Duration(2 * time.Second),
			MergeWindow:  Duration(20 * time.Second),
			DailyBudget:  1500,
			BackoffStart: Duration(time.Minute),
			BackoffMax:   Duration(30 * time.Minute),
		},
		Intake: Intake{QueueSize: 512, Workers: 4, RatePerMinute: 10},
		Log:    Log{Level: "info"},
		Schedules: Schedules{
			DailyTally:       "0 20 * * *",
			DeadlineReminder: "0 9,15 * * *",
			ChaseSilent:      "0 10 * * *",
			SummaryToGroups:  "off",
		},
		Reminders: Reminders{Window: Duration(48 * time.Hour)},
		Chase:     Chase{After: Duration(24 * time.Hour), Max: 2},
		Web:       DefaultWeb(),
		Broadcast: Broadcast{PartChars: 2000, MaxBodyChars: 20000},
		Exports:   Exports{KeepDays: 7},
		Failover:  Failover{After: 10},
	}
}
