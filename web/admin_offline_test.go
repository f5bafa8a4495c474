package web

import (
	"context"
	"testing"
	"time"

	"mobilize/models"
)

// Every staff page carries the offline alert once the bot has been logged
// out longer than bot.offline_alert_minutes (default 10), counted from the
// logout or, when the process stopped beating, from its last heartbeat;
// not before, not while it is online, not when it never ran.
func TestConsoleSaysTheBotIsOffline(t *testing.T) {
	f := newFixture(t, 1)
	c := f.client()
	f.login(c)
	const alert = "未登录微信"
	mustNotContain(t, c.get(f.ts.URL+"/admin"), alert) // never ran
	now := f.store.Now()
	save := func(st models.BotState) {
		t.Helper()
		if err := f.store.SaveBotState(context.Background(), st); err != nil {
			t.Fatal(err)
		}
	}
	save(models.BotState{Online: true, Since: now.Add(-time.Hour), Beat: now})
	mustNotContain(t, c.get(f.ts.URL+"/admin"), alert)
	save(models.BotState{Online: false, Since: now.Add(-9 * time.Minute), Beat: now})
	mustNotContain(t, c.get(f.ts.URL+"/admin"), alert)
	save(models.BotState{Online: false, Since: now.Add(-11*time.Minute - 3*time.Second), Beat: now})
	for _, path := range []string{"/admin", "/admin/audit", "/admin/broadcast"} {
		mustContain(t, c.get(f.ts.URL+path), "告警：机器人已有 11分3秒 未登录微信", "mobilize status")
	}
	// The process died while online: its last beat is the measure.
	save(models.BotState{Online: true, Since: now.Add(-2 * time.Hour), Beat: now.Add(-30 * time.Minute)})
	mustContain(t, c.get(f.ts.URL+"/admin"), "告警：机器人已有 30分 未登录微信")
	// Members never see it.
	mustNotContain(t, c.get(f.ts.URL+"/"), alert)
}
