package broadcast

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"mobilize/models"
	"mobilize/privfile"
)

// mediaDir is where queued attachments are kept, beside the database.
const mediaDir = "media"

// stage checks the plan's attachments again and copies them beside the
// database (media/<content hash>/<name>), pointing the plan at the copies.
// The bot sends a broadcast over minutes or hours; what it sends must not
// depend on the file staff named still being there (a poster moved off
// the desktop, a download folder cleaned): a vanished file would fail
// every group not yet reached. A file gone since the preview is refused
// here, in Chinese, before anything is queued. The name is kept: WeChat
// shows a file under it. A PostgreSQL store, which processes on several
// hosts share, keeps the copy in the database instead (models.Attachment).
// An in-memory store (tests) stages nothing.
func (b *Broadcaster) stage(p Plan) (Plan, error) {
	var err error
	if p.Draft.Image, err = b.stageFile(MediaImage, p.Draft.Image); err != nil {
		return p, err
	}
	p.Draft.File, err = b.stageFile(MediaFile, p.Draft.File)
	return p, err
}

func (b *Broadcaster) stageFile(media, path string) (string, error) {
	if path == "" {
		return "", nil
	}
	if models.IsStoredAttachment(path) {
		return path, nil // staged before, in the database
	}
	if err := checkAttachment(media, path); err != nil {
		return "", err
	}
	if b.Store.Dir() == "" && !b.Store.KeepsAttachments() {
		return path, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", &Error{fmt.Sprintf(txtAttachMissing, mediaLabel(Message{Media: media, Path: path}), path)}
	}
	if b.Store.KeepsAttachments() {
		return b.Store.PutAttachment(context.Background(), path, data)
	}
	sum := sha256.Sum256(data)
	dst := filepath.Join(b.Store.Dir(), mediaDir, hex.EncodeToString(sum[:8]), filepath.Base(path))
	if st, err := os.Stat(dst); err == nil && st.Size() == int64(len(data)) {
		return dst, nil // staged before: the name holds the content's hash
	}
	err = privfile.Write(dst, ".staging-*", func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("keep attachment %s: %w", path, err)
	}
	return dst, nil
}
