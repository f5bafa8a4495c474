package handlers

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"

	"mobilize/grammar"
	"mobilize/models"
)

// service handles 打卡: hours (and people served) for the sender's own
// registration, at most 24 hours a day.
func (r *Router) service(c *Context) error {
	if err := problemErr(grammar.Service, c.Cmd.Problem, roleHints{}); err != nil {
		return err
	}
	rec := c.Cmd.Service
	day, ok := resolveDay(rec.Date, c.now)
	if !ok {
		return userErr(txtServiceBadDate)
	}
	res, err := r.deps.Store.AddService(c.Ctx, models.ServiceRequest{GroupName: c.Msg.Group, Sender: c.Msg.Sender,
		MsgID: c.Msg.ID, Day: day, Hours: rec.Hours, People: rec.People, Activity: rec.Activity, Place: rec.Place, Extra: rec.Extra})
	switch {
	case errors.Is(err, models.ErrDayFull):
		return userErr(fmt.Sprintf(txtServiceDayFull, c.senderLabel(), dayLabel(day, c.now), num(res.DayHours), num(rec.Hours)))
	case err != nil && c.Cmd.Spoken:
		return nil // a sentence from someone not registered: chat, not a command
	case err != nil:
		return c.serviceStoreErr(err)
	}
	people := ""
	if rec.People > 0 {
		people = fmt.Sprintf(txtServicePeople, rec.People)
	}
	text := fmt.Sprintf(txtServiceOK, res.Volunteer.Name, dayPrefix(day, c.now), cmp.Or(rec.Activity, txtService),
		num(rec.Hours), people, num(res.DayHours), num(res.TotalHours))
	if c.Cmd.Spoken {
		text += txtUndoServiceHint
	}
	c.Reply(text)
	return nil
}

// undoService handles 撤销打卡: the sender's latest record goes.
func (r *Router) undoService(c *Context) error {
	res, err := r.deps.Store.UndoService(c.Ctx, c.Msg.Group, c.Msg.Sender)
	if errors.Is(err, models.ErrNothingToUndo) {
		return userErr(txtUndoNone)
	}
	if err != nil {
		return c.serviceStoreErr(err)
	}
	c.Reply(fmt.Sprintf(txtUndoOK, dayLabel(res.Log.Day, c.now), cmp.Or(res.Log.Activity, txtService),
		num(res.Log.Hours), num(res.TotalHours)))
	return nil
}

func (c *Context) serviceStoreErr(err error) error {
	switch {
	case errors.Is(err, models.ErrAmbiguous):
		return userErr(txtServiceMany)
	case errors.Is(err, models.ErrNotFound):
		return userErr(fmt.Sprintf(txtServiceNotReg, c.hints().example))
	}
	return err
}

// resolveDay turns what the member typed into a local date, refusing the
// future and anything older than 60 days (a typo, not a late report).
func resolveDay(d grammar.DateSpec, now time.Time) (string, bool) {
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	day := today.AddDate(0, 0, -d.DaysAgo)
	if d.Month != 0 {
		year := cmp.Or(d.Year, now.Year()) // a year typed is kept: 2025-11-20 is not this year's
		day = time.Date(year, time.Month(d.Month), d.Day, 0, 0, 0, 0, now.Location())
		if day.Month() != time.Month(d.Month) { // 2月30日
			return "", false
		}
		if d.Year == 0 && day.After(today) {
			day = day.AddDate(-1, 0, 0)
		}
	}
	if day.After(today) || today.Sub(day) > 60*24*time.Hour {
		return "", false
	}
	return day.Format("2006-01-02"), true
}

// dayLabel is 今天 / 昨天 / 11月20日 for a YYYY-MM-DD date.
func dayLabel(day string, now time.Time) string {
	switch day {
	case now.Format("2006-01-02"):
		return txtToday
	case now.AddDate(0, 0, -1).Format("2006-01-02"):
		return txtYesterday
	}
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		return day
	}
	return fmt.Sprintf(txtMonthDay, t.Month(), t.Day())
}

// dayPrefix names the day in a reply only when it is not today.
func dayPrefix(day string, now time.Time) string {
	if day == now.Format("2006-01-02") {
		return ""
	}
	return dayLabel(day, now) + " "
}

// num prints 4, 3.5, 0.25: two decimals at most (sums of floats drift), no
// trailing zeros.
func num(f float64) string {
	return strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64)
}
