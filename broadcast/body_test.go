package broadcast

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"mobilize/models"
)

// TestBareCampaignGetsBody: a campaign made without a body (campaign
// create) cannot be sent as it is; a draft naming it with a body previews
// that body, and queueing stores it, so the next groups get the same text;
// another body afterwards is refused rather than sent under one number.
func TestBareCampaignGetsBody(t *testing.T) {
	b, s := fixture(t)
	ctx := context.Background()
	c := bareCampaign(t, s)
	if _, err := b.Plan(ctx, Draft{CampaignID: c.ID, Targets: []string{"org:营养学会"}, By: "cli"}); !isText(err, fmt.Sprintf(txtBareCampaign, c.ID, c.ID)) {
		t.Fatalf("bare campaign without a body: %v", err)
	}
	plan, err := b.Plan(ctx, Draft{CampaignID: c.ID, Body: "请各会员踊跃报名。\n", Targets: []string{"org:营养学会"}, By: "cli"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(plan.Messages[0].Text, "请各会员踊跃报名。") {
		t.Fatalf("preview lacks the body: %q", plan.Messages[0].Text)
	}
	if got, _ := s.Campaign(ctx, c.ID); got.Body != "" {
		t.Fatalf("a plan wrote the body %q", got.Body)
	}
	if _, err := b.Queue(ctx, plan, nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Campaign(ctx, c.ID); got.Body != "请各会员踊跃报名。" {
		t.Fatalf("stored body %q", got.Body)
	}
	// More groups, no body given: the stored one goes out.
	more, err := b.Plan(ctx, Draft{CampaignID: c.ID, Targets: []string{"all"}, By: "cli"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(more.Messages[0].Text, "请各会员踊跃报名。") {
		t.Fatalf("second plan lacks the stored body: %q", more.Messages[0].Text)
	}
	_, err = b.Plan(ctx, Draft{CampaignID: c.ID, Body: "另一份倡议", Targets: []string{"all"}, By: "cli"})
	if !isText(err, fmt.Sprintf(txtBodyFixed, c.ID)) {
		t.Fatalf("another body: %v", err)
	}
}

// TestBodyRaceLoses: a body given between the plan and the queueing (a
// second staff member) makes the later queueing refuse, sending nothing.
func TestBodyRaceLoses(t *testing.T) {
	b, s := fixture(t)
	ctx := context.Background()
	c := bareCampaign(t, s)
	plan, err := b.Plan(ctx, Draft{CampaignID: c.ID, Body: "甲的正文", Targets: []string{"all"}, By: "cli"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetCampaignBody(ctx, c.ID, "乙的正文", "web:乙"); err != nil {
		t.Fatal(err)
	}
	res, err := b.Queue(ctx, plan, nil)
	if !isText(err, fmt.Sprintf(txtBodyFixed, c.ID)) || res.Queued != 0 {
		t.Fatalf("queued %d, err %v", res.Queued, err)
	}
}

func isText(err error, want string) bool {
	text, ok := UserText(err)
	return ok && text == want
}

// bareCampaign creates a campaign without a body, as campaign create does.
func bareCampaign(t *testing.T, s *models.Store) models.Campaign {
	t.Helper()
	c, err := s.CreateCampaign(context.Background(), models.NewCampaign{Title: "冬季送温暖", CreatedBy: "cli",
		Roles: []models.Role{{Code: "p", Name: "志愿先锋", Quota: 5}}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}
