package web

import (
	"context"
	"sync"
	"time"

	"mobilize/models"
)

// targetTTL is how long a sign-up link's campaign, organization and group
// are reused from memory. A burst of submissions then costs the database
// one sign-up transaction each and no lookups; a campaign closed meanwhile
// is still refused by the sign-up itself, and the page catches up within
// the TTL.
const targetTTL = 5 * time.Second

// targetCache remembers resolved sign-up links for targetTTL.
type targetCache struct {
	now func() time.Time
	mu  sync.Mutex
	m   map[[2]uint]cachedTarget
}

type cachedTarget struct {
	t  models.SignupTarget
	at time.Time
}

func newTargetCache(now func() time.Time) *targetCache {
	return &targetCache{now: now, m: map[[2]uint]cachedTarget{}}
}

// get returns the target of (campaign, org), from memory when fresh.
func (c *targetCache) get(ctx context.Context, store *models.Store, campaignID, orgID uint) (models.SignupTarget, error) {
	key, t := [2]uint{campaignID, orgID}, c.now()
	c.mu.Lock()
	e, ok := c.m[key]
	c.mu.Unlock()
	if ok && t.Sub(e.at) < targetTTL && !t.Before(e.at) {
		return e.t, nil
	}
	target, err := store.SignupTarget(ctx, campaignID, orgID)
	if err != nil {
		return target, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) > 4096 { // links of many campaigns: start over rather than grow
		clear(c.m)
	}
	c.m[key] = cachedTarget{t: target, at: t}
	return target, nil
}
