package models

import (
	"net/url"
	"path/filepath"
)

// fileURI is the SQLite URI of the database file at path with the given
// query. SQLite reads a "file:" name as a URI: '#' starts a fragment, '?'
// the query and '%' an escape, so `live.db#test` opened live.db and
// `100%41.db` opened 100A.db. The path is made absolute and escaped by
// url.URL, so the file SQLite opens is the one prepareFile checked.
func fileURI(path, query string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs), RawQuery: query}
	return u.String()
}
