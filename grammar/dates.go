package grammar

// Dates of a 打卡: 昨天, 3天前, 11月20日, 2025-11-20.

import (
	"math"
	"strconv"
	"strings"
)

// recDayWords are the dates typed as words, with how many days ago they are.
var recDayWords = []struct {
	word string
	ago  int
}{
	{"大前天", 3}, {"前天", 2}, {"昨天", 1}, {"昨日", 1}, {"今天", 0}, {"今日", 0},
}

// recFutureWords are days still to come: a service record for them is a
// mistake, refused with a hint rather than filed under today.
var recFutureWords = []string{"大后天", "后天", "明天", "明日"}

// matchDate finds a date at the start of s: 今天 昨天 前天 大前天, N天前,
// [YYYY年]M月D[日|号], [YYYY-]M-D and [YYYY/]M/D. A date that cannot be
// (13月1日, 2月30日) is returned with bad set.
func matchDate(s string) (recLexeme, int) {
	for _, w := range recFutureWords {
		if strings.HasPrefix(s, w) {
			return recLexeme{kind: recDate, bad: true}, len(w) // service not yet done
		}
	}
	for _, w := range recDayWords {
		if strings.HasPrefix(s, w.word) {
			return recLexeme{kind: recDate, date: DateSpec{DaysAgo: w.ago}}, len(w.word)
		}
	}
	if x, n := ParseNumeral(s); n > 0 && strings.HasPrefix(s[n:], "天前") {
		l := recLexeme{kind: recDate}
		if x != math.Trunc(x) || x > recMaxDays {
			l.bad = true
		} else {
			l.date.DaysAgo = int(x)
		}
		return l, n + len("天前")
	}
	if l, n := matchChineseDate(s); n > 0 {
		return l, n
	}
	return matchDashDate(s)
}

// matchChineseDate reads [YYYY年]M月D[日|号]; without 日 or 号 the day must end
// the word.
func matchChineseDate(s string) (recLexeme, int) {
	i, year := 0, 0
	if arabicEnd(s, 0) == 4 && strings.HasPrefix(s[4:], "年") {
		i = 4 + len("年")
		year, _ = strconv.Atoi(s[:4])
	}
	m, n := ParseNumeral(s[i:])
	if n == 0 || !strings.HasPrefix(s[i+n:], "月") {
		return recLexeme{}, 0
	}
	j := i + n + len("月")
	d, dn := ParseNumeral(s[j:])
	if dn == 0 {
		return recLexeme{}, 0
	}
	k := j + dn
	switch {
	case strings.HasPrefix(s[k:], "日"), strings.HasPrefix(s[k:], "号"):
		k += len("日")
	case k != len(s):
		return recLexeme{}, 0
	}
	return withYear(monthDay(m, d), year), k
}

// matchDashDate reads [YYYY-]M-D or [YYYY/]M/D (1 or 2 digits each), which
// must end the word or be followed by 日 or 号. Digits that make no date are
// no date (8:00-12:00 arrives here as 8 00-12 00).
func matchDashDate(s string) (recLexeme, int) {
	i := 0
	if arabicEnd(s, 0) == 4 && len(s) > 4 && (s[4] == '-' || s[4] == '/') {
		i = 5
	}
	m := arabicEnd(s, i)
	if m-i < 1 || m-i > 2 || m >= len(s) || (s[m] != '-' && s[m] != '/') || (i > 0 && s[m] != s[4]) {
		return recLexeme{}, 0
	}
	d := arabicEnd(s, m+1)
	if d-m-1 < 1 || d-m-1 > 2 {
		return recLexeme{}, 0
	}
	k := d
	switch {
	case strings.HasPrefix(s[k:], "日"), strings.HasPrefix(s[k:], "号"):
		k += len("日")
	case k != len(s):
		return recLexeme{}, 0
	}
	month, _ := strconv.Atoi(s[i:m])
	day, _ := strconv.Atoi(s[m+1 : d])
	year := 0
	if i > 0 {
		year, _ = strconv.Atoi(s[:4])
	}
	if l := monthDay(float64(month), float64(day)); !l.bad {
		return withYear(l, year), k
	}
	return recLexeme{}, 0 // 00-12 is more likely a clock time than a date
}

var recMonthDays = [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

func monthDay(m, d float64) recLexeme {
	l := recLexeme{kind: recDate}
	if m != math.Trunc(m) || d != math.Trunc(d) || m < 1 || m > 12 || d < 1 || d > float64(recMonthDays[int(m)]) {
		l.bad = true
		return l
	}
	l.date = DateSpec{Month: int(m), Day: int(d)}
	return l
}

// Years a 打卡 may name: a year outside is a typing mistake.
const recMinYear, recMaxYear = 2000, 2099

// withYear keeps the year typed with a date (2025-11-20 is not this year's
// 11-20), refusing one that cannot be meant.
func withYear(l recLexeme, year int) recLexeme {
	if year == 0 || l.bad {
		return l
	}
	if year < recMinYear || year > recMaxYear {
		l.bad = true
		return l
	}
	l.date.Year = year
	return l
}
