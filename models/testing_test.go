package models

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"mobilize/internal/pgtest"
)

var fixedNow = time.Date(2026, 11, 23, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))

// mustOpen opens a fresh database with a fixed clock: a file, or a new
// schema on the PostgreSQL test server when there is one (testPostgres).
func mustOpen(tb testing.TB) *Store {
	tb.Helper()
	s, err := Open(testDSN(tb), nil)
	if err != nil {
		tb.Fatal(err)
	}
	s.Now = func() time.Time { return fixedNow }
	tb.Cleanup(func() { s.Close() })
	return s
}

// mustOpenSQLite is mustOpen on a file whatever testPostgres says, for
// the tests of what only SQLite has (its query plans, its file header).
func mustOpenSQLite(tb testing.TB) *Store {
	tb.Helper()
	s, err := Open(filepath.Join(tb.TempDir(), "t.db"), nil)
	if err != nil {
		tb.Fatal(err)
	}
	s.Now = func() time.Time { return fixedNow }
	tb.Cleanup(func() { s.Close() })
	return s
}

// testDSN is where a test's fresh database lives.
func testDSN(tb testing.TB) string {
	if testPostgres != "" {
		return pgtest.Schema(tb)
	}
	return filepath.Join(tb.TempDir(), "t.db")
}

// mustCampaign creates a campaign with a pioneer and a reserve role.
func mustCampaign(tb testing.TB, s *Store, pioneers, reserves int) Campaign {
	tb.Helper()
	c, err := s.CreateCampaign(context.Background(), NewCampaign{Title: "抗疫", Roles: []Role{
		{Code: "pioneer", Name: "志愿先锋", Quota: pioneers, PhoneRequired: true},
		{Code: "reserve", Name: "储备志愿者", Quota: reserves, PhoneRequired: true},
	}})
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func phone(i int) string { return fmt.Sprintf("138%08d", i) }

func mustSignUp(tb testing.TB, s *Store, c Campaign, role string, i int) SignUpResult {
	tb.Helper()
	res, err := s.SignUp(context.Background(), SignUpRequest{CampaignID: c.ID, RoleCode: role,
		Name: fmt.Sprintf("志愿者%d", i), Phone: phone(i), GroupName: testGroup, Sender: fmt.Sprintf("微信%d", i)})
	if err != nil {
		tb.Fatalf("sign up %d: %v", i, err)
	}
	return res
}

// testGroup is the group mustSignUp signs people up from.
const testGroup = "广安市营养学会志愿群"

// twoStores opens dsn twice: two processes' stores on one database.
func twoStores(t *testing.T, dsn string) [2]*Store {
	t.Helper()
	var stores [2]*Store
	for i := range stores {
		s, err := Open(dsn, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		stores[i] = s
	}
	return stores
}
