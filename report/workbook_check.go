package report

import (
	"archive/zip"
	"os"
	"path"
	"strings"
)

// IsWorkbook reports whether the regular file at path is an Excel
// workbook: a zip whose package relationships name a workbook part that
// lists at least one sheet. Export uses it before overwriting a file:
// anything else (a database, a document, an empty file) is left alone. It
// does not follow a symlink at path. It reads the zip's directory and that
// one small part, never the sheets: opening the whole file with excelize
// cost seconds and over 100 MB for a million-row workbook, on every
// re-export.
func IsWorkbook(path string) bool {
	st, err := os.Lstat(path)
	if err != nil || !st.Mode().IsRegular() {
		return false
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		return false
	}
	defer zr.Close()
	part, ok := workbookPart(&zr.Reader)
	if !ok {
		return false
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
		} `xml:"sheets>sheet"`
	}
	return readXML(&zr.Reader, part, &wb) == nil && len(wb.Sheets) > 0
}

// workbookPart is the workbook part the package's relationships
// (_rels/.rels) name as the office document.
func workbookPart(zr *zip.Reader) (string, bool) {
	var rels struct {
		Rels []struct {
			Type   string `xml:",attr"`
			Target string `xml:",attr"`
		} `xml:"Relationship"`
	}
	if readXML(zr, "_rels/.rels", &rels) != nil {
		return "", false
	}
	for _, r := range rels.Rels {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			return strings.TrimPrefix(path.Clean("/"+r.Target), "/"), true
		}
	}
	return "", false
}
