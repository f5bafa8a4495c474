package handlers

import (
	"time"

	"mobilize/ratelimit"
)

// RateLimit lets one sender give perMinute commands a minute in one chat;
// more are dropped without an answer, so a flood is not answered by a flood.
// It runs before Dedupe, so a dropped message writes no inbound row.
func RateLimit(perMinute int, now func() time.Time) Middleware {
	return limitWith(ratelimit.New(perMinute, time.Minute), now)
}

// limitWith is RateLimit on a limiter the caller keeps, so the admin words
// and 登录 of one private chat share one budget.
func limitWith(l *ratelimit.Limiter, now func() time.Time) Middleware {
	return func(next HandlerFunc) HandlerFunc {
		return func(c *Context) error {
			if !l.Allow(c.Msg.Group+"\x00"+c.Msg.Sender, now()) {
				return nil
			}
			return next(c)
		}
	}
}
