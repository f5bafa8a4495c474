package models

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gorm.io/gorm/clause"
)

// Attachment is a broadcast's image or file kept in the database itself.
// A SQLite store keeps its copies in a directory beside the file
// (broadcast/stage.go); a PostgreSQL store serves processes on several
// hosts that share no directory, so the bot that sends a row must find
// the bytes where it finds the row. Keyed by content: the same poster
// queued twice is stored once.
type Attachment struct {
	ID        uint   `gorm:"primaryKey"`
	Hash      string `gorm:"uniqueIndex;not null"` // SHA-256 of Data, hex
	Name      string `gorm:"not null"`             // the file name WeChat shows
	Data      []byte `gorm:"not null"`
	CreatedAt time.Time
}

// attachmentScheme starts an outbox path that names an Attachment
// (db-attachment:<hash>/<name>) instead of a file.
const attachmentScheme = "db-attachment:"

// IsStoredAttachment reports whether an outbox row's path names an
// attachment kept in the database.
func IsStoredAttachment(path string) bool { return strings.HasPrefix(path, attachmentScheme) }

// KeepsAttachments reports whether broadcasts' attachments go into the
// database (PutAttachment) rather than beside it (Dir).
func (s *Store) KeepsAttachments() bool { return s.dir == "" && !s.dialect.legacy() }

// PutAttachment keeps data under name and returns the path an outbox row
// names it by.
func (s *Store) PutAttachment(ctx context.Context, name string, data []byte) (string, error) {
	sum := sha256.Sum256(data)
	a := Attachment{Hash: hex.EncodeToString(sum[:]), Name: filepath.Base(name), Data: data, CreatedAt: s.Now().UTC()}
	err := s.db.WithContext(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "hash"}}, DoNothing: true}).Create(&a).Error
	if err != nil {
		return "", fmt.Errorf("keep attachment %s: %w", a.Name, err)
	}
	return attachmentScheme + a.Hash + "/" + a.Name, nil
}

// AttachmentFile writes the attachment path names into a new directory
// under dir (os.TempDir when ""), as a file with its own name, and
// returns the file and a function that removes it: the transport sends
// files from disk.
func (s *Store) AttachmentFile(ctx context.Context, path, dir string) (string, func(), error) {
	hash, name, ok := strings.Cut(strings.TrimPrefix(path, attachmentScheme), "/")
	if !IsStoredAttachment(path) || !ok || name != filepath.Base(name) {
		return "", nil, fmt.Errorf("attachment %q: %w", path, ErrNotFound)
	}
	var a Attachment
	if err := s.reads(ctx).Where("hash = ?", hash).First(&a).Error; err != nil {
		return "", nil, notFound(err, "attachment "+hash)
	}
	tmp, err := os.MkdirTemp(dir, "mobilize-attachment-")
	if err != nil {
		return "", nil, err
	}
	done := func() { os.RemoveAll(tmp) }
	file := filepath.Join(tmp, name)
	if err := os.WriteFile(file, a.Data, 0o600); err != nil {
		done()
		return "", nil, err
	}
	return file, done, nil
}
