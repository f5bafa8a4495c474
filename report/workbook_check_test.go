package report

import (
	"archive/zip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestIsWorkbook tells our workbook from other zips and files without
// opening its sheets.
func TestIsWorkbook(t *testing.T) {
	dir := t.TempDir()
	s, tl := streamFixture(t, 2)
	book := filepath.Join(dir, "book.xlsx")
	f, err := os.Create(book)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := WriteWorkbook(context.Background(), f, s, tl, shanghai); err != nil {
		t.Fatal(err)
	}
	f.Close()
	zipOf := func(name string, parts map[string]string) string {
		p := filepath.Join(dir, name)
		f, _ := os.Create(p)
		zw := zip.NewWriter(f)
		for n, body := range parts {
			w, _ := zw.Create(n)
			w.Write([]byte(body))
		}
		zw.Close()
		f.Close()
		return p
	}
	officeRels := `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="%s"/></Relationships>`
	docx := zipOf("letter.xlsx", map[string]string{"_rels/.rels": fmt.Sprintf(officeRels, "word/document.xml"), "word/document.xml": "<document/>"})
	noSheets := zipOf("empty.xlsx", map[string]string{"_rels/.rels": fmt.Sprintf(officeRels, "xl/workbook.xml"), "xl/workbook.xml": "<workbook><sheets/></workbook>"})
	other := zipOf("wb2.xlsx", map[string]string{"_rels/.rels": fmt.Sprintf(officeRels, "/xl/book.xml"),
		"xl/book.xml": `<workbook><sheets><sheet name="A" sheetId="1"/></sheets></workbook>`})
	link := filepath.Join(dir, "link.xlsx")
	os.Symlink(book, link)
	text := filepath.Join(dir, "notes.xlsx")
	os.WriteFile(text, []byte("PK\x03\x04 not really"), 0o600)
	for p, want := range map[string]bool{book: true, other: true, docx: false, noSheets: false, link: false, text: false, dir: false,
		filepath.Join(dir, "missing.xlsx"): false} {
		if got := IsWorkbook(p); got != want {
			t.Errorf("IsWorkbook(%s) = %v, want %v", filepath.Base(p), got, want)
		}
	}
}
