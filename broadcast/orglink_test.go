package broadcast

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"mobilize/models"
)

// TestOrgLinkGoesIntoEachOrganizationsFooter queues a new campaign with
// the link hook: each group's footer carries its own organization's link
// for the created campaign, and no other organization's. Without the hook
// no footer has a link.
func TestOrgLinkGoesIntoEachOrganizationsFooter(t *testing.T) {
	b, s := fixture(t)
	ctx := context.Background()
	b.OrgLink = func(campaignID, orgID uint) string {
		return fmt.Sprintf("https://x.test/s/c%d-o%d", campaignID, orgID)
	}
	plan, err := b.Plan(ctx, Draft{Title: "招募", Body: "正文", Targets: []string{"group:营养群", "group:商会群"}, By: "test"})
	if err != nil {
		t.Fatal(err)
	}
	preview := PreviewMessages(plan.Messages)
	want := fmt.Sprintf("https://x.test/s/c1-o%d", plan.Groups[0].OrganizationID)
	if !strings.Contains(preview, want) {
		t.Fatalf("preview lacks the first group's link %s:\n%s", want, preview)
	}
	res, err := b.Queue(ctx, plan, nil)
	if err != nil || res.Queued != 2 {
		t.Fatalf("queue: %+v %v", res, err)
	}
	orgOf := map[string]uint{}
	for _, g := range plan.Groups {
		orgOf[g.Group] = g.OrganizationID
	}
	rows, err := s.OutboxRows(ctx, models.OutboxPending)
	if err != nil {
		t.Fatal(err)
	}
	footers := 0
	for _, r := range rows {
		if !strings.Contains(r.Text, "报名链接") {
			continue
		}
		footers++
		own := fmt.Sprintf("https://x.test/s/c%d-o%d", res.Campaign.ID, orgOf[r.Target])
		if !strings.Contains(r.Text, own) || strings.Count(r.Text, "https://x.test/") != 1 {
			t.Errorf("footer of %s should carry only %s:\n%s", r.Target, own, r.Text)
		}
	}
	if footers != 2 {
		t.Errorf("footers with a link: %d, want 2", footers)
	}

	b.OrgLink = nil
	plan, err = b.Plan(ctx, Draft{Title: "再招募", Body: "正文", Targets: []string{"group:营养群"}, By: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if got := PreviewMessages(plan.Messages); strings.Contains(got, "报名链接") || strings.Contains(got, "https://") {
		t.Errorf("a link without the hook:\n%s", got)
	}
}
