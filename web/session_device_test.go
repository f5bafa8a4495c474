package web

import (
	"context"
	"net/http"
	"testing"
)

func TestDeviceName(t *testing.T) {
	for _, c := range []struct{ ua, want string }{
		{"Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger/8.0.44 NetType/WIFI", "微信 · iPhone"},
		{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36 MicroMessenger/7.0 wxwork/4.1", "企业微信 · Windows"},
		{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36 Edg/120.0", "Edge · Windows"},
		{"Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36", "Chrome · Android"},
		{"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Version/17.0 Safari/605.1.15", "Safari · Mac"},
		{"curl/8.4.0", "未知设备"},
		{"", "未知设备"},
		{"\x1b[31mevil\x1b[0m Firefox", "Firefox"},
	} {
		if got := deviceName(c.ua); got != c.want {
			t.Errorf("deviceName(%q) = %q, want %q", c.ua, got, c.want)
		}
	}
}

func TestMaskIP(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"203.0.113.45", "203.0.113.*"},
		{"::ffff:198.51.100.7", "198.51.100.*"},
		{"2001:db8:1:2:3:4:5:6", "2001:db8:1::*"},
		{"2001:db8::1", "2001:db8::*"},
		{"", "未知"},
		{"bogus", "未知"},
	} {
		if got := maskIP(c.in); got != c.want {
			t.Errorf("maskIP(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestLoginRecordsDevice: a console login stores where it came from —
// the device named in fixed words, the address masked — for
// mobilize admin-sessions.
func TestLoginRecordsDevice(t *testing.T) {
	f := newFixture(t, 3)
	c := f.client()
	c.setup = func(r *http.Request) {
		r.Header.Set("User-Agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) MicroMessenger/8.0.44")
	}
	f.login(c)
	sessions, err := f.store.LiveSessions(context.Background())
	if err != nil || len(sessions) != 1 {
		t.Fatalf("sessions %+v %v", sessions, err)
	}
	if s := sessions[0]; s.Admin != "民政局值班员" || s.Device != "微信 · iPhone" || s.IP != "127.0.0.*" || s.LastSeenAt == nil {
		t.Errorf("session %+v", s)
	}
}
