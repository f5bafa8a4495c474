package bot

import (
	"bytes"
	"strings"
	"testing"
)

func TestDrawQR(t *testing.T) {
	var buf bytes.Buffer
	drawQR(&buf, "wxUUID==")
	out := buf.String()
	if !strings.Contains(out, "https://login.weixin.qq.com/qrcode/wxUUID==") {
		t.Errorf("no image URL in %q", out)
	}
	if !strings.ContainsAny(out, "▀▄█") || strings.Count(out, "\n") < 15 {
		t.Errorf("no QR code drawn:\n%s", out)
	}
}
