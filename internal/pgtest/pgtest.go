// Package pgtest gives tests a database of their own on the PostgreSQL
// server that .ci/run starts (.ci/postgres): a new schema, dropped when
// the test ends. A schema is a whole database to mobilize's Store, and far
// quicker to make than one. It is the one package that speaks to the
// server without the Store, and only tests import it.
package pgtest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
)

// Env names the server's URL; .ci/run sets it for the suites that run on
// PostgreSQL too.
const Env = "MOBILIZE_TEST_POSTGRES"

// URL is the test server's URL, "" when there is none.
func URL() string { return os.Getenv(Env) }

var seq atomic.Int64

// Schema creates an empty schema on the test server for tb, dropped with
// everything in it when tb ends, and returns the URL of connections that
// work in it.
func Schema(tb testing.TB) string {
	tb.Helper()
	base := URL()
	if base == "" {
		tb.Fatalf("%s is not set", Env)
	}
	ctx := context.Background()
	name := fmt.Sprintf("t_%d_%d", os.Getpid(), seq.Add(1))
	if err := exec(ctx, base, "CREATE SCHEMA "+name); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := exec(ctx, base, "DROP SCHEMA "+name+" CASCADE"); err != nil {
			tb.Error(err)
		}
	})
	return inSchema(tb, base, name)
}

// inSchema is the server's URL with connections working in schema name.
func inSchema(tb testing.TB, base, name string) string {
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}

// exec runs one statement on its own connection.
func exec(ctx context.Context, url, sql string) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return fmt.Errorf("test PostgreSQL: %w", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		return fmt.Errorf("test PostgreSQL: %s: %w", sql, err)
	}
	return nil
}

// Kept is a schema on the test server that outlives the test: created
// when missing, never dropped. It is for fixtures that take minutes to
// make (a million generated registrations) and are reused by later runs;
// drop it by hand (DROP SCHEMA name CASCADE) to make it anew.
func Kept(tb testing.TB, name string) string {
	tb.Helper()
	base := URL()
	if base == "" {
		tb.Fatalf("%s is not set", Env)
	}
	if err := exec(context.Background(), base, "CREATE SCHEMA IF NOT EXISTS "+name); err != nil {
		tb.Fatal(err)
	}
	return inSchema(tb, base, name)
}
