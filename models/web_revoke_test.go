package models

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// mustSession logs admin in through a fresh login link and returns the
// session token.
func mustSession(tb testing.TB, s *Store, admin string) string {
	tb.Helper()
	ctx := context.Background()
	link, err := s.NewLoginLink(ctx, admin, 10*time.Minute)
	if err != nil {
		tb.Fatal(err)
	}
	session, _, err := s.UseLoginLink(ctx, link, time.Hour, SessionDevice{})
	if err != nil {
		tb.Fatal(err)
	}
	return session
}

// TestRevokeEndsSessionsAndLinksOfRemovedAdmins: whoever is not in the
// list loses every session and unused link, audited once; those in it
// keep theirs; a second run finds nothing and writes nothing.
func TestRevokeEndsSessionsAndLinksOfRemovedAdmins(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	keep := mustSession(t, s, "王局")
	gone1, gone2 := mustSession(t, s, "李科"), mustSession(t, s, "李科")
	link, err := s.NewLoginLink(ctx, "李科", 10*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	keepLink, err := s.NewLoginLink(ctx, "王局", 10*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	revoked, err := s.RevokeAdminsExcept(ctx, []string{"王局"})
	if err != nil {
		t.Fatal(err)
	}
	if len(revoked) != 1 || revoked[0] != (Revoked{Admin: "李科", Sessions: 2, Links: 1}) {
		t.Fatalf("revoked %+v, want 李科 with 2 sessions and 1 link", revoked)
	}
	for _, tok := range []string{gone1, gone2} {
		if _, err := s.SessionAdmin(ctx, tok); !errors.Is(err, ErrNotFound) {
			t.Errorf("a removed admin's session still works: %v", err)
		}
	}
	if _, _, err := s.UseLoginLink(ctx, link, time.Hour, SessionDevice{}); !errors.Is(err, ErrNotFound) {
		t.Errorf("a removed admin's unused link still works: %v", err)
	}
	if who, err := s.SessionAdmin(ctx, keep); err != nil || who != "王局" {
		t.Errorf("a kept admin's session: %q %v", who, err)
	}
	if _, _, err := s.UseLoginLink(ctx, keepLink, time.Hour, SessionDevice{}); err != nil {
		t.Errorf("a kept admin's link: %v", err)
	}
	rows, err := s.RecentAudit(ctx, AuditRevoke, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Actor != ActorConfig || !strings.Contains(rows[0].Detail, "李科") ||
		!strings.Contains(rows[0].Detail, "结束 2 个后台会话，作废 1 个登录链接") {
		t.Fatalf("audit %+v", rows)
	}
	if again, err := s.RevokeAdminsExcept(ctx, []string{"王局"}); err != nil || len(again) != 0 {
		t.Errorf("second revoke: %+v %v", again, err)
	}
	if rows, _ := s.RecentAudit(ctx, AuditRevoke, 10); len(rows) != 1 {
		t.Errorf("a revoke that ended nothing was audited: %d rows", len(rows))
	}
	if AuditActorName(ActorConfig) != "配置文件（admins）" || AuditActionName(AuditRevoke) != "撤销后台登录" {
		t.Errorf("names: %q %q", AuditActorName(ActorConfig), AuditActionName(AuditRevoke))
	}
}

// TestRevokeWithNoAdminsEndsEveryone: an empty admins list leaves nobody
// with console access.
func TestRevokeWithNoAdminsEndsEveryone(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	a, b := mustSession(t, s, "王局"), mustSession(t, s, "李科")
	revoked, err := s.RevokeAdminsExcept(ctx, nil)
	if err != nil || len(revoked) != 2 || revoked[0].Admin != "李科" || revoked[1].Admin != "王局" {
		t.Fatalf("revoked %+v %v", revoked, err)
	}
	for _, tok := range []string{a, b} {
		if _, err := s.SessionAdmin(ctx, tok); !errors.Is(err, ErrNotFound) {
			t.Errorf("session survived: %v", err)
		}
	}
}

// TestRevokeWithdrawsAdminMail: the tallies and rosters still waiting for
// a removed admin's private chat are withdrawn (counted as withdrawn,
// not failed) and audited; a kept admin's, a group's and a removed
// admin's already sent ones are left alone.
func TestRevokeWithdrawsAdminMail(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	queue := func(target string, group bool, kind string) OutboxMessage {
		t.Helper()
		row, _, err := s.EnqueueOutbox(ctx, OutboxMessage{Target: target, IsGroup: group, Kind: kind, Text: target + kind}, 0)
		if err != nil {
			t.Fatal(err)
		}
		return row
	}
	tally, roster := queue("李科", false, KindNotice), queue("李科", false, KindRoster)
	kept, group := queue("王局", false, KindNotice), queue("李科", true, KindNotice)
	revoked, err := s.RevokeAdminsExcept(ctx, []string{"王局"})
	if err != nil {
		t.Fatal(err)
	}
	if len(revoked) != 1 || revoked[0] != (Revoked{Admin: "李科", Withdrawn: 2}) {
		t.Fatalf("revoked %+v", revoked)
	}
	status := func(r OutboxMessage) string {
		var got OutboxMessage
		if err := s.db.First(&got, r.ID).Error; err != nil {
			t.Fatal(err)
		}
		return got.Status
	}
	if status(tally) != OutboxFailed || status(roster) != OutboxFailed || status(kept) != OutboxPending || status(group) != OutboxPending {
		t.Errorf("statuses: %s %s %s %s", status(tally), status(roster), status(kept), status(group))
	}
	counts, err := s.CountOutbox(ctx, fixedNow.Add(-time.Hour))
	if err != nil || counts.Withdrawn != 2 || counts.Failed != 0 {
		t.Errorf("counts %+v %v", counts, err)
	}
	rows, _ := s.RecentAudit(ctx, AuditRevoke, 5)
	if len(rows) != 1 || !strings.Contains(rows[0].Detail, "撤回 2 条") {
		t.Errorf("audit %+v", rows)
	}
}
