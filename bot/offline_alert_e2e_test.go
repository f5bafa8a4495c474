package bot_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"mobilize/bot"
	"mobilize/config"
)

// jumpyClock moves step forward at every reading: minutes pass between
// a failed login and the next one without the test waiting for them.
func jumpyClock(step time.Duration) func() time.Time {
	var mu sync.Mutex
	off := time.Duration(0)
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		off += step
		return time.Now().Add(off)
	}
}

// TestAdminsToldOnceBackAfterLongOutage: logins failed for longer than
// bot.offline_alert_minutes; once the bot is back, each admin gets one
// private message saying for how long. A shorter outage says nothing.
func TestAdminsToldOnceBackAfterLongOutage(t *testing.T) {
	for _, c := range []struct {
		name  string
		limit int
		told  bool
	}{{"long outage", 10, true}, {"short outage", 1000, false}} {
		t.Run(c.name, func(t *testing.T) {
			srv := startFake(t)
			srv.FailNextLogin(1203, "当前登录环境异常")
			limit := func(cfg *config.Config) { cfg.Bot.OfflineAlertMinutes = c.limit }
			clock := func(rc *bot.RunnerConfig) { rc.Now = jumpyClock(6 * time.Minute) }
			h := start(t, srv, mustStore(t), options{cfg: limit, runner: clock})
			h.waitOnline(t, 1)
			if c.told {
				if _, err := srv.WaitSent(1, 5*time.Second); err != nil {
					t.Fatal(err)
				}
			} else {
				time.Sleep(300 * time.Millisecond) // the sender's poll
			}
			var notices []string
			for _, m := range srv.Sent() {
				if strings.Contains(m.Content, "未能登录微信") {
					notices = append(notices, m.Content)
				}
			}
			if c.told && (len(notices) != 1 || !strings.Contains(notices[0], "现已恢复登录")) {
				t.Fatalf("notices %q, want one", notices)
			}
			if !c.told && len(notices) != 0 {
				t.Fatalf("notices %q after a short outage", notices)
			}
		})
	}
}
