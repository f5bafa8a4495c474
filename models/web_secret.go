package models

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// WebSecret is a random key the web server signs its links with. It is
// generated once and kept in the database, so links printed yesterday
// (and the QR codes pasted into groups) still work after a restart, and
// every process on the same database signs alike.
type WebSecret struct {
	ID      uint   `gorm:"primaryKey"`
	Purpose string `gorm:"uniqueIndex;not null"`
	Key     []byte `gorm:"not null"`
}

// WebSecret returns the key for purpose, creating it on first use. Two
// processes racing to create it end up with the same key: the insert is
// ignored when the row exists and the stored row is read back.
func (s *Store) WebSecret(ctx context.Context, purpose string) ([]byte, error) {
	var key []byte
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var row WebSecret
		err := tx.Where("purpose = ?", purpose).First(&row).Error
		if err == nil {
			key = row.Key
			return nil
		}
		if !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		row = WebSecret{Purpose: purpose, Key: make([]byte, 32)}
		if _, err := rand.Read(row.Key); err != nil {
			return fmt.Errorf("generate web secret: %w", err)
		}
		if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error; err != nil {
			return err
		}
		if err := tx.Where("purpose = ?", purpose).First(&row).Error; err != nil {
			return err
		}
		key = row.Key
		return nil
	})
	return key, err
}
