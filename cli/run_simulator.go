package cli

import (
	"errors"
	"net"
	"net/http"
)

// simulatorEnv names the loopback address of a WeChat simulator that
// `mobilize run` talks to instead of WeChat. It exists so the real binary
// can be run as separate processes against one database with no WeChat
// account — the end-to-end test of a deployment does exactly that — and
// so a bureau can rehearse a deployment the same way. It is not a config
// key: a production config must never be one edit away from sending its
// session cookies somewhere else.
const simulatorEnv = "MOBILIZE_WECHAT_SIMULATOR"

// txtSimulatorAddr refuses a simulator address that is not on loopback.
const txtSimulatorAddr = simulatorEnv + " 应为本机模拟器的地址，如 127.0.0.1:8090（只接受本机回环地址）"

// simulatorTransport is the WeChat client's transport when simulatorEnv
// is set (nil, the library's default, when it is not): every request,
// whatever its https URL, goes over plain HTTP to that address with the
// original host kept in the Host header, which is how the simulator
// (bot/wxfake) routes. Only a loopback address is accepted, so nothing a
// session carries can leave the machine unencrypted.
func simulatorTransport(getenv func(string) string) (http.RoundTripper, error) {
	addr := getenv(simulatorEnv)
	if addr == "" {
		return nil, nil
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, errors.New(txtSimulatorAddr)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return nil, errors.New(txtSimulatorAddr)
	}
	return toSimulator{addr: addr, next: &http.Transport{Proxy: nil}}, nil
}

// toSimulator sends every request to addr, keeping the original host.
type toSimulator struct {
	addr string
	next http.RoundTripper
}

// RoundTrip implements http.RoundTripper on a clone, leaving req as it was.
func (s toSimulator) RoundTrip(req *http.Request) (*http.Response, error) {
	out := req.Clone(req.Context())
	out.Host = req.URL.Host
	if req.Host != "" {
		out.Host = req.Host
	}
	out.URL.Scheme, out.URL.Host = "http", s.addr
	return s.next.RoundTrip(out)
}
