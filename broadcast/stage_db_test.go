package broadcast

import (
	"context"
	"os"
	"testing"

	"mobilize/internal/pgtest"
	"mobilize/models"
)

// TestQueueKeepsAttachmentsOnBothDatabases: on PostgreSQL, whose store
// serves hosts that share no directory, the queued rows name copies kept
// in the database, which the sending host writes back with the original
// name and bytes after staff deleted their files. (On SQLite the copies go
// beside the file: TestQueueKeepsItsOwnCopyOfAttachments.)
func TestQueueKeepsAttachmentsOnBothDatabases(t *testing.T) {
	if pgtest.URL() == "" {
		t.Skip(pgtest.Env + " is not set (.ci/run sets it)")
	}
	b, s := fixtureAt(t, pgtest.Schema(t))
	ctx := context.Background()
	img := writeFile(t, "poster.png", 100)
	plan, err := b.Plan(ctx, Draft{Title: "招募", Body: "正文", Image: img, Targets: []string{"kind:学会"}, By: "cli"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Queue(ctx, plan, nil); err != nil {
		t.Fatal(err)
	}
	os.Remove(img)
	rows, err := s.OutboxRows(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var media int
	for _, r := range rows {
		if r.Path == "" {
			continue
		}
		media++
		if !models.IsStoredAttachment(r.Path) {
			t.Fatalf("row %d sends %s: not an attachment kept in the database", r.ID, r.Path)
		}
		file, done, err := s.AttachmentFile(ctx, r.Path, t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(file)
		done()
		if len(data) != 100 {
			t.Errorf("row %d: %d bytes", r.ID, len(data))
		}
	}
	if media != 1 {
		t.Errorf("%d rows with an attachment, want 1 (one group of kind 学会)", media)
	}
}
