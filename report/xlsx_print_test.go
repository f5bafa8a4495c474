package report

import (
	"archive/zip"
	"bytes"
	"context"
	"html"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"mobilize/models"
)

// TestWorkbookPrintsAndReads: every column of 汇总 is as wide as its
// content (F1, the generated time, showed ###); the organization column is
// as wide as the longest name; the line chart's date axis has a date
// format (it showed 46023), chart text has a set size; every sheet prints
// one page wide, landscape, with its header row repeated.
func TestWorkbookPrintsAndReads(t *testing.T) {
	s, c, _ := fixture(t)
	ctx := context.Background()
	long := "广安市新的社会阶层人士联谊会志愿服务总队"
	if _, err := s.ImportOrgsReport(ctx, []models.OrgRow{{Name: long, Kind: "协会", Group: long + "群"}}, models.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	must[models.SignUpResult](t)(s.SignUp(ctx, models.SignUpRequest{CampaignID: c.ID, RoleCode: "pioneer", Name: "张三",
		Phone: "13800000001", GroupName: long + "群", Sender: "张三"}))
	tl := must[Tally](t)(Compute(ctx, s, c.ID, "2026-11-22", shanghai))
	var buf bytes.Buffer
	if _, err := WriteWorkbook(ctx, &buf, s, tl, shanghai); err != nil {
		t.Fatal(err)
	}
	raw := buf.Bytes()
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if w, _ := f.GetColWidth("汇总", "F"); w < stampWidth {
		t.Errorf("汇总!F is %v wide, the generated time needs %v", w, stampWidth)
	}
	if w, _ := f.GetColWidth("名单", "G"); w < textWidth(long) {
		t.Errorf("名单!G (组织) is %v wide, %q needs %v", w, long, textWidth(long))
	}
	if w, _ := f.GetColWidth("机构响应", "A"); w < textWidth(long) {
		t.Errorf("机构响应!A is %v wide, %q needs %v", w, long, textWidth(long))
	}
	parts := zipParts(t, raw)
	var charts, sheets []string
	for name, body := range parts {
		switch {
		case strings.HasPrefix(name, "xl/charts/chart"):
			charts = append(charts, body)
		case strings.HasPrefix(name, "xl/worksheets/sheet"):
			sheets = append(sheets, body)
		}
	}
	all := strings.Join(charts, "\n")
	if !strings.Contains(all, `formatCode="m月d日"`) || !strings.Contains(all, `sz="1000"`) {
		t.Errorf("charts lack a date axis format or a text size:\n%.2000s", all)
	}
	if len(sheets) != 6 {
		t.Fatalf("%d sheets", len(sheets))
	}
	for _, body := range sheets {
		setup := pageSetup.FindString(body)
		if !fitToPage.MatchString(body) || !strings.Contains(setup, `fitToWidth="1"`) ||
			!strings.Contains(setup, `fitToHeight="0"`) || !strings.Contains(setup, `orientation="landscape"`) {
			t.Errorf("a sheet lacks its print setup: %q %q", fitToPage.FindString(body), setup)
		}
	}
	book := html.UnescapeString(parts["xl/workbook.xml"])
	for _, sh := range []string{"名单", "机构响应", "候补", "服务记录", "捐赠"} {
		if !strings.Contains(book, "'"+sh+"'!$1:$1") {
			t.Errorf("%s has no repeated header row:\n%s", sh, book)
		}
	}
}

var (
	pageSetup = regexp.MustCompile(`<pageSetup [^>]*>`)
	fitToPage = regexp.MustCompile(`fitToPage="(1|true)"`)
)

func zipParts(t *testing.T, raw []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		out[zf.Name] = string(b)
	}
	return out
}
