package config

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
)

// validateDatabase checks the database setting: a PostgreSQL server URL
// (postgres://… or postgresql://…), kept as given, or else a SQLite file
// path. "sqlite:" before the path is accepted and dropped (people copy it
// from connection strings); any other scheme is refused by name, not
// opened as a file called "mysql:" in a directory. The path itself is a
// file name, never a URI: models escapes it.
func (c *Config) validateDatabase() error {
	db := strings.TrimSpace(c.Database)
	if IsPostgresURL(db) {
		if _, err := url.Parse(db); err != nil {
			return fmt.Errorf("database: PostgreSQL 地址写法不对（%v），应如 postgres://用户:密码@主机:5432/库名", redactErr(err))
		}
		c.Database = db
		return nil
	}
	if rest, ok := cutPrefixFold(db, "sqlite://"); ok {
		db = rest
	} else if rest, ok := cutPrefixFold(db, "sqlite:"); ok {
		db = rest
	}
	if scheme, _, ok := strings.Cut(db, "://"); ok && !strings.ContainsAny(scheme, `/\.`) {
		return fmt.Errorf("database: 不认识的数据库地址 %s://…，请给出 SQLite 数据库文件（如 ./data/mobilize.db）或 PostgreSQL 地址（postgres://…）", scheme)
	}
	if db == "" {
		return fmt.Errorf("database: 不能为空")
	}
	c.Database = db
	return nil
}

// IsPostgresURL reports whether db names a PostgreSQL server
// (postgres://… or postgresql://…, any case) rather than a SQLite file.
func IsPostgresURL(db string) bool {
	_, ok := cutPrefixFold(db, "postgres://")
	if !ok {
		_, ok = cutPrefixFold(db, "postgresql://")
	}
	return ok
}

// ShownDatabase is the database as messages and logs name it: a
// PostgreSQL URL without its password.
func ShownDatabase(db string) string {
	if !IsPostgresURL(db) {
		return db
	}
	u, err := url.Parse(db)
	if err != nil {
		return "postgres://…"
	}
	return u.Redacted()
}

// redactErr is a URL parse error without the URL, which may hold a
// password.
func redactErr(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}

// DataDir is where the files the bot keeps on this host go (exports/,
// inbox/): beside a SQLite database; ./data for a PostgreSQL one, whose
// data is on the server.
func (c Config) DataDir() string {
	if IsPostgresURL(c.Database) {
		return "data"
	}
	return filepath.Dir(c.Database)
}

// cutPrefixFold is strings.CutPrefix ignoring ASCII case.
func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}
