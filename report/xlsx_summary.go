package report

import (
	"context"
	"fmt"

	"github.com/xuri/excelize/v2"
)

// chartOrgs is how many organizations the sign-up chart shows (the sheet
// 机构响应 lists them all).
const chartOrgs = 30

// summary writes 汇总: the tally's tables, then the day-by-day confirmed
// table the line chart draws, and the two charts beside them. It is small,
// so it is written in excelize's normal mode, which charts need.
func (b *book) summary(ctx context.Context, orgsAnswered int) error {
	f, sh := b.f, shSummary
	rows := b.summaryRows()
	for i, row := range rows {
		if err := b.setRow(i+1, row); err != nil {
			return err
		}
	}
	for _, r := range []int{4} {
		if err := f.SetRowStyle(sh, r, r, b.head); err != nil {
			return err
		}
	}
	days, series, err := b.dailyConfirmed(ctx)
	if err != nil {
		return err
	}
	top := len(rows) + 2
	if err := b.dailyTable(top, days, series); err != nil {
		return err
	}
	if err := b.summaryWidths(rows); err != nil {
		return err
	}
	if err := f.SetPanes(sh, frozenHeader()); err != nil {
		return err
	}
	if err := b.dailyChart(top, len(days)); err != nil {
		return err
	}
	return b.orgChart(min(orgsAnswered, chartOrgs))
}

func (b *book) summaryRows() [][]any {
	t := b.t
	rows := [][]any{{xlCampaign, t.Title, xlDate, b.day(t.Date), xlGenerated, b.when(&t.Generated)}, {}, {}, xlRoleHead}
	for _, r := range t.Roles {
		rows = append(rows, []any{r.Name, r.Quota, r.Confirmed, r.Waitlisted, r.Cancelled, r.NewConfirmed, r.NewWaitlisted, r.LeftConfirmed})
	}
	rows = append(rows, []any{}, xlServiceHead,
		[]any{xlServiceDay, t.Service.Day.Hours, t.Service.Day.People, t.Service.Day.Records},
		[]any{xlServiceTotal, t.Service.Total.Hours, t.Service.Total.People, t.Service.Total.Records}, []any{}, xlActivityHead)
	for _, a := range t.Activities {
		rows = append(rows, []any{a.Name, a.Hours, a.People, a.Records})
	}
	rows = append(rows, []any{}, xlPledgeHead)
	for _, p := range t.Pledges {
		rows = append(rows, []any{p.Item, p.Unit, p.Day, p.Total, p.Delivered})
	}
	return append(rows, []any{}, []any{xlCash, t.Money.Cash}, []any{xlCashDay, t.Money.CashDay},
		[]any{xlGoodsValue, t.Money.GoodsValue},
		[]any{xlSent, t.Sent, xlAnswered, t.Answered, xlSilent, t.Silent, xlUnsent, t.UnsentAnswered})
}

// dailyTable writes, from row top, a title, a header (日期 + one column per
// role) and one row per day.
func (b *book) dailyTable(top int, days []string, series [][]int) error {
	f, sh := b.f, shSummary
	if err := f.SetCellValue(sh, cellName(1, top), xlDailyTitle); err != nil {
		return err
	}
	head := []any{xlDate}
	for _, r := range b.t.Roles {
		head = append(head, r.Name)
	}
	if err := f.SetSheetRow(sh, cellName(1, top+1), &head); err != nil {
		return err
	}
	if err := f.SetRowStyle(sh, top+1, top+1, b.head); err != nil {
		return err
	}
	for i, d := range days {
		row := []any{b.day(d)}
		for _, n := range series[i] {
			row = append(row, n)
		}
		if err := b.setRow(top+2+i, row); err != nil {
			return err
		}
	}
	return nil
}

// setRow writes a row of 汇总 in normal mode, where a styled value
// (excelize.Cell, as the stream sheets use) is a value plus a cell style.
func (b *book) setRow(row int, values []any) error {
	for i, v := range values {
		cell := cellName(i+1, row)
		c, styled := v.(excelize.Cell)
		if styled {
			v = c.Value
		}
		if err := b.f.SetCellValue(shSummary, cell, v); err != nil {
			return err
		}
		if styled {
			if err := b.f.SetCellStyle(shSummary, cell, cell, c.StyleID); err != nil {
				return err
			}
		}
	}
	return nil
}

// dailyChart draws confirmed people per role over the days, from the
// daily table.
func (b *book) dailyChart(top, days int) error {
	if days == 0 || len(b.t.Roles) == 0 {
		return nil
	}
	first, last := top+2, top+1+days
	var series []excelize.ChartSeries
	for i := range b.t.Roles {
		col, _ := excelize.ColumnNumberToName(i + 2)
		series = append(series, excelize.ChartSeries{
			Name:       fmt.Sprintf("'%s'!$%s$%d", shSummary, col, top+1),
			Categories: fmt.Sprintf("'%s'!$A$%d:$A$%d", shSummary, first, last),
			Values:     fmt.Sprintf("'%s'!$%s$%d:$%s$%d", shSummary, col, first, col, last),
		})
	}
	return b.f.AddChart(shSummary, "K2", &excelize.Chart{
		Type: excelize.Line, Series: series,
		Title:  chartTitle(xlChartDaily),
		Legend: excelize.ChartLegend{Position: "bottom", Font: &excelize.Font{Size: chartFont}},
		// The categories are date cells: without a format the axis shows
		// their serials (46023).
		XAxis:  excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: xlAxisDay}, Font: excelize.Font{Size: chartFont}},
		YAxis:  excelize.ChartAxis{MajorGridLines: true, Font: excelize.Font{Size: chartFont}},
		Format: excelize.GraphicOptions{ScaleX: 1.4, ScaleY: 1.2},
	})
}

// orgChart draws sign-ups per organization for the first n rows of
// 机构响应 (sorted most sign-ups first).
func (b *book) orgChart(n int) error {
	if n == 0 {
		return nil
	}
	total, _ := excelize.ColumnNumberToName(len(xlOrgHeadStart) + 2*len(b.t.Roles) + 1)
	return b.f.AddChart(shSummary, "K26", &excelize.Chart{
		Type: excelize.Bar,
		Series: []excelize.ChartSeries{{
			Name:       fmt.Sprintf("'%s'!$%s$1", shOrgs, total),
			Categories: fmt.Sprintf("'%s'!$A$2:$A$%d", shOrgs, n+1),
			Values:     fmt.Sprintf("'%s'!$%s$2:$%s$%d", shOrgs, total, total, n+1),
		}},
		Title:  chartTitle(fmt.Sprintf(xlChartOrgs, n)),
		Legend: excelize.ChartLegend{Position: "none"},
		XAxis:  excelize.ChartAxis{Font: excelize.Font{Size: chartFont}, ReverseOrder: true}, // most sign-ups on top
		YAxis:  excelize.ChartAxis{MajorGridLines: true, Font: excelize.Font{Size: chartFont}},
		Format: excelize.GraphicOptions{ScaleX: 1.4, ScaleY: max(1.2, float64(n)/12)},
	})
}

// chartFont is the charts' text size in points: Excel's default picks a
// size from the chart's height, and thirty organization names came out
// too small to read.
const chartFont = 10

// chartTitle is a chart's title, bold and a little larger than its text.
func chartTitle(text string) excelize.ChartTitle {
	return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: text,
		Font: &excelize.Font{Bold: true, Size: 13}}}}
}

func cellName(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

// summaryWidths sets each column of 汇总 as wide as its widest cell: the
// title, the generated time, role and item names, the daily table's roles.
// The charts sit from column K on, so the first ten columns only.
func (b *book) summaryWidths(rows [][]any) error {
	head := []any{xlDate}
	for _, r := range b.t.Roles {
		head = append(head, r.Name)
	}
	// The title (B1) is left out: a long one would widen the column of
	// every figure below it.
	fit := append([][]any{append([]any{rows[0][0], nil}, rows[0][2:]...)}, rows[1:]...)
	widths := fitWidths(append(fit, head))
	for i, w := range widths[:min(len(widths), 10)] {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := b.f.SetColWidth(shSummary, col, col, w); err != nil {
			return err
		}
	}
	return nil
}
