package report

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"mobilize/privfile"
	"os"
	"strconv"
	"time"
)

// excelMaxRows is how many rows Excel shows in one sheet; a longer sheet
// continues in the next (名单, 名单2, …).
const excelMaxRows = 1 << 20

// sheetLayout is what every part of a streamed sheet repeats: its name,
// its header row and its column widths.
type sheetLayout struct {
	name   string
	head   []any // strings, from words.go
	widths []float64
}

// sheetPart is one worksheet of a streamed sheet, deflated in the spool
// and ready to be stored in the zip as it is.
type sheetPart struct {
	off, size int64 // where its deflated bytes are in the spool
	crc       uint32
	raw       int64 // the XML's length
	rows      int   // data rows, the header not counted
}

// streamSheet writes a large sheet (名单, 候补, 服务记录, 捐赠) the way
// excelize's stream writer cannot afford to: rows are encoded into a
// reused buffer and handed in chunks to a compressor (xlsx_deflate.go)
// whose deflate streams go to a temporary file (the spool), so memory
// holds a few chunks, the file holds what the zip will hold, and the
// workbook is later assembled by copying those bytes (xlsx_zip.go). Every
// maxRows data rows the part is closed and the next begins, each with the
// header row: Excel cannot show more than excelMaxRows rows in a sheet.
// The parts carry no <dimension> (it is optional, and its value is not
// known until the part's last row, long after its start was compressed).
type streamSheet struct {
	layout  sheetLayout
	style   int // the header's
	maxRows int
	spool   *spool
	z       *compressor
	buf     []byte // XML not yet handed to z
	open    bool   // a part is begun
	rows    int    // data rows in the open part
	sent    int    // parts handed to z
	parts   []sheetPart
	stopped bool
	c       *cells
}

func newStreamSheet(l sheetLayout, headStyle, maxRows int, loc *time.Location) (*streamSheet, error) {
	sp, err := newSpool()
	if err != nil {
		return nil, err
	}
	z, err := newCompressor(sp)
	if err != nil {
		sp.close()
		return nil, err
	}
	return &streamSheet{layout: l, style: headStyle, maxRows: maxRows, spool: sp, z: z, buf: z.buffer(),
		c: newCells(len(l.head), loc)}, nil
}

// next begins the next data row and returns its encoder; commit ends it.
func (s *streamSheet) next() *cells {
	if s.open && s.rows == s.maxRows {
		s.closePart()
	}
	if !s.open {
		s.openPart()
	}
	s.c.begin(s.rows + 2)
	return s.c
}

func (s *streamSheet) commit() {
	s.c.end()
	s.rows++
	s.write(s.c.buf)
}

// finish closes the last part (a sheet without rows still gets one, with
// its header) and waits for the compressor.
func (s *streamSheet) finish() error {
	if !s.open && s.sent == 0 {
		s.openPart()
	}
	if s.open {
		s.closePart()
	}
	var err error
	s.parts, err = s.z.stop()
	s.stopped = true
	return err
}

// dataRows counts the data rows of every part (after finish).
func (s *streamSheet) dataRows() int {
	n := 0
	for _, p := range s.parts {
		n += p.rows
	}
	return n
}

// partName is the sheet name of part i: 名单, 名单2, 名单3…
func (s *streamSheet) partName(i int) string {
	if i == 0 {
		return s.layout.name
	}
	return s.layout.name + strconv.Itoa(i+1)
}

// part is the deflated bytes of part i (after finish).
func (s *streamSheet) part(i int) io.Reader {
	p := s.parts[i]
	return io.NewSectionReader(s.spool.f, p.off, p.size)
}

// close stops the compressor if finish did not, and removes the spool.
func (s *streamSheet) close() {
	if !s.stopped {
		s.z.stop()
		s.stopped = true
	}
	s.spool.close()
}

func (s *streamSheet) write(b []byte) {
	s.buf = append(s.buf, b...)
	if len(s.buf) >= chunkSize {
		s.z.send(chunk{data: s.buf})
		s.buf = s.z.buffer()
	}
}

func (s *streamSheet) openPart() {
	s.open, s.rows = true, 0
	s.write(s.prefix())
}

func (s *streamSheet) closePart() {
	s.write([]byte(`</sheetData>` + printSetupXML + `</worksheet>`))
	s.z.send(chunk{data: s.buf, end: true, rows: s.rows})
	s.buf = s.z.buffer()
	s.open = false
	s.sent++
}

// prefix is a part's XML up to and including its header row: the frozen
// first row, the column widths, the styled header.
func (s *streamSheet) prefix() []byte {
	b := []byte(xml.Header + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
		`<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>` +
		`<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>` +
		`<sheetFormatPr defaultRowHeight="15"/><cols>`)
	for i, w := range s.layout.widths {
		b = fmt.Appendf(b, `<col min="%d" max="%d" width="%s" customWidth="1"/>`, i+1, i+1, strconv.FormatFloat(w, 'f', -1, 64))
	}
	b = append(b, `</cols><sheetData>`...)
	c := s.c
	c.beginStyled(1, s.style)
	for _, h := range s.layout.head {
		c.styledText(fmt.Sprint(h), s.style)
	}
	c.end()
	return append(b, c.buf...)
}

// spool is an unnamed temporary file: removed from its directory as soon
// as it is made (on systems that allow it), so the personal data it holds
// is gone with the process however the process ends. It is made 0600 in
// the system's temporary directory, and counts what is written to it.
type spool struct {
	f       *os.File
	w       *bufio.Writer
	n       int64
	removed bool
}

func newSpool() (*spool, error) {
	f, removed, err := privfile.Scratch("mobilize-sheet-*")
	if err != nil {
		return nil, err
	}
	return &spool{f: f, w: bufio.NewWriterSize(f, 1<<16), removed: removed}, nil
}

func (s *spool) Write(p []byte) (int, error) {
	n, err := s.w.Write(p)
	s.n += int64(n)
	return n, err
}

func (s *spool) flush() error { return s.w.Flush() }

func (s *spool) close() {
	s.f.Close()
	if !s.removed {
		os.Remove(s.f.Name())
	}
}

// printSetupXML prints a streamed sheet landscape on A4, as wide as one
// page and as many pages long as it needs (fitToPage in sheetPr turns the
// fit on); the header row is repeated on every page by the workbook's
// print titles (printTitles). Without it a small campaign printed as
// twenty pages of column fragments.
const printSetupXML = `<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>` +
	`<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>`
