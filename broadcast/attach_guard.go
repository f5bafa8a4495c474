package broadcast

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"strings"
)

// Attachments go to every group of a broadcast, so a slip of the path
// (`--file data/mobilize.db`, the workbook just exported) would hand every
// member the full roster with phones. These are the same guards as
// `export --out`, applied by what a file is rather than where it lies, so
// a copy or another name is caught too.

// sqliteMagic opens every SQLite database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// sqliteSideSuffixes are the files SQLite keeps beside a database, full of
// its pages.
var sqliteSideSuffixes = []string{"-wal", "-shm", "-journal"}

// refusedKind says why path must not be an attachment: "link" for a
// symbolic link (what it points at can change between preview and send),
// "database" for a SQLite database or one of its side files, "workbook"
// for a workbook mobilize wrote (it carries the roster); "" when it may go.
func refusedKind(path string) string {
	if st, err := os.Lstat(path); err == nil && st.Mode()&os.ModeSymlink != 0 {
		return "link"
	}
	if isSQLite(path) {
		return "database"
	}
	for _, suf := range sqliteSideSuffixes {
		if base, ok := strings.CutSuffix(path, suf); ok && isSQLite(base) {
			return "database"
		}
	}
	if isOurWorkbook(path) {
		return "workbook"
	}
	return ""
}

// isSQLite reports whether path starts with SQLite's file header.
func isSQLite(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(sqliteMagic))
	if _, err := io.ReadFull(f, head); err != nil {
		return false
	}
	return bytes.Equal(head, sqliteMagic)
}

// isOurWorkbook reports whether path is an xlsx whose workbook lists the
// sheets mobilize's export writes: 汇总 and 名单.
func isOurWorkbook(path string) bool {
	z, err := zip.OpenReader(path)
	if err != nil {
		return false
	}
	defer z.Close()
	for _, f := range z.File {
		if f.Name != "xl/workbook.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return false
		}
		defer rc.Close()
		b, err := io.ReadAll(io.LimitReader(rc, 1<<20))
		if err != nil {
			return false
		}
		return bytes.Contains(b, []byte(`name="汇总"`)) && bytes.Contains(b, []byte(`name="名单"`))
	}
	return false
}
