package web

import (
	"context"
	"strings"
	"testing"
)

// TestFooterLinkerOnlyWithPublicURL: no public address, no footer link; with
// one, the link is the organization's signed sign-up link on that address.
func TestFooterLinkerOnlyWithPublicURL(t *testing.T) {
	f := newFixture(t, 3)
	ctx := context.Background()
	if fn, err := FooterLinker(ctx, f.store, f.cfg.Web); err != nil || fn != nil {
		t.Fatalf("without public_url: %v %v", fn != nil, err)
	}
	cfg := f.cfg.Web
	cfg.PublicURL = "https://m.example.org"
	fn, err := FooterLinker(ctx, f.store, cfg)
	if err != nil || fn == nil {
		t.Fatalf("with public_url: %v", err)
	}
	link := fn(f.camp.ID, f.orgs[1].ID)
	if !strings.HasPrefix(link, "https://m.example.org/s/") {
		t.Fatalf("link %q", link)
	}
	camp, org, err := f.srv.links.parseSignup(link[strings.LastIndex(link, "/")+1:])
	if err != nil || camp != f.camp.ID || org != f.orgs[1].ID {
		t.Errorf("token names campaign %d org %d (%v)", camp, org, err)
	}
}
