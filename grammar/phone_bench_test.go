package grammar

import (
	"strings"
	"testing"
)

// A pasted wall of digit groups once took seconds to read: every start of a
// run tried every end. BenchmarkParseDigitWall reads the same shape at 400 B
// and at 4 kB; linear reading makes the second about ten times the first
// (it was about a thousand).
func BenchmarkParseDigitWall(b *testing.B) {
	for _, size := range []struct {
		name string
		n    int
	}{{"400B", 400}, {"4kB", 4000}} {
		for _, unit := range []string{"1 ", "12-", "1."} {
			msg := "报名 先锋 张三 " + strings.Repeat(unit, size.n/len(unit))
			b.Run(size.name+"/"+strings.TrimSpace(unit), func(b *testing.B) {
				for b.Loop() {
					Parse(msg, nil)
				}
			})
		}
	}
}

// The phone inside a long run of digit groups is still found when the
// reading is bounded.
func TestPhoneInsideLongRun(t *testing.T) {
	msg := "报名 先锋 张三 " + strings.Repeat("1 ", 300) + "138 0013 8000"
	runs := digitRuns(msg)
	found := false
	for _, r := range runs {
		if r.digits == "13800138000" {
			found = true
		}
	}
	if !found {
		t.Fatalf("phone not found among %d runs", len(runs))
	}
	if c := Parse("报名 先锋 张三 0086 138 0013 8000", nil); c.Phone != "13800138000" {
		t.Fatalf("0086 prefixed phone: %+v", c)
	}
}
