package grammar

import "testing"

// A time range in a 打卡 is the hours it spans (issue 17, habit 7); it was
// read as stray figures.
func TestClockRangeInService(t *testing.T) {
	v := signUpVocab()
	for in, want := range map[string]float64{
		"打卡 7:30-12:30 核酸":  5,
		"打卡 7：30～12：30 核酸":  5,
		"打卡 8点到12点 消杀":      4,
		"打卡 7点半-11点 秩序维护":   3.5,
		"打卡 昨天 14:00-18:30": 4.5,
		"打卡 8点-5点 配送":       9,
	} {
		c := Parse(in, v)
		if c.Kind != Service || c.Problem != OK || c.Service.Hours != want {
			t.Errorf("Parse(%q) = %+v %+v, want %v hours", in, c, c.Service, want)
		}
	}
	if c := Parse("报名 先锋 周凯 13900000001 7:30-12:30有空", v); c.Kind != SignUp {
		t.Errorf("a sign-up with a time range: %+v", c)
	}
}
