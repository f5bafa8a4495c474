package bot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// syncGuard protects the process from a webwxsync answer without a
// SyncKey: openwechat v1.4.8 dereferences it unchecked (bot.go:266) on its
// own goroutine, where a panic cannot be recovered and would take the whole
// bot — and every sign-up in flight — down. The guard turns such an answer
// into a transport error, which the library's sync loop logs and retries.
type syncGuard struct{ base http.RoundTripper }

// guardSync wraps base (nil: Go's default transport, which keeps
// HTTPS_PROXY and the system certificates working).
func guardSync(base http.RoundTripper) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	return syncGuard{base: base}
}

// RoundTrip implements http.RoundTripper.
func (g syncGuard) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := g.base.RoundTrip(req)
	if err != nil || !strings.HasSuffix(req.URL.Path, "/webwxsync") {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	var probe struct {
		BaseResponse struct{ Ret int }
		SyncKey      *json.RawMessage
	}
	if json.Unmarshal(body, &probe) != nil || probe.SyncKey == nil || string(*probe.SyncKey) == "null" {
		return nil, fmt.Errorf("webwxsync answered without a SyncKey (Ret %d)", probe.BaseResponse.Ret)
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}
