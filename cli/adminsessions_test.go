package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mobilize/models"
)

// TestAdminSessionsListsAndEnds: the table names each live session's
// admin, times, device and masked address; end by number, by admin (with
// their unused link) and --all each end exactly those, say so, and are
// audited; the ended sessions no longer open the console.
func TestAdminSessionsListsAndEnds(t *testing.T) {
	dir := t.TempDir()
	store, err := models.Open(filepath.Join(dir, "m.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ctx := context.Background()
	open := func(admin, device, ip string) string {
		link, err := store.NewLoginLink(ctx, admin, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		s, _, err := store.UseLoginLink(ctx, link, time.Hour, models.SessionDevice{Device: device, IP: ip})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	phone := open("王局", "微信 · iPhone", "203.0.113.*")
	laptop := open("王局", "Chrome · Windows", "198.51.100.*")
	other := open("李科", "Edge · Windows", "2001:db8:1::*")
	if _, err := store.NewLoginLink(ctx, "李科", time.Minute); err != nil {
		t.Fatal(err)
	}

	code, out, errs := mobilize(t, dir, "", "admin-sessions")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 4 || !strings.HasPrefix(lines[0], "编号") ||
		!strings.Contains(lines[2], "王局") || !strings.Contains(lines[2], "微信 · iPhone") || !strings.Contains(lines[2], "203.0.113.*") ||
		!strings.Contains(lines[1], "李科") || !strings.Contains(lines[1], "2001:db8:1::*") {
		t.Fatalf("list: %d %q %q", code, out, errs)
	}
	id := strings.Fields(lines[2])[0]

	if code, out, errs := mobilize(t, dir, "", "admin-sessions", "end", id); code != 0 || !strings.Contains(out, "已结束 王局 的后台会话 #"+id) {
		t.Fatalf("end %s: %d %q %q", id, code, out, errs)
	}
	alive := func(s string) bool { _, err := store.SessionAdmin(ctx, s); return err == nil }
	if alive(phone) || !alive(laptop) || !alive(other) {
		t.Fatalf("end by number ended the wrong sessions: %v %v %v", alive(phone), alive(laptop), alive(other))
	}
	if code, out, _ := mobilize(t, dir, "", "admin-sessions", "end", id); code != 1 || out != "" {
		t.Errorf("ending an ended session again: %d %q", code, out)
	}
	if code, out, _ := mobilize(t, dir, "", "admin-sessions", "end", "--admin", "李科"); code != 0 || !strings.Contains(out, "已结束 李科 的 1 个后台会话，作废 1 个未使用的登录链接") {
		t.Fatalf("end --admin: %d %q", code, out)
	}
	if alive(other) || !alive(laptop) {
		t.Fatal("end --admin 李科 ended the wrong sessions")
	}
	if code, out, _ := mobilize(t, dir, "", "admin-sessions", "end", "--all"); code != 0 || !strings.Contains(out, "已结束 所有人 的 1 个后台会话") || alive(laptop) {
		t.Fatalf("end --all: %d %q", code, out)
	}
	if code, out, _ := mobilize(t, dir, "", "admin-sessions", "end", "--all"); code != 0 || !strings.Contains(out, "没有做任何改动") {
		t.Errorf("end --all with nothing left: %d %q", code, out)
	}
	if _, out, _ := mobilize(t, dir, "", "admin-sessions"); !strings.Contains(out, "没有登录中的后台会话") {
		t.Errorf("list after ending all: %q", out)
	}
	rows, err := store.RecentAudit(ctx, models.AuditRevoke, 10)
	if err != nil || len(rows) != 3 || rows[2].Actor != models.ActorCLI || !strings.Contains(rows[2].Detail, "#"+id) {
		t.Errorf("audit: %+v %v", rows, err)
	}
}

// TestAdminSessionsEndRefusals: end takes exactly one of a number,
// --admin or --all, and a number must be one.
func TestAdminSessionsEndRefusals(t *testing.T) {
	dir := t.TempDir()
	mobilize(t, dir, "", "campaign", "create", "--title", "x")
	for _, args := range [][]string{{"end"}, {"end", "3", "--all"}, {"end", "--admin", "王局", "--all"}} {
		if code, _, errs := mobilize(t, dir, "", append([]string{"admin-sessions"}, args...)...); code != 1 || !strings.Contains(errs, "三者选一") {
			t.Errorf("%v: %d %q", args, code, errs)
		}
	}
	if code, _, errs := mobilize(t, dir, "", "admin-sessions", "end", "abc"); code != 1 || !strings.Contains(errs, "应为正整数") {
		t.Errorf("end abc: %d %q", code, errs)
	}
	if code, _, errs := mobilize(t, dir, "", "admin-sessions", "end", "7"); code != 1 || !strings.Contains(errs, "没有编号为 7 的") {
		t.Errorf("end 7: %d %q", code, errs)
	}
}
