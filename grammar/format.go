package grammar

// Canonical text of every command: what Parse reads back into the same
// Command (the invariant the fuzz targets hold the grammar to).

import (
	"strconv"
	"strings"
)

// formatSignUpFamily writes the canonical text of a sign-up family command,
// naming the role by its code.
func formatSignUpFamily(c Command) string {
	return formatSignUp(c, nil)
}

// Text is the canonical text of c as a member would type it: like String, but
// the role is written as its shortest configured alias (先锋) rather than its
// code. Parse(c.Text(v), v) gives c back for any command Parse returned
// without a Problem.
func (c Command) Text(v *Vocabulary) string {
	switch c.Kind {
	case SignUp, Cancel, MyStatus, Quota, Help, Chain, MoveHere:
		return formatSignUp(c, v)
	}
	return c.String()
}

// formatSignUp writes keyword, campaign number, role, name and phone.
func formatSignUp(c Command, v *Vocabulary) string {
	var parts []string
	switch c.Kind {
	case SignUp:
		parts = []string{"报名"}
	case Cancel:
		parts = []string{"取消报名"}
	case MoveHere:
		parts = []string{"改到本群"}
	case MyStatus:
		parts = []string{"我的报名"}
	case Quota:
		parts = []string{"名额"}
	case Help:
		parts = []string{"帮助"}
	case Chain:
		return formatChain(c)
	default:
		return ""
	}
	if c.Campaign > 0 {
		parts = append(parts, strconv.Itoa(c.Campaign))
	}
	if c.Kind == SignUp {
		if c.Role != "" {
			role := c.Role
			if v != nil {
				role = newRoles(v).alias(c.Role)
			}
			parts = append(parts, role)
		}
		if c.Name != "" {
			parts = append(parts, c.Name)
		}
	}
	if c.Phone != "" && (c.Kind == SignUp || c.Kind == Cancel || c.Kind == MyStatus || c.Kind == MoveHere) {
		parts = append(parts, c.Phone)
		if c.Kind == SignUp && c.Remark != "" {
			parts = append(parts, c.Remark)
		}
	}
	return strings.Join(parts, " ")
}

// formatRecordFamily writes the canonical text of a record-family command:
//
//	打卡 [date] N小时 [activity] [服务N人次] [在place] [extra]
//	捐赠 item N[unit] [价值N元]    (捐款 N元 [价值N元] for 现金 in 元)
//	已送达 N
//	撤销打卡
func formatRecordFamily(c Command) string {
	switch c.Kind {
	case Service:
		if c.Service == nil {
			return "打卡"
		}
		return formatService(c.Service)
	case UndoService:
		return "撤销打卡"
	case Pledge:
		if c.Pledge == nil {
			return "捐赠"
		}
		return formatPledge(c.Pledge)
	case Delivered:
		if c.ID == 0 {
			return "已送达"
		}
		return "已送达 " + strconv.Itoa(c.ID)
	}
	return ""
}

func formatService(sr *ServiceRecord) string {
	parts := []string{"打卡"}
	if d := formatDate(sr.Date); d != "" {
		parts = append(parts, d)
	}
	if sr.Hours != 0 {
		parts = append(parts, formatFigure(sr.Hours)+"小时")
	}
	if sr.Activity != "" {
		parts = append(parts, sr.Activity)
	}
	if sr.People != 0 {
		parts = append(parts, "服务"+strconv.Itoa(sr.People)+"人次")
	}
	if sr.Place != "" {
		parts = append(parts, "在"+sr.Place)
	}
	if sr.Extra != "" {
		parts = append(parts, sr.Extra)
	}
	return strings.Join(parts, " ")
}

func formatDate(d DateSpec) string {
	switch {
	case d.DaysAgo == 1:
		return "昨天"
	case d.DaysAgo == 2:
		return "前天"
	case d.DaysAgo > 0:
		return strconv.Itoa(d.DaysAgo) + "天前"
	case d.Month > 0 && d.Year > 0:
		return strconv.Itoa(d.Year) + "年" + strconv.Itoa(d.Month) + "月" + strconv.Itoa(d.Day) + "日"
	case d.Month > 0:
		return strconv.Itoa(d.Month) + "月" + strconv.Itoa(d.Day) + "日"
	}
	return ""
}

func formatPledge(p *PledgeItem) string {
	var s string
	if p.Item == recCashItem && p.Unit == "元" {
		s = "捐款 " + formatFigure(p.Quantity) + "元"
	} else {
		s = "捐赠 " + p.Item + " " + formatFigure(p.Quantity) + p.Unit
	}
	if p.Value != 0 && !(p.Unit == "元" && p.Value == p.Quantity) {
		s += " 价值" + formatFigure(p.Value) + "元"
	}
	return s
}

// String renders the command in its canonical form, the text that Parse reads
// back into the same Command. The fuzz targets hold the grammar to that.
func (c Command) String() string {
	switch c.Kind {
	case SignUp, Cancel, MyStatus, Quota, Help, Chain, MoveHere:
		return formatSignUpFamily(c)
	case Service, UndoService, Pledge, Delivered:
		return formatRecordFamily(c)
	}
	return ""
}
