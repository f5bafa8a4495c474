package web

import (
	"bytes"
	"image/png"
	"net/http/httptest"
	"net/netip"
	"regexp"
	"testing"
)

func TestClientIPTrustsForwardedForOnlyFromProxies(t *testing.T) {
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("127.0.0.1/32")}
	for _, tc := range []struct {
		peer, xff, want string
	}{
		{"198.51.100.1:5000", "", "198.51.100.1"},
		{"198.51.100.1:5000", "203.0.113.9", "198.51.100.1"}, // not a proxy: header ignored
		{"127.0.0.1:5000", "203.0.113.9", "203.0.113.9"},
		{"127.0.0.1:5000", "1.2.3.4, 203.0.113.9, 10.1.1.1", "203.0.113.9"}, // spoofed left part ignored
		{"127.0.0.1:5000", "garbage", "127.0.0.1"},
		{"127.0.0.1:5000", "", "127.0.0.1"},
		{"[::ffff:127.0.0.1]:5000", "203.0.113.9", "203.0.113.9"},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = tc.peer
		if tc.xff != "" {
			r.Header.Set("X-Forwarded-For", tc.xff)
		}
		if got := clientIP(r, proxies); got != tc.want {
			t.Errorf("peer %s xff %q: %s, want %s", tc.peer, tc.xff, got, tc.want)
		}
	}
}

func TestQRPNGIsAScannableSizedImage(t *testing.T) {
	b, err := QRPNG("https://baoming.example.cn/s/AQLbq7mHcXv9pPa0vJ3hR6Q", 6)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	side := img.Bounds().Dx()
	if side != img.Bounds().Dy() || side%6 != 0 || side/6 < 21+8 {
		t.Fatalf("QR image %v", img.Bounds())
	}
	// The quiet zone is white and the top-left finder's corner is black.
	if r, _, _, _ := img.At(3, 3).RGBA(); r == 0 {
		t.Error("quiet zone not white")
	}
	if r, _, _, _ := img.At(4*6+1, 4*6+1).RGBA(); r != 0 {
		t.Error("finder pattern not black")
	}
}

// outsideRef finds any reference a page makes to another host.
var outsideRef = regexp.MustCompile(`(?i)(src|href|action)\s*=\s*"(https?:)?//`)

func TestPagesAreSmallAndSelfContained(t *testing.T) {
	f := newFixture(t, 1)
	c := f.client()
	pages := map[string]string{"signup": c.get(f.link(0))}
	pages["personal"] = c.post(f.link(0), map[string][]string{"name": {"张三"}, "phone": {"13800138000"}, "role": {"pioneer"}})
	pages["home"] = c.get(f.ts.URL + "/")
	pages["css"] = c.get(f.ts.URL + "/static/style.css")
	for name, p := range pages {
		if len(p) > 100<<10 {
			t.Errorf("%s weighs %d bytes", name, len(p))
		}
		if m := outsideRef.FindString(p); m != "" {
			t.Errorf("%s refers to another host: %s", name, m)
		}
	}
}
