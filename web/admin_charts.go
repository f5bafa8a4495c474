package web

import (
	"fmt"
	"html/template"
	"net/http"
	"sort"
	"strconv"
	"time"

	"mobilize/models"
	"mobilize/report"
)

// chartsView holds the campaign's charts, drawn on the server.
type chartsView struct {
	campaignHead
	Trend, Orgs, Hours, Pledges template.HTML
	Money                       string
}

func (s *Server) chartsPage(w http.ResponseWriter, r *http.Request, admin string) {
	camp, ok := s.campaign(w, r)
	if !ok {
		return
	}
	evs, err := s.deps.Store.CampaignEvents(r.Context(), camp.ID)
	if err != nil {
		s.internal(w, r, "load history", err)
		return
	}
	now := s.deps.Store.Now()
	loc := s.deps.Config.Location
	tally, err := report.Compute(r.Context(), s.deps.Store, camp.ID, now.In(loc).Format("2006-01-02"), loc)
	if err != nil {
		s.internal(w, r, "compute tally", err)
		return
	}
	v := chartsView{campaignHead: s.head(camp, "charts")}
	if xs, ss := trend(evs, camp.Roles, now, loc); len(xs) > 0 {
		v.Trend = lineChart(ctxt.ChartTrend, xs, ss)
	}
	v.Orgs = orgBars(tally.Orgs)
	v.Hours = hourBars(tally.Activities)
	v.Pledges = pledgeBars(tally.Pledges)
	v.Money = fmt.Sprintf(ctxt.Cash, num(tally.Money.Cash), num(tally.Money.GoodsValue))
	s.renderAdmin(w, r, "charts", camp.Title, admin, v)
}

// maxBuckets bounds the trend's x axis.
const maxBuckets = 60

// trend replays the registration history into the number of confirmed
// people per role at the end of each hour (a campaign younger than two
// days) or each day, from the first sign-up to now.
func trend(evs []models.RegistrationEvent, roles []models.Role, now time.Time, loc *time.Location) ([]string, []series) {
	if len(evs) == 0 {
		return nil, nil
	}
	start, end := evs[0].At.In(loc), now.In(loc)
	step, label := time.Hour, "15:00"
	first := start.Truncate(time.Hour)
	if end.Sub(start) > 48*time.Hour {
		step, label = 24*time.Hour, "01-02"
		first = time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, loc)
	}
	first = first.Add(-step) // start from nobody, so even one hour draws a line
	n := int(end.Sub(first)/step) + 1
	if n > maxBuckets {
		first, n = first.Add(time.Duration(n-maxBuckets)*step), maxBuckets
	}
	idx := map[uint]int{}
	ss := make([]series, len(roles))
	for i, r := range roles {
		idx[r.ID] = i
		ss[i] = series{Name: r.Name, Values: make([]int, n), Limit: r.Quota}
	}
	status := map[uint]string{}
	confirmed := make([]int, len(roles))
	xs := make([]string, n)
	k := 0
	for b := range n {
		bucketEnd := first.Add(time.Duration(b+1) * step)
		for ; k < len(evs) && evs[k].At.Before(bucketEnd); k++ {
			e := evs[k]
			i, ok := idx[e.RoleID]
			if !ok {
				continue
			}
			if status[e.RegistrationID] == models.StatusConfirmed {
				confirmed[i]--
			}
			if e.Status == models.StatusConfirmed {
				confirmed[i]++
			}
			status[e.RegistrationID] = e.Status
		}
		xs[b] = first.Add(time.Duration(b) * step).Format(label)
		for i := range roles {
			ss[i].Values[b] = confirmed[i]
		}
	}
	return xs, ss
}

// maxBars bounds a bar chart: the largest organizations, the rest summed.
const maxBars = 12

func orgBars(orgs []report.OrgTally) template.HTML {
	sorted := append([]report.OrgTally(nil), orgs...)
	sort.SliceStable(sorted, func(i, j int) bool {
		return sorted[i].Confirmed+sorted[i].Waitlisted > sorted[j].Confirmed+sorted[j].Waitlisted
	})
	var bars []bar
	for _, o := range sorted {
		if o.Confirmed+o.Waitlisted == 0 {
			continue
		}
		if len(bars) == maxBars {
			break
		}
		bars = append(bars, bar{Label: o.Name, Parts: []float64{float64(o.Confirmed), float64(o.Waitlisted)},
			Note: fmt.Sprintf("%d+%d", o.Confirmed, o.Waitlisted)})
	}
	if len(bars) == 0 {
		return ""
	}
	return barChart(ctxt.ChartOrgs, []string{ctxt.Confirmed, ctxt.Waiting}, bars)
}

func hourBars(acts []report.Activity) template.HTML {
	var bars []bar
	for _, a := range acts {
		if a.Hours > 0 && len(bars) < maxBars {
			bars = append(bars, bar{Label: a.Name, Parts: []float64{a.Hours}, Note: num(a.Hours)})
		}
	}
	if len(bars) == 0 {
		return ""
	}
	return barChart(ctxt.ChartHours, nil, bars)
}

// pledgeBars shows, per pledged item, the share delivered: items come in
// different units, so each bar is its own whole.
func pledgeBars(items []report.ItemTotal) template.HTML {
	var bars []bar
	for _, it := range items {
		if it.Total <= 0 || len(bars) == maxBars {
			continue
		}
		done := min(it.Delivered/it.Total, 1)
		bars = append(bars, bar{Label: it.Item, Parts: []float64{done, 1 - done},
			Note: fmt.Sprintf("%s/%s%s", num(it.Delivered), num(it.Total), it.Unit)})
	}
	if len(bars) == 0 {
		return ""
	}
	return barChart(ctxt.ChartPledges, []string{ctxt.DeliveredPart, ctxt.Pledged}, bars)
}

// num writes a figure without trailing zeros.
func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
