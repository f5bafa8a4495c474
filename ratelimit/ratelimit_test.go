package ratelimit

import (
	"net/netip"
	"testing"
	"time"
)

// TestClientKeyIPv6Per64: every address of one /64 is one client; two /64s
// are two; IPv4 and mapped IPv4 are the same client.
func TestClientKeyIPv6Per64(t *testing.T) {
	key := func(s string) string { return ClientKey(netip.MustParseAddr(s)) }
	if key("2001:db8:1:2::1") != key("2001:db8:1:2:ffff:ffff:ffff:fffe") {
		t.Error("two addresses of one /64 are two clients")
	}
	if key("2001:db8:1:2::1") == key("2001:db8:1:3::1") {
		t.Error("two /64s are one client")
	}
	if key("192.0.2.7") != key("::ffff:192.0.2.7") || key("192.0.2.7") == key("192.0.2.8") {
		t.Error("IPv4 keys wrong")
	}
	if key("fe80::1%eth0") != key("fe80::2%eth1") {
		t.Error("zones split a /64")
	}
}

// TestLimiterGrowsToTheLimit: rings start small and grow; the limit still
// holds exactly, with the oldest times leaving first.
func TestLimiterGrowsToTheLimit(t *testing.T) {
	l := New(100, time.Minute)
	t0 := time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)
	for i := range 100 {
		if !l.Allow("a", t0.Add(time.Duration(i)*time.Millisecond)) {
			t.Fatalf("call %d refused", i)
		}
	}
	if l.Allow("a", t0.Add(time.Second)) {
		t.Fatal("call 101 allowed")
	}
	if !l.Allow("a", t0.Add(time.Minute)) || l.Allow("a", t0.Add(time.Minute)) {
		t.Fatal("the oldest time did not leave first")
	}
}
