package report

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"mobilize/models"
)

// streamFixture is a campaign of n pioneers (2 confirmed, the rest
// waitlisted), one reserve with awkward text in every field a member
// types, three service records and two pledges.
func streamFixture(t *testing.T, n int) (*models.Store, Tally) {
	t.Helper()
	s, c, _ := fixture(t)
	ctx := context.Background()
	for i := range n {
		must[models.SignUpResult](t)(s.SignUp(ctx, models.SignUpRequest{CampaignID: c.ID, RoleCode: "pioneer",
			Name: fmt.Sprintf("志愿者%d", i+1), Phone: fmt.Sprintf("138%08d", i+1), GroupName: "营养群", Sender: fmt.Sprint("s", i)}))
	}
	must[models.SignUpResult](t)(s.SignUp(ctx, models.SignUpRequest{CampaignID: c.ID, RoleCode: "reserve",
		Name: "A<B>&C", Phone: "13900000000", GroupName: "救援群", Sender: "s",
		Remark: " 有车 \x01党员\x7f\ttab\r\nline \xff末尾 "}))
	for i := range 3 {
		must[models.ServiceResult](t)(s.AddService(ctx, models.ServiceRequest{GroupName: "营养群", Sender: "s0",
			Day: "2026-11-22", Hours: 1.5 + float64(i), People: 10 * (i + 1), Activity: "核酸检测"}))
	}
	for _, item := range []string{"N95口罩", "消毒液"} {
		must[models.Pledge](t)(s.AddPledge(ctx, models.PledgeRequest{CampaignID: c.ID, GroupName: "救援群", Item: item, Unit: "个", Quantity: 2.5}))
	}
	return s, must[Tally](t)(Compute(ctx, s, c.ID, "2026-11-22", shanghai))
}

// TestStreamedSheetsSplitAtTheRowCap writes the workbook with three data
// rows a sheet: the roster continues in 名单2 and 名单3 (numbered on),
// the waitlist in 候补2, each part with its header, frozen row and widths,
// and every row of the database is there exactly once.
func TestStreamedSheetsSplitAtTheRowCap(t *testing.T) {
	s, tl := streamFixture(t, 7) // 8 registrations, 5 waitlisted
	var buf bytes.Buffer
	n, err := writeWorkbook(context.Background(), &buf, s, tl, shanghai, 3)
	if err != nil || n != 8 {
		t.Fatalf("writeWorkbook: %d rows, %v", n, err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := "汇总,名单,名单2,名单3,机构响应,候补,候补2,服务记录,捐赠"
	if got := strings.Join(f.GetSheetList(), ","); got != want {
		t.Fatalf("sheets %s, want %s", got, want)
	}
	rows := map[string]int{"名单": 3, "名单2": 3, "名单3": 2, "候补": 3, "候补2": 2, "服务记录": 3, "捐赠": 2}
	firstHead := map[string]string{"名单": "序号", "候补": "岗位", "服务记录": "日期", "捐赠": "编号"}
	for sheet, data := range rows {
		got, err := f.GetRows(sheet)
		if err != nil || len(got) != data+1 {
			t.Errorf("%s: %d rows (%v), want a header and %d", sheet, len(got), err, data)
			continue
		}
		if got[0][0] != firstHead[strings.TrimRight(sheet, "23")] {
			t.Errorf("%s: header %v", sheet, got[0])
		}
		panes, err := f.GetPanes(sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header row not frozen: %+v %v", sheet, panes, err)
		}
		if w, _ := f.GetColWidth(sheet, "C"); w < 6 || w == 9.140625 {
			t.Errorf("%s: column C width %v not set", sheet, w)
		}
	}
	cells := map[string]string{"名单2!A2": "4", "名单2!B2": "志愿者4", "名单3!A3": "8", "名单3!B3": "A<B>&C",
		"候补2!B2": "4", "候补2!C3": "志愿者7", "名单!C1": "手机", "候补2!D1": "手机"}
	for ref, want := range cells {
		sheet, cell, _ := strings.Cut(ref, "!")
		if got, _ := f.GetCellValue(sheet, cell); got != want {
			t.Errorf("%s = %q, want %q", ref, got, want)
		}
	}
	wellFormed(t, buf.Bytes())
}

// TestStreamedCellTypesAndText checks what the streamed writer puts in a
// cell: numbers as numbers, times and days as dates (a serial with a date
// format), Chinese text, < > & escaped, characters XML cannot hold dropped
// and the rest (tabs, line breaks, DEL, edge spaces) kept.
func TestStreamedCellTypesAndText(t *testing.T) {
	s, tl := streamFixture(t, 1)
	var buf bytes.Buffer
	if _, err := WriteWorkbook(context.Background(), &buf, s, tl, shanghai); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	types := map[string]excelize.CellType{"名单!A2": excelize.CellTypeUnset, "名单!B2": excelize.CellTypeInlineString,
		"名单!I2": excelize.CellTypeUnset, "服务记录!A2": excelize.CellTypeUnset, "服务记录!F2": excelize.CellTypeUnset,
		"服务记录!G2": excelize.CellTypeUnset, "捐赠!A2": excelize.CellTypeUnset, "捐赠!F2": excelize.CellTypeUnset}
	for ref, want := range types {
		sheet, cell, _ := strings.Cut(ref, "!")
		if got, err := f.GetCellType(sheet, cell); got != want || err != nil {
			t.Errorf("%s is of type %v (%v), want %v", ref, got, err, want)
		}
	}
	shown := map[string]string{"名单!A3": "2", "名单!B3": "A<B>&C", "名单!D3": "储备志愿者", "名单!E2": "已确认",
		"名单!I2": "2026-11-22 10:00", "名单!J2": "2026-11-22 10:00", "名单!K2": "", "名单!F2": "",
		"名单!L3": " 有车 党员\x7f\ttab\r\nline 末尾 ", "服务记录!A2": "2026-11-22", "服务记录!F3": "2.5",
		"服务记录!G4": "30", "捐赠!F2": "2.5", "捐赠!E3": "消毒液"}
	for ref, want := range shown {
		sheet, cell, _ := strings.Cut(ref, "!")
		if got, _ := f.GetCellValue(sheet, cell); got != want {
			t.Errorf("%s shows %q, want %q", ref, got, want)
		}
	}
	for ref, want := range map[string]string{"名单!I2": "46348.41666", "服务记录!A2": "46348"} {
		sheet, cell, _ := strings.Cut(ref, "!")
		if got, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true}); !strings.HasPrefix(got, want) {
			t.Errorf("%s holds %q, want the date serial %s", ref, got, want)
		}
	}
	wellFormed(t, buf.Bytes())
}

// wellFormed parses every XML part of the workbook: one unescaped < or
// stray control character and Excel refuses the whole file.
func wellFormed(t *testing.T, raw []byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if !strings.HasSuffix(zf.Name, ".xml") && !strings.HasSuffix(zf.Name, ".rels") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		d := xml.NewDecoder(rc)
		for {
			if _, err = d.Token(); err != nil {
				break
			}
		}
		rc.Close()
		if err != io.EOF {
			t.Errorf("%s: %v", zf.Name, err)
		}
	}
}

// TestSpoolsAreRemoved runs the writer with the temporary directory
// watched: nothing is left there, and no file left open (where /proc
// tells), after a workbook or after an export that fails half-way (a
// cancelled context).
func TestSpoolsAreRemoved(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	s, tl := streamFixture(t, 3)
	openFiles := func() int { fds, _ := os.ReadDir("/proc/self/fd"); return len(fds) }
	before := openFiles()
	if _, err := WriteWorkbook(context.Background(), io.Discard, s, tl, shanghai); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := WriteWorkbook(ctx, io.Discard, s, tl, shanghai); err == nil {
		t.Error("a cancelled export succeeded")
	}
	if ents, _ := os.ReadDir(tmp); len(ents) != 0 {
		t.Errorf("left in the temporary directory: %v", ents)
	}
	if after := openFiles(); after != before {
		t.Errorf("%d files open before, %d after", before, after)
	}
}

func TestAppendXMLText(t *testing.T) {
	long := strings.Repeat("中", maxCellText+5)
	for in, want := range map[string]string{
		"张三 <b>&amp;</b>":                    "张三 &lt;b&gt;&amp;amp;&lt;/b&gt;",
		"a\x00b\x1fc\td\ne":                  "abc\td\ne",
		"cr\r":                               "cr&#13;",
		"bad\xff\xc3(":                       "bad(",
		"\uFFFE\uFFFF\uFFFD":                 "\uFFFD",
		"🧑‍🚒 𝟏":                              "🧑‍🚒 𝟏",
		long:                                 long[:3*maxCellText],
		strings.Repeat("😀", maxCellText/2+1): strings.Repeat("😀", maxCellText/2),
	} {
		if got := string(appendXMLText(nil, in)); got != want {
			t.Errorf("appendXMLText(%.40q) = %.40q (%d bytes), want %.40q (%d)", in, got, len(got), want, len(want))
		}
	}
}

// TestDateSerials checks times against Excel's own serials: the wall
// clock in the report's zone, whatever zone the time came in.
func TestDateSerials(t *testing.T) {
	c := newCells(2, shanghai)
	c.begin(2)
	c.time(time.Date(2026, 11, 22, 2, 0, 0, 0, time.UTC), 5) // 10:00 in Shanghai
	c.day("1970-01-01", 6)
	c.end()
	if got, want := string(c.buf), `<row r="2"><c s="5"><v>46348.41666666667</v></c><c s="6"><v>25569</v></c></row>`; got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}
