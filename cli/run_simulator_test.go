package cli

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// The simulator's address is taken only on loopback, and every request
// then reaches it over HTTP with the WeChat host kept for routing.
func TestSimulatorTransport(t *testing.T) {
	for _, addr := range []string{"wx.example.cn:80", "10.0.0.7:8090", "0.0.0.0:8090", "127.0.0.1", "localhost"} {
		env := func(string) string { return addr }
		if rt, err := simulatorTransport(env); err == nil || rt != nil {
			t.Errorf("%q: accepted as a simulator address", addr)
		}
	}
	if rt, err := simulatorTransport(func(string) string { return "" }); rt != nil || err != nil {
		t.Errorf("unset: %v, %v; want the library's own transport", rt, err)
	}
	var host, path string
	sim := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { host, path = r.Host, r.URL.Path }))
	defer sim.Close()
	rt, err := simulatorTransport(func(k string) string {
		if k != simulatorEnv {
			return ""
		}
		return sim.Listener.Addr().String()
	})
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("GET", "https://webpush.wx.qq.com/cgi-bin/mmwebwx-bin/synccheck", nil)
	resp, err := rt.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if host != "webpush.wx.qq.com" || path != "/cgi-bin/mmwebwx-bin/synccheck" || req.URL.Host != "webpush.wx.qq.com" {
		t.Errorf("simulator saw host %q path %q (request now %s); want the WeChat host kept and the request untouched", host, path, req.URL)
	}
}
