package broadcast

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mobilize/models"
)

// TestQueueKeepsItsOwnCopyOfAttachments: the queued rows point at copies
// beside the database with the original names and bytes, so the bot still
// sends them after staff delete their files; a second queueing of the
// same files reuses the copies.
func TestQueueKeepsItsOwnCopyOfAttachments(t *testing.T) {
	b, s := fixture(t)
	ctx := context.Background()
	img, pdf := writeFile(t, "poster.png", 100), writeFile(t, "倡议书.pdf", 200)
	plan, err := b.Plan(ctx, Draft{Title: "招募", Body: "正文", Image: img, File: pdf, Targets: []string{"kind:学会"}, By: "cli"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Queue(ctx, plan, nil); err != nil {
		t.Fatal(err)
	}
	os.Remove(img)
	os.Remove(pdf)
	rows, err := s.OutboxRows(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var staged []string
	for _, r := range rows {
		if r.Path == "" {
			continue
		}
		staged = append(staged, r.Path)
		data, err := os.ReadFile(r.Path)
		if err != nil || !strings.HasPrefix(r.Path, filepath.Join(s.Dir(), "media")+string(filepath.Separator)) {
			t.Fatalf("row %d sends %s (%v): not a copy beside the database", r.ID, r.Path, err)
		}
		if name := filepath.Base(r.Path); (name != "poster.png" || len(data) != 100) && (name != "倡议书.pdf" || len(data) != 200) {
			t.Fatalf("copy %s has %d bytes", r.Path, len(data))
		}
	}
	if len(staged) != 2 {
		t.Fatalf("media rows %v, want the image and the file", staged)
	}
	// Re-staging a staged plan (the admin chat's 确认 repeated) keeps the
	// same copies.
	again, err := b.stage(Plan{Draft: Draft{Image: staged[0]}})
	if err != nil || again.Draft.Image != staged[0] {
		t.Fatalf("restage %q, %v", again.Draft.Image, err)
	}
}

// TestQueueRefusesAnAttachmentGoneSincePreview: the image deleted between
// the preview and the confirmation is refused in Chinese before anything
// — not even the campaign — is created.
func TestQueueRefusesAnAttachmentGoneSincePreview(t *testing.T) {
	b, s := fixture(t)
	ctx := context.Background()
	img := writeFile(t, "poster.png", 100)
	plan, err := b.Plan(ctx, Draft{Title: "招募", Body: "正文", Image: img, Targets: []string{"all"}, By: "cli"})
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(img)
	_, err = b.Queue(ctx, plan, nil)
	if text, ok := UserText(err); !ok || !strings.Contains(text, "不存在") {
		t.Fatalf("queue after the image vanished: %v", err)
	}
	if cs, _ := s.Campaigns(ctx, false); len(cs) != 0 {
		t.Fatalf("a campaign was created: %+v", cs)
	}
	if rows, _ := s.OutboxRows(ctx, models.OutboxPending); len(rows) != 0 {
		t.Fatalf("%d rows queued", len(rows))
	}
}

// TestQueueRefusesACampaignClosedSincePreview: `broadcast --campaign N`
// previewed and asked, the campaign closed (关闭 N) before the answer:
// the queueing is refused in Chinese and nothing is queued or audited.
func TestQueueRefusesACampaignClosedSincePreview(t *testing.T) {
	b, s := fixture(t)
	ctx := context.Background()
	c, err := s.CreateCampaign(ctx, models.NewCampaign{Title: "招募", Body: "正文"})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := b.Plan(ctx, Draft{CampaignID: c.ID, Targets: []string{"all"}, By: "cli"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.CloseCampaign(ctx, c.ID, "admin:王局"); err != nil {
		t.Fatal(err)
	}
	_, err = b.Queue(ctx, plan, nil)
	if text, ok := UserText(err); !ok || !strings.Contains(text, "已关闭，不能再发送") {
		t.Fatalf("queue into a campaign closed since the preview: %v", err)
	}
	if rows, _ := s.OutboxRows(ctx); len(rows) != 0 {
		t.Fatalf("%d rows queued", len(rows))
	}
	if trail, _ := s.AuditTrail(ctx, AuditQueue); len(trail) != 0 {
		t.Fatalf("audited a broadcast that queued nothing: %+v", trail)
	}
}
