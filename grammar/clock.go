package grammar

// Clock ranges in a 打卡: 7:30-12:30, 8点到12点, 7点半~11点 are the hours
// between them (five, four, three and a half). They are rewritten as a
// duration before the message is normalised, since normalising turns the
// ':' of a clock time into a space.

import (
	"regexp"
	"strconv"
	"strings"
)

// clockRange matches two clock times joined by a range mark. A time is
// H:MM (either colon), H点, H点半 or H点MM分.
var clockRange = regexp.MustCompile(`(\d{1,2})(?:[:：](\d{2})|点(半|\d{1,2}分?)?)\s*(?:-|~|～|－|—|至|到)\s*(\d{1,2})(?:[:：](\d{2})|点(半|\d{1,2}分?)?)`)

// rewriteClockRanges replaces each clock range of a 打卡 message by the
// duration it spans (5小时). A range that spans nothing, or more than a
// day, is left as typed.
func rewriteClockRanges(text string) string {
	if !strings.Contains(text, "打卡") {
		return text
	}
	return clockRange.ReplaceAllStringFunc(text, func(m string) string {
		g := clockRange.FindStringSubmatch(m)
		start, ok1 := clockMinutes(g[1], g[2], g[3])
		end, ok2 := clockMinutes(g[4], g[5], g[6])
		if !ok1 || !ok2 {
			return m
		}
		if end <= start && end+12*60 > start { // 8点-5点: the afternoon
			end += 12 * 60
		}
		d := end - start
		if d <= 0 || d > 24*60 {
			return m
		}
		return " " + strconv.FormatFloat(float64(d)/60, 'f', -1, 64) + "小时 "
	})
}

// clockMinutes reads one clock time: the hour, and the minutes typed after
// a colon or after 点 (半 is 30).
func clockMinutes(hour, colonMin, dianMin string) (int, bool) {
	h, err := strconv.Atoi(hour)
	if err != nil || h > 24 {
		return 0, false
	}
	m := 0
	switch {
	case colonMin != "":
		m, _ = strconv.Atoi(colonMin)
	case dianMin == "半":
		m = 30
	case dianMin != "":
		m, _ = strconv.Atoi(strings.TrimSuffix(dianMin, "分"))
	}
	if m > 59 {
		return 0, false
	}
	return h*60 + m, true
}
