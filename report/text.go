package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Text renders the tally for a phone screen: headline figures first, then a
// line per organization. It never contains a phone number: it has none.
func (t Tally) Text() string {
	var b strings.Builder
	day, _ := time.Parse("2006-01-02", t.Date)
	fmt.Fprintf(&b, "【%s】%d月%d日统计\n", t.Title, day.Month(), day.Day())
	conf, wait, newConf := 0, 0, 0
	for _, r := range t.Roles {
		conf, wait, newConf = conf+r.Confirmed, wait+r.Waitlisted, newConf+r.NewConfirmed
	}
	fmt.Fprintf(&b, "报名：确认 %d 人（今日 +%d），候补 %d 人\n", conf, newConf, wait)
	for _, r := range t.Roles {
		fmt.Fprintf(&b, "· %s %d/%d（今日 +%d）", r.Name, r.Confirmed, r.Quota, r.NewConfirmed)
		if r.Waitlisted > 0 {
			fmt.Fprintf(&b, "，候补 %d", r.Waitlisted)
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "服务：今日 %s 小时 / %d 人次；累计 %s 小时 / %d 人次\n",
		num(t.Service.Day.Hours), t.Service.Day.People, num(t.Service.Total.Hours), t.Service.Total.People)
	if p := pledgeText(t.Pledges, t.Money); p != "" {
		b.WriteString("捐赠：" + p + "\n")
	}
	if len(t.Orgs) > 0 {
		b.WriteString("各组织：\n")
	}
	for i, o := range t.Orgs {
		fmt.Fprintf(&b, "%d. %s：确认 %d", i+1, o.Name, o.Confirmed)
		if o.Waitlisted > 0 {
			fmt.Fprintf(&b, "，候补 %d", o.Waitlisted)
		}
		if o.Service.Total.Records > 0 {
			fmt.Fprintf(&b, "；服务 %s 小时", num(o.Service.Total.Hours))
		}
		if p := pledgeText(o.Pledges, o.Money); p != "" {
			b.WriteString("；捐赠 " + p)
		}
		b.WriteString("\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// pledgeText lists cash first, then goods, with goods' stated value.
func pledgeText(items []ItemTotal, m Money) string {
	var parts []string
	if m.Cash > 0 {
		parts = append(parts, fmt.Sprintf("现金 %s 元", num(m.Cash)))
	}
	for _, it := range items {
		if it.Unit == "元" {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s %s %s", it.Item, num(it.Total), it.Unit))
	}
	s := strings.Join(parts, "、")
	if m.GoodsValue > 0 {
		s += fmt.Sprintf("（物资价值 %s 元）", num(m.GoodsValue))
	}
	return s
}

func num(f float64) string {
	return strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64)
}
