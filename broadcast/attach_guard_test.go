package broadcast

import (
	"archive/zip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mobilize/config"
	"mobilize/models"
)

// writeWorkbook writes an xlsx whose workbook lists sheets.
func writeWorkbook(t *testing.T, path string, sheets ...string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	z := zip.NewWriter(f)
	w, _ := z.Create("xl/workbook.xml")
	var b strings.Builder
	b.WriteString(`<workbook><sheets>`)
	for i, s := range sheets {
		b.WriteString(`<sheet name="` + s + `" sheetId="` + string(rune('1'+i)) + `"/>`)
	}
	b.WriteString(`</sheets></workbook>`)
	w.Write([]byte(b.String()))
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// TestAttachmentsFullOfPhonesAreRefused: the live database (issue 16:
// `broadcast --file m.db` queued it to all 24 groups), its -wal and -shm,
// a copy under another name, a workbook we exported, and a symbolic link
// are refused as attachments with a Chinese reason; an ordinary PDF and
// someone else's workbook go, and the preview names each file's size.
func TestAttachmentsFullOfPhonesAreRefused(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "m.db")
	s, err := models.Open(dbPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if _, err := s.ImportOrgsReport(ctx, []models.OrgRow{{Name: "营养学会", Kind: "学会", Group: "营养群"}}, models.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	b := New(s, config.Default())
	raw, err := os.ReadFile(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(dir, "倡议书.pdf")
	if err := os.WriteFile(copyPath, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(dir, "真的倡议书.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.4 "+strings.Repeat("x", 3000)), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "链接.pdf")
	if err := os.Symlink(pdf, link); err != nil {
		t.Fatal(err)
	}
	ours := filepath.Join(dir, "导出.xlsx")
	writeWorkbook(t, ours, "汇总", "名单", "候补")
	theirs := filepath.Join(dir, "物资清单.xlsx")
	writeWorkbook(t, theirs, "Sheet1")

	refused := map[string]string{
		dbPath: "数据库", copyPath: "数据库", link: "符号链接", ours: "名单工作簿",
	}
	for _, side := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(dbPath + side); err == nil {
			refused[dbPath+side] = "数据库"
		}
	}
	if len(refused) < 5 {
		t.Fatalf("the open database has no -wal/-shm beside it: %v", refused)
	}
	for path, why := range refused {
		_, err := b.Plan(ctx, Draft{Title: "招募", Body: "正文", File: path, Targets: []string{"all"}})
		var be *Error
		if !errors.As(err, &be) || !strings.Contains(be.Error(), why) || !strings.Contains(be.Error(), filepath.Base(path)) {
			t.Errorf("%s: %v, want a refusal saying %s", filepath.Base(path), err, why)
		}
	}
	for _, path := range []string{pdf, theirs} {
		p, err := b.Plan(ctx, Draft{Title: "招募", Body: "正文", File: path, Targets: []string{"all"}})
		if err != nil {
			t.Fatalf("%s refused: %v", filepath.Base(path), err)
		}
		if path == pdf {
			if got := PreviewMessages(p.Messages); !strings.Contains(got, "文件 真的倡议书.pdf（3 KB）") {
				t.Fatalf("preview does not name the file and its size:\n%s", got)
			}
		}
	}
}
