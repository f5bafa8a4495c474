package models

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// TestMissingPostgresDatabaseIsAFault: a URL naming a database the
// server lacks (a typo in the name, or createdb forgotten) is FaultNoDB,
// worded in Chinese — not pgx's "database … does not exist (SQLSTATE
// 3D000)". Any other refusal inside a connect error is FaultCantOpen.
func TestMissingPostgresDatabaseIsAFault(t *testing.T) {
	wrapped := &pgconn.ConnectError{}
	if f, ok := FaultOf(fmt.Errorf("open: %w", wrapped)); !ok || f != FaultCantOpen {
		t.Errorf("a refused connection: %q %v", f, ok)
	}
	if testPostgres == "" {
		t.Skip("the real server's answer needs MOBILIZE_TEST_POSTGRES (.ci/run sets it)")
	}
	u, err := url.Parse(testPostgres)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/mobilize_no_such_database"
	_, err = Open(u.String(), nil)
	if f, ok := FaultOf(err); !ok || f != FaultNoDB {
		t.Fatalf("open of a missing database: %v (fault %q)", err, f)
	}
	if a := FaultNoDB.Advice(); !strings.Contains(a, "createdb") {
		t.Errorf("advice %q", a)
	}
}
