package scheduler

import (
	"context"
	"log/slog"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"mobilize/chat"
	"mobilize/config"
	"mobilize/internal/pgtest"
	"mobilize/internal/syncbuf"
	"mobilize/models"
)

var shanghai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return loc
}()

// at is a time in Asia/Shanghai on 2026-11-dd.
func at(day, hour, min int) time.Time {
	return time.Date(2026, 11, day, hour, min, 0, 0, shanghai)
}

// clock is a settable clock for the store and the scheduler.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

// testConfig is the default configuration, validated, with one admin.
func testConfig(tb testing.TB) config.Config {
	tb.Helper()
	cfg, err := config.Load(config.Overrides{}, func(string) string { return "" })
	if err != nil {
		tb.Fatal(err)
	}
	cfg.Admins = []string{"民政局值班员"}
	return cfg
}

// testDSN is where a test's fresh database lives: a file, or a schema of
// its own on the PostgreSQL test server when MOBILIZE_TEST_POSTGRES names
// one (.ci/run runs this package a second time so).
func testDSN(tb testing.TB) string {
	if pgtest.URL() != "" {
		return pgtest.Schema(tb)
	}
	return filepath.Join(tb.TempDir(), "t.db")
}

// openStore opens the database at path (a file or a URL) with the clock.
func openStore(tb testing.TB, path string, c *clock) *models.Store {
	tb.Helper()
	s, err := models.Open(path, nil)
	if err != nil {
		tb.Fatal(err)
	}
	s.Now = c.Now
	tb.Cleanup(func() { s.Close() })
	return s
}

// fixture is a store (path: its file or URL), a clock, a scheduler over a real outbox, and its log.
type fixture struct {
	path  string
	clock *clock
	store *models.Store
	sched *Scheduler
	logs  *syncbuf.Buffer
}

func newFixture(tb testing.TB, cfg config.Config, now time.Time) *fixture {
	tb.Helper()
	f := &fixture{path: testDSN(tb), clock: &clock{t: now}}
	f.store = openStore(tb, f.path, f.clock)
	f.sched = f.scheduler(tb, cfg)
	return f
}

// scheduler builds a scheduler over the fixture's store with a fresh
// outbox and log, as a restarted process would.
func (f *fixture) scheduler(tb testing.TB, cfg config.Config) *Scheduler {
	tb.Helper()
	f.logs = &syncbuf.Buffer{}
	s, err := New(Deps{Config: cfg, Store: f.store, Outbox: chat.NewOutbox(f.store, 0, nil),
		Log: slog.New(slog.NewTextHandler(f.logs, nil)), Now: f.clock.Now})
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// outbox lists what was queued: target → texts.
func (f *fixture) outbox(tb testing.TB) []models.OutboxMessage {
	tb.Helper()
	rows, err := f.store.OutboxRows(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return rows
}

// campaign creates a campaign with a pioneer and a reserve role.
func (f *fixture) campaign(tb testing.TB, title string, pioneers, pioneerCap, reserves int, deadline *time.Time) models.Campaign {
	tb.Helper()
	c, err := f.store.CreateCampaign(context.Background(), models.NewCampaign{Title: title, Deadline: deadline, Roles: []models.Role{
		{Code: "pioneer", Name: "志愿先锋", Quota: pioneers, OrgCap: pioneerCap},
		{Code: "reserve", Name: "储备志愿者", Quota: reserves},
	}})
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// orgs binds each group to an organization of the same name minus 群.
func (f *fixture) orgs(tb testing.TB, groups ...string) {
	tb.Helper()
	var rows []models.OrgRow
	for _, g := range groups {
		rows = append(rows, models.OrgRow{Name: g + "组织", Group: g})
	}
	if _, _, err := f.store.ImportOrgs(context.Background(), rows); err != nil {
		tb.Fatal(err)
	}
}

// signUp signs person n up in group for role.
func (f *fixture) signUp(tb testing.TB, c models.Campaign, group, role string, n int) models.SignUpResult {
	tb.Helper()
	res, err := f.store.SignUp(context.Background(), models.SignUpRequest{CampaignID: c.ID, RoleCode: role,
		Name: memberName(n), Phone: phoneOf(n), GroupName: group, Sender: memberName(n)})
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

// memberName is person n's name (and WeChat name): 队员1, 队员2, …
func memberName(n int) string { return "队员" + strconv.Itoa(n) }

func phoneOf(n int) string {
	b := []byte("13800000000")
	for i := 10; n > 0; i, n = i-1, n/10 {
		b[i] = byte('0' + n%10)
	}
	return string(b)
}
