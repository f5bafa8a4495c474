package scheduler

import (
	"fmt"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// specParser reads the five-field specs of the config (minute hour
// day-of-month month day-of-week) and descriptors such as @daily.
var specParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// parseSpec reads the spec of config key key. "" and "off" disable the job
// (nil schedule). Errors name the key and are worded for the operator.
// Specs that carry their own time zone (CRON_TZ=, TZ=) or run at a fixed
// interval (@every) are refused: slots are read in the configured zone and
// must fall on the clock, so a restart can tell which slot it missed.
func parseSpec(key, spec string, loc *time.Location) (cron.Schedule, error) {
	spec = strings.TrimSpace(spec)
	switch {
	case spec == "" || strings.EqualFold(spec, "off"):
		return nil, nil
	case strings.HasPrefix(spec, "CRON_TZ=") || strings.HasPrefix(spec, "TZ="):
		return nil, fmt.Errorf(errSpecZone, key, spec)
	case strings.HasPrefix(spec, "@every"):
		return nil, fmt.Errorf(errSpecEvery, key, spec)
	}
	sched, err := specParser.Parse(spec)
	if err != nil {
		return nil, fmt.Errorf(errSpecBad, key, spec)
	}
	return zoned{sched, loc}, nil
}

// zoned reads a schedule in one zone whatever the zone of the time it is
// given: cron's specs otherwise follow the time's own zone, and a slot
// read back from the database is in UTC.
type zoned struct {
	cron.Schedule
	loc *time.Location
}

// Next returns the next activation after t, in the schedule's zone.
func (z zoned) Next(t time.Time) time.Time { return z.Schedule.Next(t.In(z.loc)) }

// prevSlot returns the latest time at or before now that sched fires at,
// looking back further and further (a minute, a day, a year) so both
// minutely and yearly specs are found in a few steps.
func prevSlot(sched cron.Schedule, now time.Time) (time.Time, bool) {
	for _, back := range []time.Duration{2 * time.Minute, 2 * time.Hour, 50 * time.Hour, 32 * 24 * time.Hour, 367 * 24 * time.Hour, 5 * 366 * 24 * time.Hour} {
		t := sched.Next(now.Add(-back))
		if t.IsZero() || t.After(now) {
			continue
		}
		for {
			n := sched.Next(t)
			if n.IsZero() || n.After(now) {
				return t, true
			}
			t = n
		}
	}
	return time.Time{}, false
}

// slotsBetween counts the slots of sched after from and at or before to,
// stopping at limit: how many runs a downtime missed.
func slotsBetween(sched cron.Schedule, from, to time.Time, limit int) int {
	n := 0
	for t := sched.Next(from); !t.IsZero() && !t.After(to) && n < limit; t = sched.Next(t) {
		n++
	}
	return n
}
