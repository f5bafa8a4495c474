package web

import (
	"context"
	"fmt"
	"time"

	"mobilize/zhdur"
)

// staleBeat is how old the bot's heartbeat may be before the console
// counts the bot as stopped (the bot beats every 30 s; status uses the same).
const staleBeat = 2 * time.Minute

// offlineBanner is the console's alert, on every staff page, when the bot
// has not been logged in to WeChat for longer than
// bot.offline_alert_minutes: members' sign-ups in the groups then go
// unanswered and nothing queued is sent, and staff on a phone may not see
// the server's terminal. "" while the bot is online, when it never ran, or
// within the limit.
func (s *Server) offlineBanner(ctx context.Context) string {
	limit := s.deps.Config.Bot.OfflineAlertMinutes
	if limit <= 0 {
		return ""
	}
	st, err := s.deps.Store.LoadBotState(ctx)
	if err != nil {
		return ""
	}
	off := st.OfflineFor(s.deps.Store.Now(), true, staleBeat)
	if off <= time.Duration(limit)*time.Minute {
		return ""
	}
	return fmt.Sprintf(txtBotOffline, zhdur.Format(off))
}
