package report

import (
	"archive/zip"
	"bytes"
	"context"
	"html"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"mobilize/models"
)

// TestWorkbookSheetsCellsAndCharts writes the workbook for a two-day
// fixture and reads it back: every sheet, headers, numbers as numbers,
// times as dates, frozen header rows, the waitlist in order, and the two
// charts with their series pointing at the right cells.
func TestWorkbookSheetsCellsAndCharts(t *testing.T) {
	s, c, setNow := fixture(t)
	ctx := context.Background()
	sign := signer(t, s, c)
	sign("pioneer", "张三", "13800000001", "营养群")
	sign("pioneer", "李四", "13800000002", "救援群")
	must[models.ServiceResult](t)(s.AddService(ctx, models.ServiceRequest{GroupName: "营养群", Sender: "张三", Day: "2026-11-22", Hours: 4, People: 200, Activity: "核酸检测"}))
	setNow(time.Date(2026, 11, 23, 9, 30, 0, 0, shanghai))
	sign("pioneer", "王五", "13800000003", "救援群") // waitlisted 1
	sign("pioneer", "赵六", "13800000004", "营养群") // waitlisted 2
	sign("reserve", "钱七", "13800000005", "救援群")
	must[models.Pledge](t)(s.AddPledge(ctx, models.PledgeRequest{CampaignID: c.ID, GroupName: "营养群", Item: "N95口罩", Unit: "个", Quantity: 20000}))
	rescue := must[models.Group](t)(s.EnsureGroup(ctx, "救援群"))
	if err := s.RecordNudge(ctx, c.ID, rescue.ID, time.Date(2026, 11, 23, 10, 0, 0, 0, shanghai)); err != nil {
		t.Fatal(err)
	}
	tl := must[Tally](t)(Compute(ctx, s, c.ID, "2026-11-23", shanghai))
	var buf bytes.Buffer
	n, err := WriteWorkbook(ctx, &buf, s, tl, shanghai)
	if err != nil || n != 5 {
		t.Fatalf("WriteWorkbook: %d rows, %v", n, err)
	}
	raw := buf.Bytes()
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "汇总,名单,机构响应,候补,服务记录,捐赠" {
		t.Errorf("sheets %s", got)
	}
	cells := map[string]string{
		"汇总!A4": "岗位", "汇总!A5": "志愿先锋", "汇总!C5": "2", "汇总!D5": "2", "汇总!F5": "0", "汇总!G5": "2",
		"名单!C1": "手机", "名单!B2": "张三", "名单!C2": "13800000001", "名单!E4": "候补", "名单!F4": "1", "名单!L1": "备注",
		"候补!A2": "志愿先锋", "候补!B2": "1", "候补!C2": "王五", "候补!C3": "赵六", "候补!B3": "2",
		"机构响应!A1": "组织", "机构响应!A2": "救援队", "机构响应!D1": "志愿先锋 确认", "机构响应!H2": "3", "机构响应!J1": "催报次数", "机构响应!J2": "1", "机构响应!J3": "0",
		"服务记录!B2": "张三", "服务记录!F2": "4", "服务记录!G2": "200",
		"汇总!A24": "日期", "汇总!D1": "2026-11-23", "汇总!C24": "储备志愿者", "汇总!A25": "2026-11-22", "汇总!B25": "2", "汇总!C25": "0", "汇总!B26": "2", "汇总!C26": "1",
		"捐赠!E2": "N95口罩", "捐赠!F2": "20000", "捐赠!I2": "未送达",
	}
	for ref, want := range cells {
		sheet, cell, _ := strings.Cut(ref, "!")
		if got, _ := f.GetCellValue(sheet, cell); got != want {
			t.Errorf("%s = %q, want %q", ref, got, want)
		}
	}
	// Numbers are numbers and times are dates (numeric cells with a date format).
	for _, ref := range []string{"名单!A2", "候补!B2", "服务记录!F2", "捐赠!F2", "汇总!C5"} {
		sheet, cell, _ := strings.Cut(ref, "!")
		if typ, _ := f.GetCellType(sheet, cell); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("%s is of type %v, want a number", ref, typ)
		}
	}
	f.SetCellStyle("名单", "I2", "I2", 0) // read the stored serial, not the formatted text
	serial, _ := f.GetCellValue("名单", "I2", excelize.Options{RawCellValue: true})
	if !strings.HasPrefix(serial, "46348.") { // 2026-11-22 10:00 → Excel day 46348
		t.Errorf("sign-up time stored as %q, want an Excel date serial", serial)
	}
	if got, _ := f.GetCellValue("名单", "I3"); got != "2026-11-22 10:00" {
		t.Errorf("sign-up time shown as %q", got)
	}
	for _, sheet := range f.GetSheetList() {
		panes, err := f.GetPanes(sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header row not frozen: %+v %v", sheet, panes, err)
		}
		if w, _ := f.GetColWidth(sheet, "A"); w < 6 || w == 9.140625 {
			t.Errorf("%s: column A width %v not set", sheet, w)
		}
	}
	checkCharts(t, raw)
}

// checkCharts reads the chart parts of the workbook: a line chart with a
// series per role over the daily table, and a bar chart over 机构响应.
func checkCharts(t *testing.T, raw []byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	var charts []string
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			charts = append(charts, string(b))
		}
	}
	if len(charts) != 2 {
		t.Fatalf("%d charts, want 2", len(charts))
	}
	all := html.UnescapeString(strings.Join(charts, "\n"))
	for _, want := range []string{"<lineChart>", "<barChart>", "各岗位每日累计确认人数", "各组织报名人数（前 2）",
		"'汇总'!$A$25:$A$26", "'汇总'!$B$24", "'汇总'!$C$25:$C$26", "'机构响应'!$A$2:$A$3", "'机构响应'!$H$2:$H$3"} {
		if !strings.Contains(all, want) {
			t.Errorf("charts lack %q", want)
		}
	}
}
