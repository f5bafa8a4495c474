package web

import (
	"context"
	"strings"
	"testing"
	"time"
)

// With a cut-off account, 人工转发 puts first the organizations whose groups
// no working account serves, and names those groups.
func TestManualModeListsGroupsWithoutAWorkingAccountFirst(t *testing.T) {
	f := newFixture(t, 1)
	ctx := context.Background()
	now := f.store.Now()
	// 营养学会 (first in the list) is served by a working account, 餐饮商会's
	// group only by one logged out an hour ago.
	if err := f.store.NoteServed(ctx, "值班号1", []string{"营养学会志愿群"}); err != nil {
		t.Fatal(err)
	}
	if err := f.store.NoteServed(ctx, "值班号2", []string{"餐饮商会群"}); err != nil {
		t.Fatal(err)
	}
	if err := f.store.NoteAccountOnline(ctx, "值班号1", now); err != nil {
		t.Fatal(err)
	}
	if err := f.store.NoteAccountOffline(ctx, "值班号2", 1101, now.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	c := f.client()
	f.login(c)
	page := c.get(f.ts.URL + "/admin/c/1/manual")
	waiting, fine := strings.Index(page, "广安市餐饮商会"), strings.Index(page, "广安市营养学会")
	if waiting < 0 || fine < 0 || waiting > fine {
		t.Fatalf("餐饮商会 at %d, 营养学会 at %d: the group without a working account should come first\n%s", waiting, fine, excerpt(page))
	}
	mustContain(t, page, "没有在线账号服务的群（消息在等待，请先转发到这些群）：餐饮商会群")
	if strings.Count(page, "没有在线账号服务的群") != 1 {
		t.Fatalf("a served group marked as waiting:\n%s", excerpt(page))
	}
}
