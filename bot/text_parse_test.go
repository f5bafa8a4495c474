package bot

import (
	"strings"
	"testing"
)

// wire renders text the way the servers put it in a group message's
// Content: escaped, newlines as <br/>, after the sender's UserName.
func wire(sender, text string) string {
	esc := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\n", "<br/>").Replace(text)
	return sender + ":<br/>" + esc
}

func TestPlainText(t *testing.T) {
	cases := []struct{ raw, want string }{
		{wire("@abc", "报名 先锋 张三 13800138000"), "报名 先锋 张三 13800138000"},
		{wire("@abc", "报名:\n先锋:\n张三"), "报名:\n先锋:\n张三"},
		{wire("@abc", "A&B <b> &amp;"), "A&B <b> &amp;"},
		{wire("@abc", "#接龙\n1. 张三\n2. 李四"), "#接龙\n1. 张三\n2. 李四"},
	}
	for _, c := range cases {
		if got := plainText(c.raw, true); got != c.want {
			t.Errorf("plainText(%q) = %q, want %q", c.raw, got, c.want)
		}
	}
	if got := plainText("报名:<br/>张三", false); got != "报名:\n张三" {
		t.Errorf("friend message: %q", got)
	}
}

// FuzzPlainText: whatever a member types comes back exactly.
func FuzzPlainText(f *testing.F) {
	for _, s := range []string{"报名 先锋 张三 13800138000", "a:\nb", "&lt;", ":<br/>", "@x:<br/>y", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if strings.Contains(text, "\r") {
			t.Skip()
		}
		if got := plainText(wire("@0123abcdef", text), true); got != text {
			t.Fatalf("typed %q, read %q", text, got)
		}
	})
}
