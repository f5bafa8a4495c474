// Package zhdur writes durations the way a Chinese operator reads them:
// "4分17秒", "2小时5分", "3天4小时". Go's own form ("4m17s") is a
// programmer's notation and shows nanosecond noise; operators are told how
// long ago or how long for, to the second at most.
package zhdur

import (
	"strconv"
	"strings"
	"time"
)

// units are the parts a duration is written in, largest first.
var units = []struct {
	size time.Duration
	name string
}{
	{24 * time.Hour, "天"},
	{time.Hour, "小时"},
	{time.Minute, "分"},
	{time.Second, "秒"},
}

// Format writes d with its two largest non-zero units, rounded down to
// the smaller one ("1小时3分", not "1小时3分20秒": more is noise to a
// reader). Under a second, and negative durations (clock skew between
// processes), read "0秒".
func Format(d time.Duration) string {
	if d < time.Second {
		return "0秒"
	}
	var b strings.Builder
	parts := 0
	for _, u := range units {
		n := d / u.size
		if n == 0 {
			if parts > 0 {
				break // "1小时5秒" would hide the missing minutes
			}
			continue
		}
		b.WriteString(strconv.FormatInt(int64(n), 10))
		b.WriteString(u.name)
		d -= n * u.size
		if parts++; parts == 2 {
			break
		}
	}
	return b.String()
}

// Ago is Format followed by 前 ("4分17秒前"), for a past moment.
func Ago(d time.Duration) string { return Format(d) + "前" }
