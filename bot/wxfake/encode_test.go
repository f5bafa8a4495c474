package wxfake

import (
	"html"
	"strings"
	"testing"
)

// decodeGroupContent parses a group message's RawContent the way
// docs/wechat-protocol.md tells the bot to: strip the leading "@sender:<br/>", turn
// <br/> into newlines, unescape HTML.
func decodeGroupContent(raw string) (sender, text string) {
	sender, body, _ := strings.Cut(raw, ":<br/>")
	return sender, html.UnescapeString(strings.ReplaceAll(body, "<br/>", "\n"))
}

// FuzzGroupContent checks that the fake renders any text so that the
// documented parsing gives it back unchanged.
func FuzzGroupContent(f *testing.F) {
	for _, s := range []string{"报名:\n张三", "a:<br/>b", "&lt;", "<b>&amp;</b>", "", "\n\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if strings.Contains(text, "\r") {
			t.Skip("WeChat normalises carriage returns; out of scope")
		}
		s := New(WithGroups(Group{NickName: "g", Members: []Member{{NickName: "m"}}}))
		ss := newSession()
		s.mu.Lock()
		s.appendEvent(&event{group: "g", from: "m", text: text})
		m := s.render(ss, s.events[0])
		s.mu.Unlock()
		sender, got := decodeGroupContent(m.Content)
		if sender != ss.userName(kindPerson, "m") || got != text {
			t.Fatalf("Content %q decodes to %q from %q, want %q", m.Content, got, sender, text)
		}
	})
}

func TestParseSyncKeyParam(t *testing.T) {
	for in, want := range map[string]int64{
		"1_5|2_5|3_0|1000_1": 5,
		"2_7|1_42":           42,
		"":                   0,
		"1_x":                0,
	} {
		if got := parseSyncKeyParam(in); got != want {
			t.Errorf("parseSyncKeyParam(%q) = %d, want %d", in, got, want)
		}
	}
}
