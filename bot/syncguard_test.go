package bot

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

type canned string

func (c canned) RoundTrip(*http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader(string(c))), Header: http.Header{}}, nil
}

func TestSyncGuard(t *testing.T) {
	sync, _ := http.NewRequest("POST", "https://wx.qq.com/cgi-bin/mmwebwx-bin/webwxsync?sid=x", nil)
	other, _ := http.NewRequest("POST", "https://wx.qq.com/cgi-bin/mmwebwx-bin/webwxsendmsg", nil)
	if _, err := guardSync(canned(`{"BaseResponse":{"Ret":1101}}`)).RoundTrip(sync); err == nil || !strings.Contains(err.Error(), "Ret 1101") {
		t.Errorf("a sync answer without SyncKey must become an error, got %v", err)
	}
	if _, err := guardSync(canned(`{"BaseResponse":{"Ret":0},"SyncKey":null}`)).RoundTrip(sync); err == nil {
		t.Error("a null SyncKey must become an error")
	}
	good := `{"BaseResponse":{"Ret":0},"SyncKey":{"Count":0,"List":[]}}`
	resp, err := guardSync(canned(good)).RoundTrip(sync)
	if err != nil {
		t.Fatal(err)
	}
	if body, _ := io.ReadAll(resp.Body); string(body) != good {
		t.Errorf("a good answer must pass through unchanged: %q", body)
	}
	if _, err := guardSync(canned(`not json`)).RoundTrip(other); err != nil {
		t.Errorf("other requests are not inspected: %v", err)
	}
}
