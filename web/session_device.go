package web

import (
	"fmt"
	"net/netip"
	"strings"
)

// uaApps and uaSystems name, in the order tried, the apps and systems a
// User-Agent may show: the first match wins, so an app whose UA also
// carries another's token (企业微信 carries MicroMessenger, Edge carries
// Chrome) comes before it. Only these fixed words are stored, never the
// client's own text, so a forged User-Agent cannot put anything of its
// choosing into admin-sessions' table.
var uaApps = []struct{ token, name string }{
	{"wxwork", "企业微信"}, {"MicroMessenger", "微信"}, {"DingTalk", "钉钉"}, {"Lark", "飞书"},
	{"Edg", "Edge"}, {"Firefox", "Firefox"}, {"Chrome", "Chrome"}, {"Safari", "Safari"},
}

var uaSystems = []struct{ token, name string }{
	{"iPhone", "iPhone"}, {"iPad", "iPad"}, {"Android", "Android"}, {"HarmonyOS", "鸿蒙"},
	{"Windows", "Windows"}, {"Mac OS X", "Mac"}, {"Macintosh", "Mac"}, {"Linux", "Linux"},
}

// deviceName is a short name of the browser and device a login came
// from (微信 · iPhone), so an admin can tell their own sessions apart and
// spot one that is not.
func deviceName(ua string) string {
	app, sys := firstToken(ua, uaApps), firstToken(ua, uaSystems)
	switch {
	case app != "" && sys != "":
		return app + " · " + sys
	case app != "" || sys != "":
		return app + sys
	}
	return "未知设备"
}

func firstToken(ua string, names []struct{ token, name string }) string {
	for _, n := range names {
		if strings.Contains(ua, n.token) {
			return n.name
		}
	}
	return ""
}

// maskIP keeps the network a client came from and hides the host: an
// IPv4 address without its last byte (203.0.113.*), an IPv6 one as its
// /48 (2001:db8:1::*). Enough to see "another city, another provider",
// not to name a household.
func maskIP(addr string) string {
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return "未知"
	}
	a = a.Unmap()
	if a.Is4() {
		b := a.As4()
		return fmt.Sprintf("%d.%d.%d.*", b[0], b[1], b[2])
	}
	p, _ := a.Prefix(48)
	return strings.TrimSuffix(p.Addr().String(), "::") + "::*"
}
