package report

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"mobilize/models"
)

// statusNames are the roster's status words.
var statusNames = map[string]string{models.StatusConfirmed: "已确认", models.StatusWaitlisted: "候补", models.StatusCancelled: "已取消"}

// book is a workbook being written: the file, its styles, and what the
// sheets share.
type book struct {
	f                   *excelize.File
	store               *models.Store
	t                   Tally
	loc                 *time.Location
	end                 time.Time
	head, stamp, dayFmt int     // style ids
	names               float64 // the width of organization and group columns
}

// WriteWorkbook writes the workbook the bureau hands to the command
// centre: 汇总 (the tally, a chart of confirmed people per role over the
// days and one of sign-ups per organization), 名单 (full phone numbers: the
// centre calls people), 机构响应, 候补 (waitlists in order), 服务记录 and
// 捐赠. Every sheet has Chinese headers, set widths and a frozen header
// row; numbers are numbers and times are Excel dates. A sheet longer than
// Excel's 1,048,576 rows continues in 名单2, 名单3…
//
// The four large sheets are streamed from the database one row at a time
// by our own writer (xlsx_stream.go) into temporary deflated parts; excelize
// makes the rest, small, with an empty sheet in place of each part, and
// the two are joined into one zip (xlsx_zip.go). Measured over a million
// registrations, excelize's stream writer spent most of a minute encoding
// cells and buffered whole sheets in memory. It returns how many
// registrations the roster holds. Every sheet is read from one snapshot of
// the store; Workbook computes the tally in the same one. Callers audit
// every export.
func WriteWorkbook(ctx context.Context, w io.Writer, store *models.Store, t Tally, loc *time.Location) (rows int, err error) {
	err = store.Snapshot(ctx, func(ctx context.Context) error {
		rows, err = writeWorkbook(ctx, w, store, t, loc, excelMaxRows-1)
		return err
	})
	return rows, err
}

// Workbook computes campaign's tally for date and writes the workbook, both
// from one snapshot of the store (models.Store.Snapshot): sign-ups keep
// coming while a large export is written, and the summary must still add
// up to the roster beside it. It returns the tally and the roster's rows.
func Workbook(ctx context.Context, w io.Writer, store *models.Store, campaign uint, date string, loc *time.Location) (t Tally, rows int, err error) {
	err = store.Snapshot(ctx, func(ctx context.Context) error {
		if t, err = Compute(ctx, store, campaign, date, loc); err != nil {
			return err
		}
		rows, err = WriteWorkbook(ctx, w, store, t, loc)
		return err
	})
	return t, rows, err
}

// writeWorkbook is WriteWorkbook with perSheet data rows at most in a
// sheet (tests split sheets with a small one).
func writeWorkbook(ctx context.Context, w io.Writer, store *models.Store, t Tally, loc *time.Location, perSheet int) (int, error) {
	f := excelize.NewFile()
	defer f.Close()
	start, err := time.ParseInLocation("2006-01-02", t.Date, loc)
	if err != nil {
		return 0, fmt.Errorf("date %q: %w", t.Date, err)
	}
	b := &book{f: f, store: store, t: t, loc: loc, end: start.AddDate(0, 0, 1)}
	if err := b.styles(); err != nil {
		return 0, err
	}
	big, err := b.openStreams(ctx, perSheet)
	if err != nil {
		return 0, err
	}
	defer big.close()
	n, err := b.stream(ctx, big)
	if err != nil {
		return 0, err
	}
	if err := b.smallSheets(ctx, big); err != nil {
		return 0, err
	}
	var skeleton bytes.Buffer
	if _, err := f.WriteTo(&skeleton); err != nil {
		return 0, err
	}
	return n, assemble(w, skeleton.Bytes(), big.all())
}

// smallSheets names every sheet in order, an empty one standing for each
// streamed part, and writes 机构响应 and 汇总.
func (b *book) smallSheets(ctx context.Context, big *streams) error {
	f := b.f
	if err := f.SetSheetName("Sheet1", shSummary); err != nil {
		return err
	}
	names := big.names(big.roster)
	names = append(names, shOrgs)
	for _, s := range []*streamSheet{big.wait, big.service, big.pledges} {
		names = append(names, big.names(s)...)
	}
	for _, name := range names {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	orgRows, err := b.orgs(ctx)
	if err != nil {
		return fmt.Errorf("sheet %s: %w", shOrgs, err)
	}
	if err := b.summary(ctx, orgRows); err != nil {
		return fmt.Errorf("sheet %s: %w", shSummary, err)
	}
	if err := b.printSetup(names); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return nil
}

func (b *book) styles() error {
	var err error
	if b.head, err = b.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}}); err != nil {
		return err
	}
	stamp, day := "yyyy-mm-dd hh:mm", "yyyy-mm-dd"
	if b.stamp, err = b.f.NewStyle(&excelize.Style{CustomNumFmt: &stamp}); err != nil {
		return err
	}
	b.dayFmt, err = b.f.NewStyle(&excelize.Style{CustomNumFmt: &day})
	return err
}

// when is a time as a dated cell of a small sheet, in the report's zone;
// nil stays empty.
func (b *book) when(t *time.Time) any {
	if t == nil || t.IsZero() {
		return nil
	}
	local := t.In(b.loc)
	// Excel has no zones: write the wall clock as it reads in loc.
	wall := time.Date(local.Year(), local.Month(), local.Day(), local.Hour(), local.Minute(), local.Second(), 0, time.UTC)
	return excelize.Cell{StyleID: b.stamp, Value: wall}
}

// day is a YYYY-MM-DD string as a date cell.
func (b *book) day(s string) any {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		return s
	}
	return excelize.Cell{StyleID: b.dayFmt, Value: d}
}

// header returns a stream writer for sheet with its widths set, its first
// row frozen and the header written.
func (b *book) header(sheet string, head []any, widths ...float64) (*excelize.StreamWriter, error) {
	if err := b.pageLayout(sheet); err != nil {
		return nil, err
	}
	sw, err := b.f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(frozenHeader()); err != nil {
		return nil, err
	}
	return sw, sw.SetRow("A1", head, excelize.RowOpts{StyleID: b.head})
}

func frozenHeader() *excelize.Panes {
	return &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}
}

// rowWriter writes consecutive rows of a stream from row 2 on.
type rowWriter struct {
	sw  *excelize.StreamWriter
	row int
}

func (r *rowWriter) add(values ...any) error {
	r.row++
	cell, err := excelize.CoordinatesToCellName(1, r.row+1)
	if err != nil {
		return err
	}
	return r.sw.SetRow(cell, values)
}
