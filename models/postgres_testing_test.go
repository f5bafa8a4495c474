package models

import "mobilize/internal/pgtest"

// testPostgres is the PostgreSQL server the Store's tests run on instead of
// SQLite when set (.ci/run starts a throwaway cluster with .ci/postgres and
// runs this package once more with it); each test gets a schema of its own
// (pgtest.Schema).
var testPostgres = pgtest.URL()
