package cli

import (
	"io"
	"strings"

	"github.com/mattn/go-runewidth"
)

// table aligns terminal columns by display width: a Chinese character
// takes two cells, so text/tabwriter, which counts runes, shifts every
// column after a Chinese name. Rows are held until flush; a caller with
// many rows flushes every so often (each batch is aligned on its own).
// go-runewidth lives in this package only.
type table struct {
	w    io.Writer
	rows [][]string
}

// newTable starts a table written to w.
func newTable(w io.Writer) *table { return &table{w: w} }

// row adds one row of cells.
func (t *table) row(cells ...string) { t.rows = append(t.rows, cells) }

// flush writes the held rows, every column but the last padded to its
// widest cell plus two spaces, and forgets them.
func (t *table) flush() error {
	widths := map[int]int{}
	for _, r := range t.rows {
		for i, c := range r {
			widths[i] = max(widths[i], runewidth.StringWidth(c))
		}
	}
	var b strings.Builder
	for _, r := range t.rows {
		b.Reset()
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-runewidth.StringWidth(c)+2))
			}
		}
		if _, err := io.WriteString(t.w, strings.TrimRight(b.String(), " ")+"\n"); err != nil {
			return err
		}
	}
	t.rows = t.rows[:0]
	return nil
}

// displayWidth is how many terminal cells s takes.
func displayWidth(s string) int { return runewidth.StringWidth(s) }

// padRight pads s with spaces to n terminal cells.
func padRight(s string, n int) string {
	return s + strings.Repeat(" ", max(0, n-displayWidth(s)))
}
