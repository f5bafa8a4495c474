package zhdur

import (
	"testing"
	"time"
)

func TestFormat(t *testing.T) {
	for _, c := range []struct {
		d    time.Duration
		want string
	}{
		{-5 * time.Second, "0秒"},
		{0, "0秒"},
		{999 * time.Millisecond, "0秒"},
		{time.Second, "1秒"},
		{4*time.Minute + 17*time.Second + 400*time.Millisecond, "4分17秒"},
		{10 * time.Minute, "10分"},
		{time.Hour + 3*time.Minute + 20*time.Second, "1小时3分"},
		{time.Hour + 20*time.Second, "1小时"},
		{2 * time.Hour, "2小时"},
		{3*24*time.Hour + 4*time.Hour + 5*time.Minute, "3天4小时"},
		{24*time.Hour + 5*time.Minute, "1天"},
	} {
		if got := Format(c.d); got != c.want {
			t.Errorf("Format(%v) = %q, want %q", c.d, got, c.want)
		}
	}
}

func TestAgo(t *testing.T) {
	if got := Ago(4*time.Minute + 17*time.Second); got != "4分17秒前" {
		t.Errorf("Ago = %q", got)
	}
}
