package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func noEnv(string) string { return "" }

func TestExampleFileLoadsAndMatchesDefaults(t *testing.T) {
	cfg, err := Load(Overrides{ConfigFile: "../config.example.yaml"}, noEnv)
	if err != nil {
		t.Fatalf("example config: %v", err)
	}
	def, err := Load(Overrides{}, noEnv)
	if err != nil {
		t.Fatalf("defaults: %v", err)
	}
	cfg.Admins, def.Admins = nil, nil
	if !reflect.DeepEqual(cfg.Roles, def.Roles) || !reflect.DeepEqual(cfg.Send, def.Send) ||
		!reflect.DeepEqual(cfg.Activities, def.Activities) || !reflect.DeepEqual(cfg.Intake, def.Intake) ||
		!reflect.DeepEqual(cfg.Web, def.Web) || !reflect.DeepEqual(cfg.Accounts(), def.Accounts()) ||
		cfg.Database != def.Database || cfg.Bot.SessionFile != def.Bot.SessionFile ||
		cfg.Schedules != def.Schedules || cfg.Reminders != def.Reminders || cfg.Chase != def.Chase ||
		len(cfg.Tally.ToGroups) != len(def.Tally.ToGroups) {
		t.Errorf("config.example.yaml drifted from Default():\nfile %+v\ndefault %+v", cfg, def)
	}
}

func TestDefaults(t *testing.T) {
	cfg, err := Load(Overrides{}, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Database != "./data/mobilize.db" || cfg.Location.String() != "Asia/Shanghai" {
		t.Errorf("got db %q tz %v", cfg.Database, cfg.Location)
	}
	if len(cfg.Roles) != 2 || cfg.Roles[0].Quota != 40 || cfg.Roles[1].Quota != 145 || !cfg.Roles[1].PhoneRequired {
		t.Errorf("roles %+v", cfg.Roles)
	}
}

func TestPrecedence(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "c.yaml")
	os.WriteFile(file, []byte("database: file.db\n"), 0o600)
	env := map[string]string{"MOBILIZE_CONFIG": file, "MOBILIZE_DB": "env.db"}
	cfg, err := Load(Overrides{}, func(k string) string { return env[k] })
	if err != nil || cfg.Database != "env.db" {
		t.Errorf("env should beat file: %q %v", cfg.Database, err)
	}
	cfg, err = Load(Overrides{Database: "flag.db"}, func(k string) string { return env[k] })
	if err != nil || cfg.Database != "flag.db" {
		t.Errorf("flag should beat env: %q %v", cfg.Database, err)
	}
	delete(env, "MOBILIZE_DB")
	cfg, _ = Load(Overrides{}, func(k string) string { return env[k] })
	if cfg.Database != "file.db" {
		t.Errorf("file should beat default: %q", cfg.Database)
	}
}

func TestBadFilesNameTheKey(t *testing.T) {
	cases := []struct{ yaml, want string }{
		{"databse: x.db\n", `"databse"`},
		{"send:\n  min_gapp: 1s\n", `"send.min_gapp"`},
		{"roles:\n  - code: pioneer\n    name: 先锋\n    quota: 四十\n", "roles[0].quota"},
		{"roles:\n  - code: pioneer\n    name: 先锋\n    quota: 0\n", "roles[0].quota"},
		{"roles:\n  - code: Pioneer!\n    name: 先锋\n    quota: 3\n", "roles[0].code"},
		{"roles:\n  - {code: a, name: 甲, quota: 1, aliases: [x]}\n  - {code: b, name: 乙, quota: 1, aliases: [x]}\n", "roles[1].aliases"},
		{"send:\n  min_gap: 5\n", "send.min_gap"},
		{"send:\n  min_gap: 10s\n  max_gap: 5s\n", "send.max_gap"},
		{"send:\n  min_gap: 0s\n", "send.min_gap"},
		{"exports:\n  keep_days: 0\n", "exports.keep_days"},
		{"timezone: Mars/Olympus\n", "timezone"},
		{"log:\n  level: loud\n", "log.level"},
		{"admins: 张三\n", "admins"},
		{"intake:\n  workers: 0\n", "intake.workers"},
		{"roles: [\n", "YAML"},
		{"phone_required: yes\n", `"phone_required"`},
		{"schedules:\n  daily_tallly: 0 20 * * *\n", `"schedules.daily_tallly"`},
		{"tally:\n  to_groups: [\"\"]\n", "tally.to_groups[0]"},
		{"reminders:\n  window: 0s\n", "reminders.window"},
		{"reminders:\n  window: 2\n", "reminders.window"},
		{"chase:\n  after: -1h\n", "chase.after"},
		{"chase:\n  max: -1\n", "chase.max"},
		{"chase:\n  max: 两次\n", "chase.max"},
	}
	for _, c := range cases {
		file := filepath.Join(t.TempDir(), "c.yaml")
		os.WriteFile(file, []byte(c.yaml), 0o600)
		_, err := Load(Overrides{ConfigFile: file}, noEnv)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want it to mention %s", c.yaml, err, c.want)
		}
	}
}

func TestDurationsAndEmptyFile(t *testing.T) {
	cfg := Default()
	if err := Parse([]byte("send:\n  merge_window: 1m30s\n"), &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.Send.MergeWindow.D() != 90*time.Second || cfg.Send.MinGap.D() != 5*time.Second {
		t.Errorf("send %+v", cfg.Send)
	}
	if err := Parse([]byte("  \n"), &cfg); err != nil {
		t.Errorf("empty file: %v", err)
	}
}
