package chat

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mobilize/models"
)

// TestSenderSendsAttachmentsFromTheDatabase: a row naming an attachment
// kept in the database (a PostgreSQL deployment's broadcast) is sent as a
// file of its own name and bytes, written for the send and removed after.
func TestSenderSendsAttachmentsFromTheDatabase(t *testing.T) {
	store := openStore(t)
	ctx := context.Background()
	ref, err := store.PutAttachment(ctx, "/home/staff/倡议书.pdf", []byte("%PDF-1.4 倡议"))
	if err != nil || !models.IsStoredAttachment(ref) {
		t.Fatalf("put: %q %v", ref, err)
	}
	out := NewOutbox(store, 0, nil)
	if _, err := out.Put(ctx, Outgoing{To: chatA, Kind: models.KindBroadcast, Media: models.MediaFile, Path: ref}); err != nil {
		t.Fatal(err)
	}
	tr := newFakeTransport()
	var seen []byte
	tr.script = func(_ int, _ Target, text string) (string, error) {
		path := strings.TrimPrefix(text, "file:")
		if filepath.Base(path) != "倡议书.pdf" {
			return "", errors.New("wrong name " + path)
		}
		data, err := os.ReadFile(path)
		seen = data // under the transport's lock, read after waitCalls
		return "wx1", err
	}
	runSender(t, NewSender(store, tr, pace(), nil))
	waitStatus(t, store, models.OutboxSent, 1)
	calls := tr.waitCalls(t, 1)
	if string(seen) != "%PDF-1.4 倡议" {
		t.Errorf("sent bytes %q", seen)
	}
	if _, err := os.Stat(strings.TrimPrefix(calls[0].text, "file:")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the temporary copy is still there: %v", err)
	}
}
