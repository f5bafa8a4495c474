package chat

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"mobilize/internal/pgtest"
	"mobilize/models"
)

// openLeaseStore opens a fresh database for the lease tests: a schema of
// its own on the PostgreSQL test server when there is one, else a file.
// Leases are what keeps hosts apart, so they are tested where hosts meet.
func openLeaseStore(tb testing.TB) *models.Store {
	tb.Helper()
	dsn := filepath.Join(tb.TempDir(), "t.db")
	if pgtest.URL() != "" {
		dsn = pgtest.Schema(tb)
	}
	s, err := models.Open(dsn, nil)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// TestTakeLeaseRefusesALiveHolderAndTakesADeadOnesOnBothDatabases: a
// live holder elsewhere or on this host keeps its lease; one gone from
// this host loses it at once. On SQLite, and on PostgreSQL when
// MOBILIZE_TEST_POSTGRES is set (.ci/run's second pass).
func TestTakeLeaseRefusesALiveHolderAndTakesADeadOnesOnBothDatabases(t *testing.T) {
	ctx := context.Background()
	store := openLeaseStore(t)
	host, _ := os.Hostname()
	// A live process elsewhere: refused.
	if _, err := store.AcquireLease(ctx, models.LeaseRequest{Account: "甲", Holder: "far", Host: "other-host", PID: 1, TTL: time.Hour}); err != nil {
		t.Fatal(err)
	}
	if _, err := TakeLease(ctx, store, "甲", LeaseConfig{}, nil); !errors.Is(err, models.ErrLeaseHeld) {
		t.Fatalf("took a live lease of another host: %v", err)
	}
	// A live process on this host (our parent, the go tool): refused.
	if _, err := store.AcquireLease(ctx, models.LeaseRequest{Account: "乙", Holder: "near", Host: host, PID: os.Getppid(), TTL: time.Hour}); err != nil {
		t.Fatal(err)
	}
	if _, err := TakeLease(ctx, store, "乙", LeaseConfig{}, nil); !errors.Is(err, models.ErrLeaseHeld) {
		t.Fatalf("took the lease of a live local process: %v", err)
	}
	// A process of this host that is gone (killed): taken at once.
	if _, err := store.AcquireLease(ctx, models.LeaseRequest{Account: "丙", Holder: "gone", Host: host, PID: 1 << 30, TTL: time.Hour}); err != nil {
		t.Fatal(err)
	}
	l, err := TakeLease(ctx, store, "丙", LeaseConfig{}, nil)
	if err != nil || l.prev.Holder != "gone" {
		t.Fatalf("a dead process's lease: %+v %v", l, err)
	}
}

// TestKeepRenewsAndStopsWhenTakenOverOnBothDatabases: Keep renews the
// lease (so it never expires while the holder lives), returns
// ErrLeaseLost once another process has it, and releases it at a clean
// stop; on both databases, as above.
func TestKeepRenewsAndStopsWhenTakenOverOnBothDatabases(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	store := openLeaseStore(t)
	l, err := TakeLease(ctx, store, "甲", LeaseConfig{TTL: 300 * time.Millisecond, Every: 20 * time.Millisecond}, nil)
	if err != nil {
		t.Fatal(err)
	}
	kept := make(chan error, 1)
	go func() { kept <- l.Keep(ctx) }()
	time.Sleep(time.Second) // three TTLs: alive only by renewal
	if err := store.RenewLease(ctx, "甲", l.Holder(), 300*time.Millisecond); err != nil {
		t.Fatalf("lease not kept alive: %v", err)
	}
	// Another process takes it (as after an expiry during a long pause).
	if _, err := store.AcquireLease(ctx, models.LeaseRequest{Account: "甲", Holder: "other", TTL: time.Hour,
		Dead: func(models.AccountLease) bool { return true }}); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-kept:
		if !errors.Is(err, models.ErrLeaseLost) {
			t.Fatalf("Keep returned %v, want ErrLeaseLost", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Keep went on after the lease was taken")
	}

	m, err := TakeLease(ctx, store, "乙", LeaseConfig{TTL: time.Hour}, nil)
	if err != nil {
		t.Fatal(err)
	}
	stop, cancelM := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- m.Keep(stop) }()
	cancelM()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	leases, _ := store.Leases(ctx)
	for _, x := range leases {
		if x.Account == "乙" {
			t.Errorf("a clean stop left the lease: %+v", x)
		}
	}
}
