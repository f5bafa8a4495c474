package bot

import (
	"errors"
	"net/url"
	"strings"
	"testing"
)

func TestRedactRemovesSessionSecretsButKeepsTheChain(t *testing.T) {
	inner := &url.Error{Op: "Post", URL: "https://wx.qq.com/cgi-bin/mmwebwx-bin/webwxsendmsg?lang=zh_CN&pass_ticket=SECRET", Err: errors.New("EOF")}
	err := redact(inner)
	if strings.Contains(err.Error(), "SECRET") || !strings.Contains(err.Error(), "webwxsendmsg?…") {
		t.Errorf("redacted text: %q", err.Error())
	}
	var ue *url.Error
	if !errors.As(err, &ue) || ue != inner {
		t.Error("errors.As must still reach the original error")
	}
	if redact(nil) != nil {
		t.Error("redact(nil) must be nil")
	}
}
