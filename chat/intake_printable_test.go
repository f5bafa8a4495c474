package chat

import (
	"context"
	"strings"
	"testing"
)

// A message's group, sender, remark and text reach the handler without the
// terminal escapes they came with: nothing stored from them can recolour
// or retitle the terminal that prints a roster or a report.
func TestIntakeStripsControlCharacters(t *testing.T) {
	got := make(chan Message, 1)
	in := NewIntake(handlerFunc(func(_ context.Context, m Message) error { got <- m; return nil }), nil, 1, 0, nil)
	in.Start(context.Background(), 1)
	in.Offer(Message{ID: "1", Group: "幸福\x1b[2J小区群", Sender: "张\x1b]0;x\x07三", Remark: "李\u202e四",
		Text: "捐赠 先锋 张三 口罩\x1b[31m 2个\n第二行"})
	m := <-got
	in.Close()
	for _, s := range []string{m.Group, m.Sender, m.Remark, m.Text} {
		if strings.ContainsAny(s, "\x1b\x07\u202e") {
			t.Errorf("control character kept: %q", s)
		}
	}
	if m.Group != "幸福[2J小区群" || !strings.Contains(m.Text, "\n第二行") {
		t.Errorf("message = %+v", m)
	}
}
