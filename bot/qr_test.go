package bot

import (
	"bytes"
	"strings"
	"testing"
)

func TestDrawQR(t *testing.T) {
	var buf bytes.Buffer
	drawQR(&buf, "", "wxUUID==")
	out := buf.String()
	if strings.Contains(out, "账号") {
		t.Errorf("one account: no account line wanted:\n%s", out)
	}
	if !strings.Contains(out, "https://login.weixin.qq.com/qrcode/wxUUID==") {
		t.Errorf("no image URL in %q", out)
	}
	if !strings.ContainsAny(out, "▀▄█") || strings.Count(out, "\n") < 15 {
		t.Errorf("no QR code drawn:\n%s", out)
	}
}

// TestDrawQRNamesTheAccount: with several accounts each code has its
// account's name above it, in the same single write.
func TestDrawQRNamesTheAccount(t *testing.T) {
	var w countingWriter
	drawQR(&w, "值班号2", "wxUUID==")
	out := w.buf.String()
	if !strings.HasPrefix(out, "━━━━ 账号：值班号2 ━━━━\n"+txtScanQR) {
		t.Errorf("no account line above the code:\n%s", out)
	}
	if w.writes != 1 {
		t.Errorf("%d writes, want 1 (codes of accounts logging in at once must not interleave)", w.writes)
	}
}

type countingWriter struct {
	buf    bytes.Buffer
	writes int
}

func (c *countingWriter) Write(p []byte) (int, error) { c.writes++; return c.buf.Write(p) }
