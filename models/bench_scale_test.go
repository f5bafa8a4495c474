package models

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The scale benchmarks sign people up in a campaign of 1,000,000
// registrations and in an empty one, in the same run:
//
//	go test -run XXX -bench SignUpScale -benchtime 2000x -count 3 ./models
//
// The goal (issue 7): a sign-up at 1,000,000 costs no more than 2× one in
// an empty campaign. The database is generated once per process in a
// temporary directory (about 10 s) and removed by TestMain.

const (
	scaleRegs      = 1_000_000
	scalePioneers  = 600_000                                   // confirmed in a role with room
	scaleReserves  = 300_000                                   // confirmed in a full role ...
	scaleWaiting   = scaleRegs - scalePioneers - scaleReserves // ... and waiting for it
	scaleGroups    = 1_000
	scaleCampaign  = 1
	scaleFirstSeat = 1 << 30
)

var (
	scaleOnce sync.Once
	scaleDir  string
	scalePath string
	scaleErr  error
	benchSeq  atomic.Int64 // phones never used before in this process
)

// TestMain removes the generated scale database after the run.
func TestMain(m *testing.M) {
	code := m.Run()
	if scaleDir != "" {
		os.RemoveAll(scaleDir)
	}
	os.Exit(code)
}

// scaleStore opens the generated database of scaleRegs registrations (one
// campaign, 1,000 groups and organizations, each registration with its
// history event), generating it on first use.
func scaleStore(b *testing.B) *Store {
	b.Helper()
	scaleOnce.Do(func() {
		if scaleDir, scaleErr = os.MkdirTemp("", "mobilize-scale-"); scaleErr == nil {
			scalePath = filepath.Join(scaleDir, "scale.db")
			scaleErr = generateScale(scalePath)
		}
	})
	if scaleErr != nil {
		b.Fatal(scaleErr)
	}
	s, err := Open(scalePath, nil)
	if err != nil {
		b.Fatal(err)
	}
	s.Now = func() time.Time { return fixedNow }
	b.Cleanup(func() { s.Close() })
	return s
}

// generateScale writes the scale database with set-based INSERTs in one
// transaction per table (a few seconds, not a million round trips).
func generateScale(path string) error {
	start := time.Now()
	s, err := Open(path, nil)
	if err != nil {
		return err
	}
	defer s.Close()
	s.Now = func() time.Time { return fixedNow }
	if _, err := s.CreateCampaign(context.Background(), NewCampaign{Title: "规模", Roles: []Role{
		{Code: "pioneer", Name: "志愿先锋", Quota: scaleFirstSeat, PhoneRequired: true},
		{Code: "reserve", Name: "储备志愿者", Quota: scaleReserves, PhoneRequired: true},
	}}); err != nil {
		return err
	}
	seq := `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?) `
	steps := []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO organizations (name, kind, contact, unbound, created_at) ` + seq +
			`SELECT '机构' || i, '', '', 0, ? FROM seq`, []any{scaleGroups, fixedNow}},
		{`INSERT INTO groups (name, organization_id, enabled, created_at) ` + seq +
			`SELECT '群' || i, i, 1, ? FROM seq`, []any{scaleGroups, fixedNow}},
		{`INSERT INTO volunteers (name, phone, nickname, group_name, created_at, updated_at) ` + seq +
			`SELECT '志愿者' || i, printf('139%08d', i), '微信' || i, '群' || (i % 1000 + 1), ?, ? FROM seq`,
			[]any{scaleRegs, fixedNow, fixedNow}},
		{`INSERT INTO registrations (campaign_id, role_id, status, wait_seq, volunteer_id, group_id, sender,
				source_msg_id, remark, switch_from, created_at, updated_at, confirmed_at) ` + seq +
			`SELECT ?, CASE WHEN i <= ? THEN 1 ELSE 2 END, CASE WHEN i <= ? THEN 'confirmed' ELSE 'waitlisted' END,
				CASE WHEN i <= ? THEN 0 ELSE i - ? END, i, i % 1000 + 1, '微信' || i, '', '', 0, ?, ?,
				CASE WHEN i <= ? THEN ? END FROM seq`,
			[]any{scaleRegs, scaleCampaign, scalePioneers, scalePioneers + scaleReserves, scalePioneers + scaleReserves,
				scalePioneers + scaleReserves, fixedNow, fixedNow, scalePioneers + scaleReserves, fixedNow}},
		{`INSERT INTO registration_events (registration_id, campaign_id, role_id, group_id, status, reason, at)
			SELECT id, campaign_id, role_id, group_id, status, 'signup', ? FROM registrations`, []any{fixedNow.UTC()}},
		{qCounterInit, []any{1, 1}},
		{qCounterInit, []any{2, 2}},
	}
	// A bulk load needs no durability until the end, and a cache that
	// holds the indexes being built saves most of the writing.
	for _, p := range []string{`PRAGMA synchronous = OFF`, `PRAGMA cache_size = -262144`} {
		if err := s.db.Exec(p).Error; err != nil {
			return err
		}
	}
	for _, st := range steps {
		if err := s.db.Exec(st.sql, st.args...).Error; err != nil {
			return err
		}
	}
	if err := s.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`).Error; err != nil {
		return err
	}
	println("generated", scaleRegs, "registrations in", time.Since(start).Round(time.Millisecond).String())
	return nil
}

// BenchmarkSignUpScale: one Store.SignUp of a new person per operation, in
// an empty campaign and in the 1,000,000-registration one, to a role with
// room (confirmed) and to a full role (waitlisted).
func BenchmarkSignUpScale(b *testing.B) {
	cases := []struct {
		name  string
		store func(*testing.B) (*Store, uint)
		role  string
	}{
		{"empty/confirmed", emptyStore(scaleFirstSeat), "pioneer"},
		{"empty/waitlisted", emptyStore(0), "pioneer"},
		{"1M/confirmed", func(b *testing.B) (*Store, uint) { return scaleStore(b), scaleCampaign }, "pioneer"},
		{"1M/waitlisted", func(b *testing.B) (*Store, uint) { return scaleStore(b), scaleCampaign }, "reserve"},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			s, campaign := c.store(b)
			ctx := context.Background()
			b.ResetTimer()
			for range b.N {
				i := int(benchSeq.Add(1))
				if _, err := s.SignUp(ctx, SignUpRequest{CampaignID: campaign, RoleCode: c.role, Name: "新人",
					Phone: phone(i), GroupName: "群" + string(rune('0'+i%10)), Sender: "s"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// emptyStore is a fresh database with one campaign whose pioneer role has
// quota places.
func emptyStore(quota int) func(*testing.B) (*Store, uint) {
	return func(b *testing.B) (*Store, uint) {
		s := mustOpen(b)
		return s, mustCampaign(b, s, quota, quota).ID
	}
}

// BenchmarkSignUpScaleRatio interleaves the two: each operation is one
// sign-up in an empty campaign and one in the 1,000,000-registration one,
// timed apart, so both see the same machine load; it reports both costs
// and their ratio (goal ≤ 2).
//
//	go test -run XXX -bench SignUpScaleRatio -benchtime 2000x -count 3 ./models
func BenchmarkSignUpScaleRatio(b *testing.B) {
	for _, c := range []struct{ name, bigRole string }{{"confirmed", "pioneer"}, {"waitlisted", "reserve"}} {
		b.Run(c.name, func(b *testing.B) {
			quota := scaleFirstSeat
			if c.name == "waitlisted" {
				quota = 0
			}
			empty, emptyCampaign := emptyStore(quota)(b)
			big := scaleStore(b)
			var tEmpty, tBig time.Duration
			ctx := context.Background()
			sign := func(s *Store, campaign uint, role string) time.Duration {
				i := int(benchSeq.Add(1))
				start := time.Now()
				if _, err := s.SignUp(ctx, SignUpRequest{CampaignID: campaign, RoleCode: role, Name: "新人",
					Phone: phone(i), GroupName: fmt.Sprint("群", i%scaleGroups+1), Sender: "s"}); err != nil {
					b.Fatal(err)
				}
				return time.Since(start)
			}
			b.ResetTimer()
			for range b.N {
				tEmpty += sign(empty, emptyCampaign, "pioneer")
				tBig += sign(big, scaleCampaign, c.bigRole)
			}
			b.ReportMetric(float64(tEmpty.Microseconds())/float64(b.N), "empty-µs")
			b.ReportMetric(float64(tBig.Microseconds())/float64(b.N), "1M-µs")
			b.ReportMetric(tBig.Seconds()/tEmpty.Seconds(), "ratio")
		})
	}
}
