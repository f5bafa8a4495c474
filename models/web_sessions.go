package models

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"mobilize/pii"
)

// LoginLink is a one-time link into the staff console, sent to an admin in
// a private chat (登录) or printed by mobilize admin-link. Only the token's
// hash is stored: someone reading the database cannot log in with it.
type LoginLink struct {
	ID        uint   `gorm:"primaryKey"`
	TokenHash string `gorm:"uniqueIndex;not null"`
	Admin     string `gorm:"not null"` // the admin's 备注
	ExpiresAt time.Time
	UsedAt    *time.Time
	CreatedAt time.Time
}

// AdminSession is a logged-in staff console session; the cookie carries
// the token, the table its hash. Device and IP say where it was opened
// (IP stored already masked), LastSeenAt when it was last used, so
// mobilize admin-sessions can tell a stolen session from a colleague's.
type AdminSession struct {
	ID         uint      `gorm:"primaryKey"`
	TokenHash  string    `gorm:"uniqueIndex;not null"`
	Admin      string    `gorm:"not null"`
	ExpiresAt  time.Time `gorm:"index"`
	CreatedAt  time.Time
	LastSeenAt *time.Time
	Device     string
	IP         string
}

// SessionDevice is where a login came from: a short name of the browser
// and device, and the client address masked.
type SessionDevice struct{ Device, IP string }

// newToken returns a random URL-safe token and its stored hash.
func newToken() (token, hash string, err error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", "", fmt.Errorf("generate token: %w", err)
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, tokenHash(token), nil
}

func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// NewLoginLink stores a one-time login token for admin, valid for ttl, and
// returns it: the answer to 登录 in the admin's private chat, audited as
// asked by that admin there.
func (s *Store) NewLoginLink(ctx context.Context, admin string, ttl time.Duration) (string, error) {
	return s.NewLoginLinkBy(ctx, admin, ActorAdmin(admin), ttl)
}

// NewLoginLinkBy is NewLoginLink asked by actor (ActorCLI for mobilize
// admin-link). The link is audited, so the bureau can see who asked for
// one and for whom.
func (s *Store) NewLoginLinkBy(ctx context.Context, admin, actor string, ttl time.Duration) (string, error) {
	token, hash, err := newToken()
	if err != nil {
		return "", err
	}
	err = s.tx(ctx, func(tx *gorm.DB) error {
		now := tx.NowFunc()
		if err := tx.Create(&LoginLink{TokenHash: hash, Admin: admin, ExpiresAt: now.Add(ttl).UTC()}).Error; err != nil {
			return err
		}
		return writeAudit(tx, actor, "web.login_link", fmt.Sprintf("给 %s，%d 分钟内有效", admin, int(ttl/time.Minute)))
	})
	return token, err
}

// UseLoginLink spends a login token and opens a session of ttl for its
// admin from dev, returning the session token. A token works once and
// only before it expires; anything else is ErrNotFound.
func (s *Store) UseLoginLink(ctx context.Context, token string, ttl time.Duration, dev SessionDevice) (session, admin string, err error) {
	session, hash, err := newToken()
	if err != nil {
		return "", "", err
	}
	err = s.tx(ctx, func(tx *gorm.DB) error {
		now := tx.NowFunc().UTC()
		var link LoginLink
		if err := tx.Where("token_hash = ? AND used_at IS NULL AND expires_at > ?", tokenHash(token), now).
			First(&link).Error; err != nil {
			return notFound(err, "login link")
		}
		res := tx.Model(&LoginLink{}).Where("id = ? AND used_at IS NULL", link.ID).Update("used_at", now)
		if res.Error != nil || res.RowsAffected != 1 {
			return fmt.Errorf("spend login link: %w", firstErr(res.Error, ErrNotFound))
		}
		admin = link.Admin
		row := AdminSession{TokenHash: hash, Admin: admin, ExpiresAt: now.Add(ttl), LastSeenAt: &now,
			Device: pii.Printable(truncateUTF8(dev.Device, maxDeviceBytes)), IP: pii.Printable(truncateUTF8(dev.IP, maxDeviceBytes))}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		return writeAudit(tx, ActorWeb(admin), "web.login", "")
	})
	return session, admin, err
}

// SessionAdmin returns the admin of a live session; ErrNotFound when the
// session is unknown or expired. It notes the session as seen now, at
// most once a minute (a page's requests do not each write).
func (s *Store) SessionAdmin(ctx context.Context, session string) (string, error) {
	var row AdminSession
	now := s.Now().UTC()
	err := s.db.WithContext(ctx).Where("token_hash = ? AND expires_at > ?", tokenHash(session), now).
		First(&row).Error
	if err != nil {
		return "", notFound(err, "session")
	}
	if row.LastSeenAt == nil || now.Sub(*row.LastSeenAt) >= seenEvery {
		// Best effort: a busy database must not refuse the page for the
		// sake of a "last seen" time.
		s.db.WithContext(ctx).Model(&AdminSession{}).Where("id = ?", row.ID).Update("last_seen_at", now)
	}
	return row.Admin, nil
}

// seenEvery is how stale a session's last-seen time may get.
const seenEvery = time.Minute

// maxDeviceBytes bounds what a client's User-Agent may put in the table.
const maxDeviceBytes = 120

// EndSession logs a session out, and forgets every expired one.
func (s *Store) EndSession(ctx context.Context, session string) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		return tx.Where("token_hash = ? OR expires_at <= ?", tokenHash(session), tx.NowFunc().UTC()).
			Delete(&AdminSession{}).Error
	})
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// truncateUTF8 cuts s to at most n bytes at a character boundary.
func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
