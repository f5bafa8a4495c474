package web

import (
	"strings"
	"testing"
)

// TestTokenHasOneSpelling: unpadded base64 leaves spare bits in the last
// character, so a lax decoder accepted two or four spellings of every
// token. Each token must be accepted only as it was issued.
func TestTokenHasOneSpelling(t *testing.T) {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	l := &Links{key: []byte("0123456789abcdef0123456789abcdef")}
	for regID := uint(1); regID < 50; regID++ {
		tok := l.token(kindPersonal, uint64(regID))
		if got, err := l.parsePersonal(tok); err != nil || got != regID {
			t.Fatalf("issued token %q: %d, %v", tok, got, err)
		}
		last := tok[len(tok)-1]
		for _, c := range []byte(alphabet) {
			if c == last {
				continue
			}
			other := tok[:len(tok)-1] + string(c)
			if _, err := l.parsePersonal(other); err == nil {
				t.Fatalf("token %q also accepted as %q", tok, other)
			}
		}
		if _, err := l.parsePersonal(strings.TrimSuffix(tok, tok[len(tok)-1:])); err == nil {
			t.Fatalf("truncated token accepted")
		}
	}
}
