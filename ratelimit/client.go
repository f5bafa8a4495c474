package ratelimit

import "net/netip"

// ClientKey is the key one network client is limited by. An IPv4 address
// is one client. An IPv6 subscriber is handed a whole /64 (and picks a new
// address in it at will, by privacy extensions or on purpose), so keying by
// the full address gave each attacker 2^64 fresh limits: IPv6 is keyed by
// its /64 prefix. IPv4-mapped IPv6 addresses count as the IPv4 address.
func ClientKey(ip netip.Addr) string {
	ip = ip.Unmap()
	if ip.Is4() || !ip.IsValid() {
		return ip.String()
	}
	p, err := ip.WithZone("").Prefix(64)
	if err != nil {
		return ip.String()
	}
	return p.String()
}
