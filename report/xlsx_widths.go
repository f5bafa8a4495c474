package report

import (
	"context"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Column widths, in Excel's units (about one Latin digit each).
const (
	minWidth   = 8
	maxWidth   = 60
	stampWidth = 17 // yyyy-mm-dd hh:mm, with room
)

// cellWidth is about how many width units a value takes in Excel: a
// Chinese character (or any full-width one) two, a Latin one one; times
// and dates by their formats. A column narrower than its content shows a
// date or a number as ### (汇总!F1 did) and cuts text at its neighbour.
func cellWidth(v any) float64 {
	switch c := v.(type) {
	case nil:
		return 0
	case excelize.Cell:
		if c.StyleID != 0 {
			if _, ok := c.Value.(time.Time); ok {
				return stampWidth
			}
		}
		return cellWidth(c.Value)
	case time.Time:
		return stampWidth
	case string:
		return textWidth(c)
	}
	return float64(utf8.RuneCountInString(fmt.Sprint(v))) + 1
}

// textWidth counts a full-width rune (CJK, full-width punctuation) as two.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r >= 0x1100 && (r <= 0x115F || r >= 0x2E80) {
			w += 2
		} else {
			w++
		}
	}
	return w
}

// fitWidths is, per column, the width of its widest cell plus a margin,
// between minWidth and maxWidth.
func fitWidths(rows [][]any) []float64 {
	var out []float64
	for _, row := range rows {
		for i, v := range row {
			for len(out) <= i {
				out = append(out, minWidth)
			}
			out[i] = min(max(out[i], cellWidth(v)+2), maxWidth)
		}
	}
	return out
}

// nameWidth is the width the organization and group columns need: the
// widest name of any organization or group (they are few beside the rows,
// so they are read before the streamed sheets fix their widths).
func (b *book) nameWidth(ctx context.Context) (float64, error) {
	groups, err := b.store.GroupOrgs(ctx)
	if err != nil {
		return 0, err
	}
	w := 24.0
	for _, g := range groups {
		w = max(w, textWidth(orgName(g.Organization))+2, textWidth(g.Group)+2)
	}
	return min(w, maxWidth), nil
}
