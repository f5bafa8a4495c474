package models

import (
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

// testPostgres is the PostgreSQL server the Store's tests run on instead of
// SQLite when set (.ci/run starts a throwaway cluster with .ci/postgres and
// runs this package once more with it).
var testPostgres = os.Getenv("MOBILIZE_TEST_POSTGRES")

var schemaSeq atomic.Int64

// postgresTestURL creates an empty schema on the test server for one test
// (dropped when it ends) and returns the URL of a connection that works
// in it: a schema is a whole database to the store, and far quicker to
// make than one.
func postgresTestURL(tb testing.TB) string {
	tb.Helper()
	admin, err := gorm.Open(postgres.Open(testPostgres), &gorm.Config{})
	if err != nil {
		tb.Fatal(err)
	}
	name := fmt.Sprintf("t_%d_%d", os.Getpid(), schemaSeq.Add(1))
	if err := admin.Exec("CREATE SCHEMA " + name).Error; err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		admin.Exec("DROP SCHEMA " + name + " CASCADE")
		closeGorm(admin)
	})
	u, err := url.Parse(testPostgres)
	if err != nil {
		tb.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}
