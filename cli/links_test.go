package cli

import (
	"bytes"
	"context"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"mobilize/config"
	"mobilize/models"
	"mobilize/web"
)

func TestLinksPrintWorkingLinksAndWriteQRCodes(t *testing.T) {
	dir := t.TempDir()
	mobilize(t, dir, "", "campaign", "create", "--title", "抗疫志愿者招募")
	csv := "组织名称,类型,群名称,联系人\n广安市营养学会,学会,营养学会志愿群,\n广安市餐饮商会,商会,餐饮商会群,\n"
	os.WriteFile(filepath.Join(dir, "orgs.csv"), []byte(csv), 0o600)
	mobilize(t, dir, "", "orgs", "import", filepath.Join(dir, "orgs.csv"))
	qr := filepath.Join(dir, "qr")
	code, out, errs := mobilize(t, dir, "", "links", "--out", qr)
	if code != 0 || !strings.Contains(errs, "web.public_url") {
		t.Fatalf("links: %d %q %q", code, out, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var line string
	for _, l := range lines {
		if strings.HasPrefix(l, "广安市餐饮商会\thttp://127.0.0.1:8080/s/") {
			line = l
		}
	}
	if len(lines) != 4 || line == "" {
		t.Fatalf("output:\n%s", out)
	}
	for _, name := range []string{"1-广安市营养学会.png", "1-广安市餐饮商会.png"} {
		b, err := os.ReadFile(filepath.Join(qr, name))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := png.Decode(bytes.NewReader(b)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}

	// The printed link opens the organization's page on a server over the
	// same database (the key lives in the database, not the process).
	store, err := models.Open(filepath.Join(dir, "m.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	srv, err := web.New(context.Background(), web.Deps{Store: store, Config: config.Default(),
		Announce: func(context.Context, []models.Registration) error { return nil }})
	if err != nil {
		t.Fatal(err)
	}
	path := line[strings.Index(line, "/s/"):]
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "广安市餐饮商会") {
		t.Errorf("GET %s: %d", path, rec.Code)
	}
}

// links --out stopped at the first organization whose name made a file name
// over 255 bytes (issue 16). Names are cut at a character boundary with
// the organization's number, and every organization gets its code.
func TestLinksShortenLongFileNames(t *testing.T) {
	dir := t.TempDir()
	mobilize(t, dir, "", "campaign", "create", "--title", "抗疫志愿者招募")
	long := strings.Repeat("深圳市义工联合会福田区分会社区服务队", 6) // 18 characters × 6 × 3 bytes
	csv := "组织名称,类型,群名称,联系人\n" + long + "一,社团,群一,\n" + long + "二,社团,群二,\n广安市餐饮商会,商会,餐饮商会群,\n"
	os.WriteFile(filepath.Join(dir, "orgs.csv"), []byte(csv), 0o600)
	if code, out, errs := mobilize(t, dir, "", "orgs", "import", filepath.Join(dir, "orgs.csv")); code != 0 {
		t.Fatalf("import: %d %q %q", code, out, errs)
	}
	qr := filepath.Join(dir, "qr")
	if code, out, errs := mobilize(t, dir, "", "links", "--out", qr); code != 0 {
		t.Fatalf("links: %d %q %q", code, out, errs)
	}
	entries, err := os.ReadDir(qr)
	if err != nil || len(entries) != 3 {
		t.Fatalf("%d files (%v), want 3", len(entries), err)
	}
	for _, e := range entries {
		if n := len(e.Name()); n > maxNameBytes || !utf8.ValidString(e.Name()) || !strings.HasSuffix(e.Name(), ".png") {
			t.Errorf("file name %q (%d bytes)", e.Name(), n)
		}
	}
}
