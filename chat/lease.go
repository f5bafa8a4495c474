package chat

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"syscall"
	"time"

	"mobilize/models"
)

// Lease timings: a lease lasts LeaseTTL and is renewed every LeaseEvery,
// so two renewals may fail (a busy database, a paused VM) before it runs
// out, and a process killed outright frees its account within LeaseTTL.
const (
	LeaseTTL   = 90 * time.Second
	LeaseEvery = 30 * time.Second
)

// Lease is this process's hold on one bot account (models.AccountLease):
// while it holds it, no other process sends for the account or settles the
// account's rows left "sending", and this one does only while it holds it.
type Lease struct {
	store   *models.Store
	account string
	holder  string
	ttl     time.Duration
	every   time.Duration
	log     *slog.Logger
	prev    models.AccountLease
}

// LeaseConfig tunes TakeLease. Zero fields take LeaseTTL and LeaseEvery.
type LeaseConfig struct {
	TTL, Every time.Duration
}

// TakeLease takes the account's lease for this process, or returns a
// *models.LeaseHeldError naming the live process that has it. A lease of a
// process on this host that no longer exists (killed, crashed), or that
// had this process's own pid (a restarted container's pid 1), is taken at
// once; one of another host only once it has expired.
func TakeLease(ctx context.Context, store *models.Store, account string, c LeaseConfig, log *slog.Logger) (*Lease, error) {
	if c.TTL <= 0 {
		c.TTL = LeaseTTL
	}
	if c.Every <= 0 || c.Every >= c.TTL {
		c.Every = c.TTL / 3
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	host, _ := os.Hostname()
	holder, err := NewHolder(host)
	if err != nil {
		return nil, err
	}
	prev, err := store.AcquireLease(ctx, models.LeaseRequest{
		Account: account, Holder: holder, Host: host, PID: os.Getpid(), TTL: c.TTL,
		Dead: func(l models.AccountLease) bool { return GoneHere(host, l.Host, l.PID) },
	})
	if err != nil {
		return nil, fmt.Errorf("take the lease of account %q: %w", account, err)
	}
	l := &Lease{store: store, account: account, holder: holder, ttl: c.TTL, every: c.Every, log: log, prev: prev}
	if prev.ID != 0 {
		log.Warn("took over the lease of a stopped process", "account", account, "host", prev.Host, "pid", prev.PID, "last_beat", prev.Beat)
	}
	return l, nil
}

// NewHolder is a token unique to this process: host, pid and a random
// part, so a later process that reuses the pid is not taken for this one.
// Leases and the scheduler's slot claims are held under such tokens.
func NewHolder(host string) (string, error) {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s:%d:%s", host, os.Getpid(), hex.EncodeToString(b)), nil
}

// Holder is the token the sender claims rows under (SenderConfig.Holder).
func (l *Lease) Holder() string { return l.holder }

// Account is the account the lease is for.
func (l *Lease) Account() string { return l.account }

// Keep renews the lease until ctx ends, then releases it. It returns
// models.ErrLeaseLost if the lease ran out and cannot be renewed (another
// process may hold it now): the caller must stop serving the account.
// Other errors (a busy database) are logged and retried at the next tick.
func (l *Lease) Keep(ctx context.Context) error {
	t := time.NewTicker(l.every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			l.Release()
			return nil
		case <-t.C:
		}
		err := l.store.RenewLease(ctx, l.account, l.holder, l.ttl)
		switch {
		case errors.Is(err, models.ErrLeaseLost):
			l.log.Error("the account's lease ran out and another process may hold it: stopping", "account", l.account)
			return err
		case err != nil && ctx.Err() == nil:
			l.log.Warn("renew the account's lease; will retry", "account", l.account, "err", err)
		}
	}
}

// Release gives the lease up so a restart need not wait for it to expire;
// Keep calls it when it stops. Releasing twice is harmless.
func (l *Lease) Release() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := l.store.ReleaseLease(ctx, l.account, l.holder); err != nil {
		l.log.Warn("release the account's lease", "account", l.account, "err", err)
	}
}

// GoneHere reports whether the process pid of host, which holds a lease or
// a claim under another token, is known to be gone: it ran on this host
// (named here) and no such process exists, or it had this process's own
// pid (a restarted container's pid 1). A process of another host is never
// known gone; its hold runs out by time.
func GoneHere(here, host string, pid int) bool {
	return host == here && (pid == os.Getpid() || !ProcessAlive(pid))
}

// ProcessAlive reports whether a process with this id exists on this host
// (signal 0 checks without signalling; where that is unsupported, false).
func ProcessAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	p, err := os.FindProcess(pid)
	return err == nil && p.Signal(syscall.Signal(0)) == nil
}
