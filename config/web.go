package config

import (
	"fmt"
	"net/netip"
	"net/url"
	"strings"
	"time"
)

// Web serves the sign-up page and the staff console (package web).
type Web struct {
	// Listen is the address the web server listens on. The default keeps it
	// on loopback, behind the operator's https reverse proxy.
	Listen string `yaml:"listen"`
	// PublicURL is the address people open (https://报名.example.cn); links,
	// QR codes and the broadcast footer are built from it. Empty: links are
	// printed relative to Listen and no footer is added.
	PublicURL string `yaml:"public_url"`
	// TrustedProxies are the addresses (IPs or CIDRs) whose X-Forwarded-For
	// header is believed; from anyone else it is ignored, so a client
	// cannot pick the address its rate limit is counted under.
	TrustedProxies []string `yaml:"trusted_proxies"`
	// RatePerMinute is how many form submissions one client address may
	// make a minute. Members behind one carrier NAT share an address, so
	// it is generous.
	RatePerMinute int `yaml:"rate_per_minute"`
	// SessionTTL is how long a staff console session lasts after login.
	SessionTTL Duration `yaml:"session_ttl"`
}

// DefaultWeb is the web section's defaults.
func DefaultWeb() Web {
	return Web{Listen: "127.0.0.1:8080", TrustedProxies: []string{}, RatePerMinute: 30, SessionTTL: Duration(8 * time.Hour)}
}

// Proxies parses TrustedProxies (already validated) into prefixes.
func (w Web) Proxies() []netip.Prefix {
	var out []netip.Prefix
	for _, p := range w.TrustedProxies {
		if pf, err := parseProxy(p); err == nil {
			out = append(out, pf)
		}
	}
	return out
}

func parseProxy(s string) (netip.Prefix, error) {
	if strings.Contains(s, "/") {
		return netip.ParsePrefix(s)
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, err
	}
	return netip.PrefixFrom(a, a.BitLen()), nil
}

func (c *Config) validateWeb() error {
	w := &c.Web
	if strings.TrimSpace(w.Listen) == "" {
		return fmt.Errorf("web.listen: 不能为空（例如 127.0.0.1:8080）")
	}
	if w.PublicURL != "" {
		u, err := url.Parse(w.PublicURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			return fmt.Errorf("web.public_url: 应为 https://域名[/路径]，而不是 %q", w.PublicURL)
		}
		w.PublicURL = strings.TrimRight(w.PublicURL, "/")
	}
	for i, p := range w.TrustedProxies {
		if _, err := parseProxy(p); err != nil {
			return fmt.Errorf("web.trusted_proxies[%d]: %q 不是 IP 地址或网段（例如 127.0.0.1、10.0.0.0/8）", i, p)
		}
	}
	if w.RatePerMinute < 1 {
		return fmt.Errorf("web.rate_per_minute: 应为正整数")
	}
	if w.SessionTTL < Duration(time.Minute) {
		return fmt.Errorf("web.session_ttl: 至少 1m")
	}
	return nil
}
