package report

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// cells encodes the rows of a streamed sheet as SpreadsheetML, appending
// to one buffer that is reused for every row: the large sheets cost a few
// hundred bytes of XML per row and no allocation. Strings are inline
// (t="inlineStr"), so no shared-string table grows with the sheet; numbers
// are plain cells; times are date serials with a date style, as Excel
// stores them.
type cells struct {
	buf  []byte
	cols []string // column letters, A, B, …
	row  []byte   // the current row's number, in decimal
	col  int      // the next cell's column, 0-based
	gap  bool     // a cell was skipped since the last one written
	loc  *time.Location
}

// maxCellText is the longest text Excel keeps in a cell, in UTF-16 units.
const maxCellText = 32767

// excelEpoch is 1970-01-01 as an Excel date serial (the 1900 date system,
// whose day 0 is 1899-12-30).
const excelEpoch = 25569

func newCells(ncols int, loc *time.Location) *cells {
	c := &cells{loc: loc}
	for i := 1; i <= ncols; i++ {
		name, _ := excelize.ColumnNumberToName(i)
		c.cols = append(c.cols, name)
	}
	return c
}

// begin starts row n (1-based); the buffer holds only this row from here.
func (c *cells) begin(n int) {
	c.row = strconv.AppendInt(c.row[:0], int64(n), 10)
	c.col, c.gap = 0, false
	c.buf = append(c.buf[:0], `<row r="`...)
	c.buf = append(c.buf, c.row...)
	c.buf = append(c.buf, `">`...)
}

// beginStyled starts row n with a row style (the header).
func (c *cells) beginStyled(n, style int) {
	c.begin(n)
	c.buf = c.buf[:len(c.buf)-1]
	c.buf = append(c.buf, ` s="`...)
	c.buf = strconv.AppendInt(c.buf, int64(style), 10)
	c.buf = append(c.buf, `" customFormat="1">`...)
}

func (c *cells) end() { c.buf = append(c.buf, `</row>`...) }

// open starts the next cell: its style (0 = none), its type (empty =
// number), and its reference only after a gap: a cell without one is the
// one after the previous (ECMA-376, the c element), and leaving it out saves a
// fifth of the bytes to compress.
func (c *cells) open(style int, typ string) {
	c.buf = append(c.buf, `<c`...)
	if c.gap {
		c.buf = append(c.buf, ` r="`...)
		c.buf = append(c.buf, c.cols[c.col]...)
		c.buf = append(c.buf, c.row...)
		c.buf = append(c.buf, '"')
		c.gap = false
	}
	if style != 0 {
		c.buf = append(c.buf, ` s="`...)
		c.buf = strconv.AppendInt(c.buf, int64(style), 10)
		c.buf = append(c.buf, '"')
	}
	if typ != "" {
		c.buf = append(c.buf, ` t="`...)
		c.buf = append(c.buf, typ...)
		c.buf = append(c.buf, '"')
	}
	c.buf = append(c.buf, '>')
	c.col++
}

// skip leaves the next cell empty.
func (c *cells) skip() { c.col, c.gap = c.col+1, true }

// text is a string cell; an empty string leaves the cell empty.
func (c *cells) text(s string) { c.styledText(s, 0) }

func (c *cells) styledText(s string, style int) {
	if s == "" {
		c.skip()
		return
	}
	c.open(style, "inlineStr")
	c.buf = append(c.buf, `<is><t`...)
	if needsPreserve(s) {
		c.buf = append(c.buf, ` xml:space="preserve"`...)
	}
	c.buf = append(c.buf, '>')
	c.buf = appendXMLText(c.buf, s)
	c.buf = append(c.buf, `</t></is></c>`...)
}

// int is a whole-number cell.
func (c *cells) int(n int64) {
	c.open(0, "")
	c.buf = append(c.buf, `<v>`...)
	c.buf = strconv.AppendInt(c.buf, n, 10)
	c.buf = append(c.buf, `</v></c>`...)
}

// num is a number cell; NaN and infinities, which a cell cannot hold,
// leave it empty.
func (c *cells) num(f float64) { c.styledNum(f, 0) }

func (c *cells) styledNum(f float64, style int) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		c.skip()
		return
	}
	c.open(style, "")
	c.buf = append(c.buf, `<v>`...)
	c.buf = strconv.AppendFloat(c.buf, f, 'f', -1, 64)
	c.buf = append(c.buf, `</v></c>`...)
}

// time is t as a dated cell showing the wall clock in the report's zone
// (Excel has no zones); the zero time leaves the cell empty.
func (c *cells) time(t time.Time, style int) {
	if t.IsZero() {
		c.skip()
		return
	}
	_, off := t.In(c.loc).Zone()
	c.styledNum(float64(t.Unix()+int64(off))/86400+excelEpoch, style)
}

// day is a YYYY-MM-DD string as a date cell, or as text if it is not one.
func (c *cells) day(s string, style int) {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		c.text(s)
		return
	}
	c.styledNum(float64(d.Unix()/86400+excelEpoch), style)
}

// needsPreserve reports whether s starts or ends with white space, which
// XML readers drop unless told to keep it.
func needsPreserve(s string) bool {
	isSpace := func(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }
	return isSpace(s[0]) || isSpace(s[len(s)-1])
}

// appendXMLText appends s as XML character data: & < > escaped, a
// carriage return kept as a reference (parsers turn a literal one into a
// line feed), and what XML 1.0 cannot hold at all (other control
// characters, U+FFFE/U+FFFF, invalid UTF-8) dropped, since one such byte
// makes Excel refuse the whole file. Text past Excel's cell limit is cut.
func appendXMLText(b []byte, s string) []byte {
	if plainXML(s) {
		return append(b, s...)
	}
	units := 0
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		char := s[i : i+size]
		i += size
		if !xmlChar(r, size) {
			continue
		}
		if units += utf16Len(r); units > maxCellText {
			break
		}
		switch r {
		case '&':
			b = append(b, "&amp;"...)
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		case '\r':
			b = append(b, "&#13;"...)
		default:
			b = append(b, char...)
		}
	}
	return b
}

// plainXML reports whether s can be written as it is: valid UTF-8 with
// nothing to escape or drop, and short enough (a UTF-16 unit takes at
// least a byte). Most cells are, and this check is cheaper than decoding
// them rune by rune.
func plainXML(s string) bool {
	if len(s) > maxCellText {
		return false
	}
	maybeNonChar := false // U+FFFE and U+FFFF begin with 0xEF, as do full-width ，（）
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c == '&' || c == '<' || c == '>':
			return false
		case c == 0xEF:
			maybeNonChar = true
		}
	}
	if maybeNonChar && (strings.Contains(s, "\uFFFE") || strings.Contains(s, "\uFFFF")) {
		return false
	}
	return utf8.ValidString(s)
}

// xmlChar reports whether XML 1.0 can hold r, decoded from size bytes.
func xmlChar(r rune, size int) bool {
	switch {
	case r == utf8.RuneError && size == 1: // invalid UTF-8
		return false
	case r < 0x20:
		return r == '\t' || r == '\n' || r == '\r'
	}
	return r != 0xFFFE && r != 0xFFFF
}

func utf16Len(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}
