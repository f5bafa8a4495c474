package web

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"

	"mobilize/config"
	"mobilize/models"
)

// Token kinds: a sign-up link names a campaign and an organization, a
// personal link one registration. The kind is signed with the ids, so a
// personal token can never be replayed as a sign-up link or back.
const (
	kindSignup   byte = 's'
	kindPersonal byte = 'r'
)

// macLen is how much of the HMAC-SHA256 a token carries: 128 bits, too
// many to guess.
const macLen = 16

var errBadToken = errors.New("bad or forged link token")

// Links makes and checks the signed tokens of the public pages. The key is
// generated once and kept in the database, so printed links and pasted QR
// codes keep working across restarts.
type Links struct {
	key  []byte
	base string
}

// OpenLinks loads (or creates) the signing key and the public base URL.
func OpenLinks(ctx context.Context, store *models.Store, cfg config.Web) (*Links, error) {
	key, err := store.WebSecret(ctx, "links")
	if err != nil {
		return nil, fmt.Errorf("load link key: %w", err)
	}
	return &Links{key: key, base: BaseURL(cfg)}, nil
}

// BaseURL is where people reach the server: web.public_url, or the listen
// address when none is set (fine on one machine, not for members).
func BaseURL(cfg config.Web) string {
	if cfg.PublicURL != "" {
		return cfg.PublicURL
	}
	return "http://" + cfg.Listen
}

// Signup is an organization's sign-up link for a campaign.
func (l *Links) Signup(campaignID, orgID uint) string {
	return l.base + "/s/" + l.token(kindSignup, uint64(campaignID), uint64(orgID))
}

// Personal is the status-and-cancel link of one registration.
func (l *Links) Personal(regID uint) string {
	return l.base + "/r/" + l.token(kindPersonal, uint64(regID))
}

// token encodes the ids as varints followed by the truncated HMAC of the
// kind and the ids, in unpadded base64url (safe in paths and QR codes).
func (l *Links) token(kind byte, ids ...uint64) string {
	var b []byte
	for _, id := range ids {
		b = binary.AppendUvarint(b, id)
	}
	b = append(b, l.mac(kind, b)...)
	return base64.RawURLEncoding.EncodeToString(b)
}

func (l *Links) mac(kind byte, payload []byte) []byte {
	m := hmac.New(sha256.New, l.key)
	m.Write([]byte{kind})
	m.Write(payload)
	return m.Sum(nil)[:macLen]
}

// parse checks a token of kind and returns its n ids.
func (l *Links) parse(kind byte, token string, n int) ([]uint64, error) {
	b, err := base64.RawURLEncoding.Strict().DecodeString(token) // one spelling per token
	if err != nil || len(b) <= macLen {
		return nil, errBadToken
	}
	payload, sum := b[:len(b)-macLen], b[len(b)-macLen:]
	if !hmac.Equal(sum, l.mac(kind, payload)) {
		return nil, errBadToken
	}
	ids := make([]uint64, 0, n)
	for range n {
		id, k := binary.Uvarint(payload)
		if k <= 0 || id == 0 || id > 1<<40 {
			return nil, errBadToken
		}
		ids, payload = append(ids, id), payload[k:]
	}
	if len(payload) != 0 {
		return nil, errBadToken
	}
	return ids, nil
}

// parseSignup returns the campaign and organization a sign-up token names.
func (l *Links) parseSignup(token string) (campaignID, orgID uint, err error) {
	ids, err := l.parse(kindSignup, token, 2)
	if err != nil {
		return 0, 0, err
	}
	return uint(ids[0]), uint(ids[1]), nil
}

// parsePersonal returns the registration a personal token names.
func (l *Links) parsePersonal(token string) (uint, error) {
	ids, err := l.parse(kindPersonal, token, 1)
	if err != nil {
		return 0, err
	}
	return uint(ids[0]), nil
}

// OrgLink is one organization's sign-up link for a campaign.
type OrgLink struct {
	Org     models.OrgSummary
	URL     string
	Token   string
	Unbound bool
}

// OrgLinks lists the sign-up link of every organization that has a group
// (an organization without one has nowhere to announce promotions).
func (l *Links) OrgLinks(ctx context.Context, store *models.Store, campaignID uint) ([]OrgLink, error) {
	orgs, err := store.ListOrgs(ctx)
	if err != nil {
		return nil, err
	}
	var out []OrgLink
	for _, o := range orgs {
		if len(o.Groups) == 0 {
			continue
		}
		tok := l.token(kindSignup, uint64(campaignID), uint64(o.ID))
		out = append(out, OrgLink{Org: o, URL: l.base + "/s/" + tok, Token: tok, Unbound: o.Unbound})
	}
	return out, nil
}

// FooterLinker is the per-organization link a broadcast footer carries
// (broadcast.Broadcaster.OrgLink): nil unless web.public_url is set, since
// a link to the listen address is of no use on members' phones.
func FooterLinker(ctx context.Context, store *models.Store, cfg config.Web) (func(campaignID, orgID uint) string, error) {
	if cfg.PublicURL == "" {
		return nil, nil
	}
	l, err := OpenLinks(ctx, store, cfg)
	if err != nil {
		return nil, err
	}
	return l.Signup, nil
}
