package web

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strings"
)

// Charts are drawn on the server as inline SVG: no script, no chart
// library, nothing fetched; they print and they open in any browser.

// palette colours series in order; readable on white and in grey print.
var palette = []string{"#b3261e", "#0969da", "#1a7f37", "#9a6700", "#8250df", "#57606a"}

// series is one line of a line chart: a value per x position.
type series struct {
	Name   string
	Values []int
	Limit  int // a dashed horizontal line (the quota); 0: none
}

const (
	chartW, chartH = 360, 220
	padL, padR     = 34, 10
	padT, padB     = 12, 44
)

// lineChart draws series over the x labels (shown at a few ticks), with a
// legend below. Values start at zero; the top is the largest value or
// limit, rounded up to a readable step.
func lineChart(title string, xs []string, ss []series) template.HTML {
	var b strings.Builder
	top := 0
	for _, s := range ss {
		top = max(top, s.Limit)
		for _, v := range s.Values {
			top = max(top, v)
		}
	}
	top, step := niceTop(top)
	plotW, plotH := float64(chartW-padL-padR), float64(chartH-padT-padB)
	x := func(i int) float64 {
		if len(xs) <= 1 {
			return padL + plotW/2
		}
		return padL + plotW*float64(i)/float64(len(xs)-1)
	}
	y := func(v int) float64 { return padT + plotH*(1-float64(v)/float64(top)) }
	svgOpen(&b, title, chartH)
	for v := 0; v <= top; v += step {
		fmt.Fprintf(&b, `<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#e5e7eb"/>`, padL, chartW-padR, y(v), y(v))
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" text-anchor="end" font-size="10" fill="#656d76">%d</text>`, padL-4, y(v)+3, v)
	}
	for _, i := range ticks(len(xs), 4) {
		anchor := "middle" // the ends are anchored inward, so no label is cut
		switch {
		case i == 0 && len(xs) > 1:
			anchor = "start"
		case i == len(xs)-1 && len(xs) > 1:
			anchor = "end"
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="%s" font-size="10" fill="#656d76">%s</text>`,
			x(i), chartH-padB+14, anchor, html.EscapeString(xs[i]))
	}
	for k, s := range ss {
		c := palette[k%len(palette)]
		if s.Limit > 0 {
			fmt.Fprintf(&b, `<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="%s" stroke-dasharray="4 3" opacity=".6"/>`,
				padL, chartW-padR, y(s.Limit), y(s.Limit), c)
		}
		pts := make([]string, len(s.Values))
		for i, v := range s.Values {
			pts[i] = fmt.Sprintf("%.1f,%.1f", x(i), y(v))
		}
		fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="2.5" stroke-linejoin="round" points="%s"/>`, c, strings.Join(pts, " "))
	}
	legend(&b, ss)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// legend writes the series names under the plot.
func legend(b *strings.Builder, ss []series) {
	lx := float64(padL)
	for k, s := range ss {
		c := palette[k%len(palette)]
		fmt.Fprintf(b, `<rect x="%.1f" y="%d" width="12" height="4" fill="%s"/>`, lx, chartH-14, c)
		fmt.Fprintf(b, `<text x="%.1f" y="%d" font-size="11" fill="#1f2328">%s</text>`, lx+16, chartH-9, html.EscapeString(s.Name))
		lx += 16 + 12*float64(len([]rune(s.Name))) + 18
	}
}

// bar is one row of a horizontal bar chart: stacked parts, a label, and
// the figure written at its end.
type bar struct {
	Label string
	Parts []float64
	Note  string
}

// barChart draws labelled horizontal bars, parts stacked in palette
// colours named by parts (the legend), scaled to the longest bar.
func barChart(title string, parts []string, bars []bar) template.HTML {
	var b strings.Builder
	const rowH, labelW = 26, 112
	h := padT + rowH*len(bars) + 8
	if len(parts) > 1 {
		h += 20 // the legend
	}
	longest := 0.0
	for _, br := range bars {
		sum := 0.0
		for _, p := range br.Parts {
			sum += p
		}
		longest = math.Max(longest, sum)
	}
	if longest == 0 {
		longest = 1
	}
	plotW := float64(chartW - labelW - 96) // room for the note after the longest bar
	svgOpen(&b, title, h)
	for i, br := range bars {
		top := padT + i*rowH
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" font-size="11" fill="#1f2328">%s</text>`,
			labelW-6, top+15, html.EscapeString(shorten(br.Label, 9)))
		x := float64(labelW)
		for k, p := range br.Parts {
			w := plotW * p / longest
			fmt.Fprintf(&b, `<rect x="%.1f" y="%d" width="%.1f" height="16" fill="%s"/>`, x, top+3, w, palette[k%len(palette)])
			x += w
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" font-size="11" fill="#656d76">%s</text>`, x+4, top+15, html.EscapeString(br.Note))
	}
	if len(parts) > 1 {
		ss := make([]series, len(parts))
		for i, p := range parts {
			ss[i].Name = p
		}
		var lb strings.Builder
		legend(&lb, ss)
		// legend() writes at the bottom of a standard chart; shift it here.
		fmt.Fprintf(&b, `<g transform="translate(%d %d)">%s</g>`, labelW-padL, h-chartH, lb.String())
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func svgOpen(b *strings.Builder, title string, h int) {
	fmt.Fprintf(b, `<svg class="chart" viewBox="0 0 %d %d" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg">`,
		chartW, h, html.EscapeString(title))
	fmt.Fprintf(b, `<title>%s</title>`, html.EscapeString(title))
}

// niceTop rounds the top of a value axis up to a multiple of a readable
// grid step (1, 2 or 5 times a power of ten) with at most five steps.
func niceTop(v int) (top, step int) {
	if v <= 4 {
		return 4, 1
	}
	mag := int(math.Pow(10, math.Floor(math.Log10(float64(v)))))
	for _, p := range []int{mag / 10, mag} {
		for _, m := range []int{1, 2, 5} {
			if s := m * p; s > 0 && (v+s-1)/s <= 5 {
				return (v + s - 1) / s * s, s
			}
		}
	}
	return 10 * mag, 2 * mag
}

// ticks picks at most n evenly spread indexes of a length-long axis,
// always the first and the last.
func ticks(length, n int) []int {
	if length == 0 {
		return nil
	}
	if length <= n {
		out := make([]int, length)
		for i := range out {
			out[i] = i
		}
		return out
	}
	out := make([]int, n)
	for i := range out {
		out[i] = i * (length - 1) / (n - 1)
	}
	return out
}

// shorten cuts a label to n runes with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
