package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Phone-screen limits: the daily tally must read well on a phone.
const (
	maxLines      = 25
	maxRoleLines  = 10 // roles listed one per line; the rest summed up
	maxItems      = 4  // pledged items named; the rest counted
	rankedOrgs    = 3  // organizations named at the top and the bottom
	maxOrgNameLen = 12 // runes of an organization's name in a ranking
)

// Text renders the tally for a phone screen, at most 25 lines: sign-ups
// per role (new today, cumulative), service, pledges, the top and bottom
// organizations and how many have not answered. The full table is in the
// workbook. It never contains a phone number: a tally has none.
func (t Tally) Text() string {
	var lines []string
	add := func(format string, a ...any) { lines = append(lines, fmt.Sprintf(format, a...)) }
	day, _ := time.Parse("2006-01-02", t.Date)
	add(txtHeader, t.Title, day.Year(), day.Month(), day.Day())
	conf, wait, newWait, left := 0, 0, 0, 0
	for _, r := range t.Roles {
		conf, wait, newWait, left = conf+r.Confirmed, wait+r.Waitlisted, newWait+r.NewWaitlisted, left+r.LeftConfirmed
	}
	add(t.w(txtSignUps), conf, t.NewConfirmed, wait, newWait)
	for i, r := range t.Roles {
		if i == maxRoleLines {
			add(txtMoreRoles, len(t.Roles)-i)
			break
		}
		line := fmt.Sprintf(t.w(txtRole), r.Name, r.Confirmed, r.Quota, r.NewConfirmed)
		if r.Waitlisted > 0 {
			line += fmt.Sprintf(txtRoleWait, r.Waitlisted)
		}
		lines = append(lines, line)
	}
	if left > 0 {
		add(t.w(txtLeft), left)
	}
	add(t.w(txtService), num(t.Service.Day.Hours), t.Service.Day.People, num(t.Service.Total.Hours), t.Service.Total.People)
	if p := pledgeText(t.Pledges, t.Money, maxItems); p != "" {
		add(txtPledges, p)
	}
	lines = append(lines, t.orgLines()...)
	if len(lines) > maxLines { // cannot happen with the caps above; kept as a guard
		lines = append(lines[:maxLines-1], txtSeeWorkbook)
	}
	return strings.Join(lines, "\n")
}

// orgLines are the organizations' summary: how many answered and how many
// have not, the top three and (when there are more than six) the bottom
// three by sign-ups.
func (t Tally) orgLines() []string {
	if len(t.Orgs) == 0 && t.Sent == 0 {
		return nil
	}
	lines := []string{t.answerLine()}
	if len(t.Orgs) == 0 {
		return lines
	}
	// Only organizations with people in the campaign are ranked: one whose
	// registrations were all cancelled answered once, but "最多：… 0" would
	// read as if it had sent someone.
	var ranked []OrgTally
	for _, o := range t.Orgs {
		if o.SignUps() > 0 {
			ranked = append(ranked, o)
		}
	}
	if len(ranked) == 0 {
		return lines
	}
	lines = append(lines, txtTop+rank(ranked[:min(rankedOrgs, len(ranked))]))
	if len(ranked) > 2*rankedOrgs {
		lines = append(lines, txtBottom+rank(ranked[len(ranked)-rankedOrgs:]))
	}
	return lines
}

// answerLine says who answered: among the organizations sent to, and
// apart those that answered unasked (models.Answer).
func (t Tally) answerLine() string {
	if t.Sent == 0 {
		return fmt.Sprintf(txtOrgsNoneSent, t.UnsentAnswered)
	}
	line := fmt.Sprintf(txtOrgs, t.Answered, t.Sent, t.Silent)
	if t.UnsentAnswered > 0 {
		line += fmt.Sprintf(txtOrgsUnsent, t.UnsentAnswered)
	}
	return line
}

func rank(orgs []OrgTally) string {
	parts := make([]string, len(orgs))
	for i, o := range orgs {
		parts[i] = fmt.Sprintf(txtRankEntry, short(orgName(o.Name)), o.SignUps())
	}
	return strings.Join(parts, "、")
}

// short cuts a long organization name so a ranking stays on one line.
func short(s string) string {
	r := []rune(s)
	if len(r) <= maxOrgNameLen {
		return s
	}
	return string(r[:maxOrgNameLen-1]) + "…"
}

// pledgeText lists cash first, then up to max goods, with goods' value.
func pledgeText(items []ItemTotal, m Money, max int) string {
	var parts []string
	if m.Cash > 0 {
		parts = append(parts, fmt.Sprintf(txtCash, num(m.Cash)))
	}
	goods := 0
	for _, it := range items {
		if it.Unit == "元" {
			continue
		}
		if goods++; max > 0 && goods > max {
			continue
		}
		parts = append(parts, fmt.Sprintf(txtItem, it.Item, num(it.Total), it.Unit))
	}
	s := strings.Join(parts, "、")
	if max > 0 && goods > max {
		s += fmt.Sprintf(txtMoreItems, goods)
	}
	if m.GoodsValue > 0 {
		s += fmt.Sprintf(txtGoodsValue, num(m.GoodsValue))
	}
	return s
}

func num(f float64) string {
	return strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64)
}
