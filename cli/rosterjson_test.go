package cli

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
)

// TestRosterJSONMatchesEncodingJSON holds the hand-written encoder to
// encoding/json's output, byte for byte, on awkward text and on random
// strings.
func TestRosterJSONMatchesEncodingJSON(t *testing.T) {
	awkward := []string{"", "张三", `引号"和\反斜杠`, "<b>&amp;</b>", "tab\tnl\ncr\r\b\f\x00\x1f\x7f",
		"bad \xff\xfe utf8 \xe4\xb8", "line\u2028para\u2029", "emoji 🧑‍🚒 𝟏𝟑𝟖", "\uFFFD\uFEFF"}
	rnd := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune{'a', '"', '\\', '<', '&', 0, 0x1f, '\n', 'é', '张', 0x2028, 0x1F600, 0xFFFD}
	for range 300 {
		var r []byte
		for range rnd.IntN(12) {
			if rnd.IntN(10) == 0 {
				r = append(r, byte(0x80+rnd.IntN(0x80))) // a stray byte
			} else {
				r = append(r, string(alphabet[rnd.IntN(len(alphabet))])...)
			}
		}
		awkward = append(awkward, string(r))
	}
	for i, s := range awkward {
		row := rosterRow{Name: s, Phone: "138****8000", Role: "先锋", Status: "候补", Position: i % 3,
			Group: s, Organization: "机构" + s, Time: "2026-11-22 10:00", Remark: awkward[(i+1)%len(awkward)]}
		want, err := json.Marshal(row)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendRosterJSON(nil, row); string(got) != string(want) {
			t.Fatalf("%q:\n got %s\nwant %s", s, got, want)
		}
	}
}
