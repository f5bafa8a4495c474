package report

import (
	"bytes"
	"io"
	"os"

	"github.com/xuri/excelize/v2"
)

// zipMagic starts every .xlsx file (it is a zip archive).
var zipMagic = []byte("PK\x03\x04")

// IsWorkbook reports whether the regular file at path is an Excel workbook
// excelize can open. Export uses it before overwriting a file: anything
// else (a database, a document, an empty file) is left alone. It does not
// follow a symlink at path.
func IsWorkbook(path string) bool {
	st, err := os.Lstat(path)
	if err != nil || !st.Mode().IsRegular() {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(zipMagic))
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, zipMagic) {
		return false
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return false
	}
	wb, err := excelize.OpenReader(f)
	if err != nil {
		return false
	}
	defer wb.Close()
	return len(wb.GetSheetList()) > 0
}
