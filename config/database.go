package config

import (
	"fmt"
	"strings"
)

// validateDatabase checks the database setting and reduces it to a file
// path. "sqlite:" before the path is accepted and dropped (people copy it
// from connection strings); a server URL such as postgres://… is refused
// by name, not opened as a file called "postgres:" in a directory. The
// path itself is a file name, never a URI: models escapes it.
func (c *Config) validateDatabase() error {
	db := strings.TrimSpace(c.Database)
	if rest, ok := cutPrefixFold(db, "sqlite://"); ok {
		db = rest
	} else if rest, ok := cutPrefixFold(db, "sqlite:"); ok {
		db = rest
	}
	if scheme, _, ok := strings.Cut(db, "://"); ok && !strings.ContainsAny(scheme, `/\.`) {
		if strings.HasPrefix(strings.ToLower(scheme), "postgres") {
			return fmt.Errorf("database: 暂不支持 PostgreSQL（%s://…），请给出 SQLite 数据库文件，如 ./data/mobilize.db", scheme)
		}
		return fmt.Errorf("database: 不认识的数据库地址 %s://…，请给出 SQLite 数据库文件，如 ./data/mobilize.db", scheme)
	}
	if db == "" {
		return fmt.Errorf("database: 不能为空")
	}
	c.Database = db
	return nil
}

// cutPrefixFold is strings.CutPrefix ignoring ASCII case.
func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}
