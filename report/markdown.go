package report

import (
	"fmt"
	"strings"
)

// Markdown renders the whole tally as Markdown tables, for pasting into a
// document: every role, activity, pledged item and organization.
func (t Tally) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, mdTitle, mdCell(t.Title), t.Date)
	b.WriteString(t.w(mdRoleHead))
	for _, r := range t.Roles {
		fmt.Fprintf(&b, mdRoleRow, mdCell(r.Name), r.Quota, r.Confirmed, r.NewConfirmed, r.Waitlisted, r.NewWaitlisted, r.Cancelled)
	}
	d, s := t.Service.Day, t.Service.Total
	fmt.Fprintf(&b, t.w(mdService), num(d.Hours), d.People, d.Records, num(s.Hours), s.People, s.Records)
	if len(t.Activities) > 0 {
		b.WriteString(mdActHead)
		for _, a := range t.Activities {
			fmt.Fprintf(&b, mdActRow, mdCell(a.Name), num(a.Hours), a.People, a.Records)
		}
	}
	if len(t.Pledges) > 0 {
		b.WriteString(t.w(mdPledgeHead))
		for _, p := range t.Pledges {
			fmt.Fprintf(&b, mdPledgeRow, mdCell(p.Item), mdCell(p.Unit), num(p.Day), num(p.Total), num(p.Delivered))
		}
	}
	fmt.Fprintf(&b, t.w(mdMoney), num(t.Money.Cash), num(t.Money.CashDay), num(t.Money.GoodsValue))
	if len(t.Orgs) > 0 {
		b.WriteString(t.w(mdOrgHead))
		for _, o := range t.Orgs {
			fmt.Fprintf(&b, mdOrgRow, mdCell(orgName(o.Name)), o.Confirmed, o.Waitlisted, o.NewConfirmed+o.NewWaitlisted,
				num(o.Service.Total.Hours), num(o.Money.Cash))
		}
	}
	if len(t.Orgs) > 0 || t.Sent > 0 {
		fmt.Fprintf(&b, mdAnswer, t.answerLine())
	}
	if t.Silent > 0 {
		fmt.Fprintf(&b, mdSilent, t.Silent, mdCell(strings.Join(t.SilentNames, "、")))
	}
	return b.String()
}

// mdCell keeps a name from breaking the table: pipes and newlines escaped.
func mdCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "\r", " ").Replace(s)
}

func orgName(s string) string {
	if s == "" {
		return txtNoOrgName
	}
	return s
}
