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

// status names the admin no friend of the bot has as 备注: what is sent to
// them waits (never to a nickname), and the operator must know who.
func TestStatusNamesAdminsWithoutContact(t *testing.T) {
	dir := t.TempDir()
	s, err := models.Open(filepath.Join(dir, "m.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	if err := s.SaveBotState(context.Background(), models.BotState{Online: true, Since: now, Beat: now, PID: os.Getpid(),
		NoContact: "民政局值班员"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	code, out, errs := mobilize(t, dir, "", "status")
	if code != 0 || !strings.Contains(out, "管理员无对应联系人：民政局值班员") || !strings.Contains(out, "不会按昵称发送") {
		t.Fatalf("status: %d %s %s", code, out, errs)
	}
}

// status tells the heartbeat's age in Chinese (4分17秒前), not Go's 4m17s.
func TestStatusHeartbeatInChinese(t *testing.T) {
	dir := t.TempDir()
	s, err := models.Open(filepath.Join(dir, "m.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	beat := now.Add(-(4*time.Minute + 17*time.Second))
	if err := s.SaveBotState(context.Background(), models.BotState{Online: true, Since: beat, Beat: beat, PID: os.Getpid()}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, out, errs := mobilize(t, dir, "", "status")
	if !strings.Contains(out, "心跳 4分1") || strings.Contains(out, "m17s") {
		t.Fatalf("status: %s %s", out, errs)
	}
}

// status exits 1 once the bot has been offline beyond
// bot.offline_alert_minutes (10), and 0 before: a monitoring check sees it.
func TestStatusExitsOneWhenOfflineTooLong(t *testing.T) {
	for _, c := range []struct {
		name   string
		online bool
		off    time.Duration
		code   int
	}{
		{"online", true, time.Hour, 0},
		{"offline briefly", false, 9 * time.Minute, 0},
		{"offline too long", false, 11 * time.Minute, 1},
	} {
		dir := t.TempDir()
		s, err := models.Open(filepath.Join(dir, "m.db"), nil)
		if err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		if err := s.SaveBotState(context.Background(), models.BotState{Online: c.online, Since: now.Add(-c.off),
			Beat: now, PID: os.Getpid()}); err != nil {
			t.Fatal(err)
		}
		s.Close()
		code, out, errs := mobilize(t, dir, "", "status")
		if code != c.code || (c.code == 1) != strings.Contains(errs, "告警：机器人已有 11分") {
			t.Errorf("%s: exit %d\n%s%s", c.name, code, out, errs)
		}
	}
}
