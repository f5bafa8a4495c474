package report

import (
	"bufio"
	"compress/flate"
	"encoding/xml"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
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
// excelize's stream writer cannot afford to: each row is encoded straight
// into a deflate stream whose output goes to a temporary file (the spool),
// so memory holds one row, the file holds what the zip will hold, and the
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
	zw      *flate.Writer
	crc     hash.Hash32
	raw     int64
	cur     *sheetPart // nil between parts
	parts   []sheetPart
	c       *cells
}

func newStreamSheet(l sheetLayout, headStyle, maxRows int, loc *time.Location) (*streamSheet, error) {
	sp, err := newSpool()
	if err != nil {
		return nil, err
	}
	zw, err := flate.NewWriter(sp, flate.BestSpeed)
	if err != nil {
		sp.close()
		return nil, err
	}
	return &streamSheet{layout: l, style: headStyle, maxRows: maxRows, spool: sp, zw: zw, crc: crc32.NewIEEE(),
		c: newCells(len(l.head), loc)}, nil
}

// next begins the next data row and returns its encoder; commit ends it.
func (s *streamSheet) next() (*cells, error) {
	if s.cur != nil && s.cur.rows == s.maxRows {
		if err := s.closePart(); err != nil {
			return nil, err
		}
	}
	if s.cur == nil {
		if err := s.openPart(); err != nil {
			return nil, err
		}
	}
	s.c.begin(s.cur.rows + 2)
	return s.c, nil
}

func (s *streamSheet) commit() error {
	s.c.end()
	s.cur.rows++
	return s.write(s.c.buf)
}

// finish closes the last part; a sheet without rows still gets one, with
// its header.
func (s *streamSheet) finish() error {
	if s.cur == nil && len(s.parts) == 0 {
		if err := s.openPart(); err != nil {
			return err
		}
	}
	if s.cur != nil {
		if err := s.closePart(); err != nil {
			return err
		}
	}
	return s.spool.flush()
}

// rows counts the data rows of every part.
func (s *streamSheet) rows() int {
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

func (s *streamSheet) close() { s.spool.close() }

func (s *streamSheet) write(b []byte) error {
	s.crc.Write(b)
	s.raw += int64(len(b))
	_, err := s.zw.Write(b)
	return err
}

func (s *streamSheet) openPart() error {
	s.cur = &sheetPart{off: s.spool.n}
	s.zw.Reset(s.spool)
	s.crc.Reset()
	s.raw = 0
	return s.write(s.prefix())
}

func (s *streamSheet) closePart() error {
	if err := s.write([]byte(`</sheetData></worksheet>`)); err != nil {
		return err
	}
	if err := s.zw.Close(); err != nil {
		return err
	}
	p := *s.cur
	p.size, p.crc, p.raw = s.spool.n-p.off, s.crc.Sum32(), s.raw
	s.parts, s.cur = append(s.parts, p), nil
	return nil
}

// prefix is a part's XML up to and including its header row: the frozen
// first row, the column widths, the styled header.
func (s *streamSheet) prefix() []byte {
	b := []byte(xml.Header + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
		`<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>` +
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
	f, err := os.CreateTemp("", "mobilize-sheet-*")
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return &spool{f: f, w: bufio.NewWriterSize(f, 1<<16), removed: os.Remove(f.Name()) == nil}, nil
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
