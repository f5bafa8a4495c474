package models

import (
	"context"
	"errors"
	"testing"
)

// TestSetCampaignBody: a bare campaign gets its body once, audited; the
// same body again is a no-op, another is refused, as are a closed or an
// unknown campaign.
func TestSetCampaignBody(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	c := mustCampaign(t, s, 2, 2)
	if err := s.SetCampaignBody(ctx, c.ID, "  各位志愿者：\n请报名。 ", "cli"); err != nil {
		t.Fatal(err)
	}
	got, err := s.Campaign(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Body != "各位志愿者：\n请报名。" {
		t.Fatalf("body %q", got.Body)
	}
	if err := s.SetCampaignBody(ctx, c.ID, "各位志愿者：\n请报名。", "cli"); err != nil {
		t.Fatalf("same body again: %v", err)
	}
	if err := s.SetCampaignBody(ctx, c.ID, "另一份正文", "cli"); !errors.Is(err, ErrCampaignHasBody) {
		t.Fatalf("another body: %v", err)
	}
	trail, err := s.AuditTrail(ctx, AuditCampaignBody)
	if err != nil {
		t.Fatal(err)
	}
	if len(trail) != 1 || trail[0].Actor != "cli" {
		t.Fatalf("audit %+v", trail)
	}
	if err := s.SetCampaignBody(ctx, 99, "正文", "cli"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown campaign: %v", err)
	}
	shut := mustCampaign(t, s, 1, 1)
	if err := s.CloseCampaign(ctx, shut.ID, "cli"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetCampaignBody(ctx, shut.ID, "正文", "cli"); !errors.Is(err, ErrCampaignShut) {
		t.Fatalf("closed campaign: %v", err)
	}
}
