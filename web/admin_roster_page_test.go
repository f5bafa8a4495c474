package web

import (
	"context"
	"fmt"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"mobilize/chat"
	"mobilize/config"
	"mobilize/internal/loadgen"
	"mobilize/models"
)

// TestConsoleRosterIsPagedAndSearched: the roster shows 50 people a page
// with links to the next and previous page, and finds people by a part
// of their name or of their organization's; a full view audits its page.
func TestConsoleRosterIsPagedAndSearched(t *testing.T) {
	f := newFixture(t, 200)
	ctx := context.Background()
	for i := range 120 {
		group := "营养学会志愿群"
		if i%3 == 0 {
			group = "餐饮商会群"
		}
		if _, err := f.store.SignUp(ctx, models.SignUpRequest{CampaignID: f.camp.ID, RoleCode: "pioneer",
			Name: fmt.Sprintf("张%s", strings.Repeat("伟", 1+i%2)), Phone: fmt.Sprintf("138%08d", i),
			GroupName: group, Sender: fmt.Sprintf("s%d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	c := f.client()
	f.login(c)
	base := f.ts.URL + "/admin/c/1/roster"
	page := c.get(base)
	if n := strings.Count(page, `<td class="who">`); n != 50 {
		t.Errorf("first page shows %d people, want 50", n)
	}
	mustContain(t, page, `id="next"`, "第 1 页")
	mustNotContain(t, page, `id="prev"`)
	page = c.get(base + "?p=3")
	if n := strings.Count(page, `<td class="who">`); n != 20 {
		t.Errorf("last page shows %d people, want 20", n)
	}
	mustContain(t, page, `id="prev"`)
	mustNotContain(t, page, `id="next"`)

	page = c.get(base + "?q=餐饮")
	if n := strings.Count(page, `<td class="who">`); n != 40 {
		t.Errorf("search by organization: %d people, want 40", n)
	}
	mustNotContain(t, page, ">广安市营养学会<")
	page = c.get(base + "?q=张伟伟")
	if n := strings.Count(page, `<td class="who">`); n != 50 || !strings.Contains(page, `id="next"`) {
		t.Errorf("search by name: %d people on page 1", n)
	}
	page = c.get(base + "?q=李")
	mustContain(t, page, "没有姓名或组织包含“李”的报名")

	c.get(base + "?full=1&q=餐饮&p=1")
	trail, _ := f.store.AuditTrail(ctx, "roster.full")
	if len(trail) != 1 || !strings.Contains(trail[0].Detail, "第 1 页，40 条") || !strings.Contains(trail[0].Detail, "餐饮") {
		t.Errorf("full roster audit: %+v", trail)
	}
}

// BenchmarkAdminRosterMillion serves the console's roster — its first
// page, its tenth, and a search matching nobody (a scan of every row) — at
// 1,000,000 registrations, sampling the live heap while it runs. The
// ceiling: no view may raise the live heap by more than 32 MB over what
// it was before (the whole-roster page was 855 MB at 300,000).
//
//	MOBILIZE_BENCH_DB=/tmp/bench.db go test -run XXX -bench AdminRosterMillion -benchtime 3x ./web
func BenchmarkAdminRosterMillion(b *testing.B) {
	path, camp, _, err := loadgen.Database(context.Background(), b.TempDir(), loadgen.ScaleSizes, time.FixedZone("CST", 8*3600))
	if err != nil {
		b.Fatal(err)
	}
	f := newFixtureOn(b, path)
	c := f.client()
	f.login(c)
	base := fmt.Sprintf("%s/admin/c/%d/roster", f.ts.URL, camp)
	for _, view := range []struct{ name, query string }{{"first", ""}, {"tenth", "?p=10"}, {"search-none", "?q=无此人"}} {
		b.Run(view.name, func(b *testing.B) {
			const ceiling = 32 << 20
			var peak uint64
			for range b.N {
				runtime.GC()
				before := liveHeap()
				stop := samplePeak(&peak)
				page := c.get(base + view.query)
				stop()
				if c.status != 200 || !strings.Contains(page, "名单") {
					b.Fatalf("status %d", c.status)
				}
				if peak > before && peak-before > ceiling {
					b.Fatalf("%s view raised the heap by %d MB, ceiling %d MB", view.name, (peak-before)>>20, ceiling>>20)
				}
				if peak > before {
					b.ReportMetric(float64(peak-before)/(1<<20), "heap-MB")
				}
			}
		})
	}
}

// liveHeap is the bytes of live and not yet swept heap objects.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// samplePeak records the heap's highest value into peak every
// millisecond until the returned stop is called.
func samplePeak(peak *uint64) (stop func()) {
	var done atomic.Bool
	finished := make(chan struct{})
	*peak = liveHeap()
	go func() {
		defer close(finished)
		for !done.Load() {
			if h := liveHeap(); h > *peak {
				*peak = h
			}
			time.Sleep(time.Millisecond)
		}
	}()
	return func() { done.Store(true); <-finished }
}

// newFixtureOn is a fixture's server and admin on an existing database
// (a generated one for the scale benchmarks).
func newFixtureOn(t testing.TB, path string) *fixture {
	t.Helper()
	cfg, err := config.Load(config.Overrides{}, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	cfg.Admins = []string{"民政局值班员"}
	cfg.Web.RatePerMinute = 1000
	store, err := models.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	f := &fixture{t: t, store: store, cfg: cfg, dbPath: path}
	f.outbox = chat.NewOutbox(store, 0, nil)
	f.start()
	return f
}
