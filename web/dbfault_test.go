package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mobilize/models"
)

// TestConsoleSaysDamagedDatabaseInChinese damages, one page at a time, a
// real copy of the fixture's database and opens the console on it: where
// the damage stops the page, staff read in Chinese that the file is
// damaged and to restore the backup, never SQLite's English.
func TestConsoleSaysDamagedDatabaseInChinese(t *testing.T) {
	f := newFixture(t, 3)
	for i := range 30 {
		f.client().signUp(f.link(i%2), "张"+string(rune(0x4e00+i)), fmt.Sprintf("138%08d", i), "reserve")
	}
	f.store.Close()
	pristine, err := os.ReadFile(f.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	hit := 0
	for page := 1; page*4096 < len(pristine) && hit == 0; page++ {
		path := filepath.Join(t.TempDir(), "d.db")
		data := append([]byte(nil), pristine...)
		for i := page * 4096; i < (page+1)*4096; i++ {
			data[i] = byte(0xA5 ^ i)
		}
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		status, body := consoleOn(t, f, path)
		if strings.Contains(body, "malformed") || strings.Contains(body, "disk image") {
			t.Fatalf("page %d damaged: the console shows SQLite's English:\n%s", page, excerpt(body))
		}
		if status == http.StatusServiceUnavailable {
			mustContain(t, body, "数据库文件已损坏", "备份")
			hit++
		}
	}
	if hit == 0 {
		t.Fatal("no damaged page reached the console's error page")
	}
}

// consoleOn serves the console on the database at path and returns what
// GET /admin answers a logged-in admin; 0 when the damage already stops
// the store from opening or logging in.
func consoleOn(t *testing.T, f *fixture, path string) (int, string) {
	t.Helper()
	st, err := models.Open(path, nil)
	if err != nil {
		return 0, ""
	}
	defer st.Close()
	ctx := context.Background()
	srv, err := New(ctx, Deps{Store: st, Config: f.cfg, Announce: func(context.Context, []models.Registration) error { return nil }})
	if err != nil {
		return 0, ""
	}
	link, err := st.NewLoginLink(ctx, "民政局值班员", time.Minute)
	if err != nil {
		return 0, ""
	}
	session, _, err := st.UseLoginLink(ctx, link, time.Hour, models.SessionDevice{})
	if err != nil {
		return 0, ""
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	req, _ := http.NewRequest(http.MethodGet, ts.URL+"/admin", nil)
	req.AddCookie(&http.Cookie{Name: adminCookie, Value: session})
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}
