package chat

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"mobilize/models"
)

// A workbook of the exports directory is deleted once its message is sent;
// a file sent from elsewhere (a broadcast's attachment) is left alone, and
// so is a workbook whose admin has no contact yet: it is still to be sent.
func TestSenderDeletesSentExports(t *testing.T) {
	store := openStore(t)
	exports := t.TempDir()
	sent := filepath.Join(exports, "mobilize-1-2026-11-30-200000.xlsx")
	waiting := filepath.Join(exports, "mobilize-1-2026-11-30-200001.xlsx")
	other := filepath.Join(t.TempDir(), "倡议书.pdf")
	for _, p := range []string{sent, waiting, other} {
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	out := NewOutbox(store, 0, nil)
	admin := Target{Name: "民政局值班员"}
	for _, m := range []Outgoing{
		{To: chatA, Kind: models.KindNotice, Media: models.MediaFile, Path: sent},
		{To: chatB, Kind: models.KindBroadcast, Media: models.MediaFile, Path: other},
		{To: admin, Kind: models.KindNotice, Media: models.MediaFile, Path: waiting},
	} {
		if _, err := out.Put(context.Background(), m); err != nil {
			t.Fatal(err)
		}
	}
	tr := newFakeTransport()
	tr.script = func(_ int, to Target, _ string) (string, error) {
		if to == admin {
			return "", ErrNoAdminContact
		}
		return "wx1", nil
	}
	cfg := pace()
	cfg.Exports = exports
	runSender(t, NewSender(store, tr, cfg, nil))
	waitStatus(t, store, models.OutboxSent, 2)
	tr.waitCalls(t, 3)
	// The file goes right after the row is marked sent.
	deadline := time.Now().Add(5 * time.Second)
	for _, err := os.Stat(sent); !errors.Is(err, os.ErrNotExist); _, err = os.Stat(sent) {
		if time.Now().After(deadline) {
			t.Fatalf("sent workbook still on disk: %v", err)
		}
		time.Sleep(5 * time.Millisecond)
	}
	for _, p := range []string{other, waiting} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s deleted: %v", p, err)
		}
	}
}
