package report

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"mobilize/models"
)

// statusNames are the roster's status words.
var statusNames = map[string]string{models.StatusConfirmed: "已确认", models.StatusWaitlisted: "候补", models.StatusCancelled: "已取消"}

// WriteXLSX writes the workbook the bureau hands to the command centre: the
// tally, a sheet per organization line, pledges, and the roster with full
// phone numbers (the centre calls people). Callers log every export.
func WriteXLSX(w io.Writer, t Tally, roster []models.RegView) error {
	f := excelize.NewFile()
	defer f.Close()
	sheets := []struct {
		name string
		rows [][]any
	}{
		{"统计", summaryRows(t)},
		{"各组织", orgRows(t)},
		{"捐赠", pledgeRows(t)},
		{"名单", rosterRows(roster)},
	}
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			return err
		}
		if err := writeRows(f, s.name, s.rows); err != nil {
			return fmt.Errorf("sheet %s: %w", s.name, err)
		}
	}
	_, err := f.WriteTo(w)
	return err
}

func writeRows(f *excelize.File, sheet string, rows [][]any) error {
	for i, row := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			return err
		}
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return err
		}
	}
	return f.SetColWidth(sheet, "A", "J", 16)
}

func summaryRows(t Tally) [][]any {
	rows := [][]any{
		{"倡议", t.Title}, {"日期", t.Date}, {},
		{"岗位", "名额", "已确认", "候补", "今日新增确认", "今日新增候补"},
	}
	for _, r := range t.Roles {
		rows = append(rows, []any{r.Name, r.Quota, r.Confirmed, r.Waitlisted, r.NewConfirmed, r.NewWaitlisted})
	}
	rows = append(rows, []any{}, []any{"服务", "小时", "人次", "记录数"},
		[]any{"当日", t.Service.Day.Hours, t.Service.Day.People, t.Service.Day.Records},
		[]any{"累计", t.Service.Total.Hours, t.Service.Total.People, t.Service.Total.Records}, []any{},
		[]any{"服务内容", "小时", "人次", "记录数"})
	for _, a := range t.Activities {
		rows = append(rows, []any{a.Name, a.Hours, a.People, a.Records})
	}
	return append(rows, []any{}, []any{"现金（元）", t.Money.Cash}, []any{"其中当日（元）", t.Money.CashDay},
		[]any{"物资价值（元）", t.Money.GoodsValue})
}

func orgRows(t Tally) [][]any {
	rows := [][]any{{"组织", "已确认", "候补", "当日新增", "当日服务小时", "累计服务小时", "累计服务人次", "现金（元）", "物资价值（元）"}}
	for _, o := range t.Orgs {
		rows = append(rows, []any{o.Name, o.Confirmed, o.Waitlisted, o.NewConfirmed + o.NewWaitlisted, o.Service.Day.Hours, o.Service.Total.Hours,
			o.Service.Total.People, o.Money.Cash, o.Money.GoodsValue})
	}
	return rows
}

func pledgeRows(t Tally) [][]any {
	rows := [][]any{{"组织", "物品", "单位", "当日", "累计", "已送达"}}
	for _, o := range t.Orgs {
		for _, p := range o.Pledges {
			rows = append(rows, []any{o.Name, p.Item, p.Unit, p.Day, p.Total, p.Delivered})
		}
	}
	for _, p := range t.Pledges {
		rows = append(rows, []any{"合计", p.Item, p.Unit, p.Day, p.Total, p.Delivered})
	}
	return rows
}

func rosterRows(regs []models.RegView) [][]any {
	rows := [][]any{{"序号", "姓名", "手机", "岗位", "状态", "候补位次", "组织", "群", "报名时间", "备注"}}
	for i, r := range regs {
		var pos any
		if r.Position > 0 {
			pos = r.Position
		}
		rows = append(rows, []any{i + 1, r.Volunteer.Name, r.Volunteer.Phone, r.Role.Name, statusNames[r.Status], pos,
			r.Group.Organization.Name, r.Group.Name, r.CreatedAt.Format("2006-01-02 15:04"), r.Remark})
	}
	return rows
}
