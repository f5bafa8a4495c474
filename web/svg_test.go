package web

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"mobilize/models"
)

func TestNiceTop(t *testing.T) {
	for _, tc := range []struct{ v, top, step int }{
		{0, 4, 1}, {3, 4, 1}, {5, 5, 1}, {9, 10, 2}, {40, 40, 10}, {41, 50, 10}, {145, 150, 50}, {1960, 2000, 500}, {99, 100, 20},
	} {
		top, step := niceTop(tc.v)
		if top < tc.v || top != tc.top || step != tc.step {
			t.Errorf("niceTop(%d) = %d, %d; want %d, %d", tc.v, top, step, tc.top, tc.step)
		}
	}
}

// wellFormed parses an SVG fragment as XML, so a chart never breaks the
// page it sits in.
func wellFormed(t *testing.T, svg string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("SVG not well formed: %v\n%s", err, svg)
		}
	}
}

func TestChartsAreWellFormedAndEscapeLabels(t *testing.T) {
	line := lineChart("报名<趋势>", []string{"11-23", "11-24", "11-25"},
		[]series{{Name: "志愿先锋", Values: []int{1, 3, 40}, Limit: 40}, {Name: "储备&后备", Values: []int{0, 2, 5}}})
	wellFormed(t, string(line))
	if !strings.Contains(string(line), "储备&amp;后备") || strings.Count(string(line), "<polyline") != 2 {
		t.Errorf("line chart:\n%s", line)
	}
	bars := barChart("各组织", []string{"已确认", "候补"}, []bar{{Label: "<b>广安市营养学会志愿者协会</b>", Parts: []float64{3, 1}, Note: "3+1"}})
	wellFormed(t, string(bars))
	if strings.Contains(string(bars), "<b>") {
		t.Errorf("label not escaped:\n%s", bars)
	}
}

func TestTrendReplaysTheHistory(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	at := func(h, m int) time.Time { return time.Date(2026, 11, 30, h, m, 0, 0, loc).UTC() }
	roles := []models.Role{{ID: 1, Name: "志愿先锋", Quota: 2}, {ID: 2, Name: "储备志愿者", Quota: 5}}
	evs := []models.RegistrationEvent{
		{RegistrationID: 1, RoleID: 1, Status: models.StatusConfirmed, At: at(9, 5)},
		{RegistrationID: 2, RoleID: 1, Status: models.StatusConfirmed, At: at(9, 40)},
		{RegistrationID: 3, RoleID: 1, Status: models.StatusWaitlisted, At: at(10, 1)},
		{RegistrationID: 4, RoleID: 2, Status: models.StatusConfirmed, At: at(10, 2)},
		{RegistrationID: 1, RoleID: 1, Status: models.StatusCancelled, At: at(11, 30)},
		{RegistrationID: 3, RoleID: 1, Status: models.StatusConfirmed, At: at(11, 30)},
		{RegistrationID: 2, RoleID: 1, Status: models.StatusCancelled, At: at(12, 10)},
	}
	xs, ss := trend(evs, roles, at(12, 30), loc)
	if got := strings.Join(xs, " "); got != "08:00 09:00 10:00 11:00 12:00" {
		t.Errorf("x axis %q", got)
	}
	if got := fmt.Sprint(ss[0].Values, ss[1].Values); got != "[0 2 2 2 1] [0 0 1 1 1]" {
		t.Errorf("confirmed per hour %s", got)
	}
	xs, _ = trend(evs, roles, at(12, 30).Add(5*24*time.Hour), loc)
	if len(xs) != 7 || xs[0] != "11-29" || xs[6] != "12-05" {
		t.Errorf("daily axis %v", xs)
	}
}
