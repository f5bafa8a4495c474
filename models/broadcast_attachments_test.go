package models

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestAttachmentsAreKeptByContent: the same bytes are stored once whatever
// the name they came under; each is written back as its own name and
// removed after; a reference to nothing is ErrNotFound. Only a PostgreSQL
// store keeps broadcasts' attachments itself (a SQLite one beside it).
func TestAttachmentsAreKeptByContent(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	if got, want := s.KeepsAttachments(), testPostgres != ""; got != want {
		t.Errorf("KeepsAttachments %v, want %v", got, want)
	}
	a, err := s.PutAttachment(ctx, "/tmp/海报.png", []byte("PNG 海报"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.PutAttachment(ctx, "海报.png", []byte("PNG 海报"))
	if err != nil || b != a {
		t.Fatalf("again: %q %v, want %q", b, err, a)
	}
	var n int64
	s.db.Model(&Attachment{}).Count(&n)
	if n != 1 {
		t.Errorf("%d rows for one content", n)
	}
	file, done, err := s.AttachmentFile(ctx, a, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(file); err != nil || string(data) != "PNG 海报" || filepath.Base(file) != "海报.png" {
		t.Errorf("written %s: %q %v", file, data, err)
	}
	done()
	if _, err := os.Stat(file); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("after done: %v", err)
	}
	for _, bad := range []string{"db-attachment:0000/海报.png", "db-attachment:" + a[len("db-attachment:"):len(a)-len("/海报.png")] + "/../x", "/tmp/海报.png"} {
		if _, _, err := s.AttachmentFile(ctx, bad, t.TempDir()); !errors.Is(err, ErrNotFound) {
			t.Errorf("%q: %v, want ErrNotFound", bad, err)
		}
	}
}
