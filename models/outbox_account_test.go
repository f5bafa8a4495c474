package models

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mobilize/config"
)

// openAccounts opens a store that knows the accounts names, the first the
// default.
func openAccounts(t *testing.T, names ...string) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "t.db"), nil, WithAccounts(names))
	if err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return fixedNow }
	t.Cleanup(func() { s.Close() })
	return s
}

func TestWithOneAccountEveryRowIsItsUnlessNamed(t *testing.T) {
	ctx := context.Background()
	if got := mustOpen(t).DefaultAccount(); got != config.DefaultAccountName {
		t.Errorf("no accounts configured: default %q, want %q", got, config.DefaultAccountName)
	}
	s := openAccounts(t, "值班号1")
	plain, _, err := s.EnqueueOutbox(ctx, OutboxMessage{Target: "A群", IsGroup: true, Kind: KindNotice, Text: "a"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	named, _, err := s.EnqueueOutbox(ctx, OutboxMessage{Target: "李科长", Kind: KindReply, Text: "b", Account: "值班号2"}, 0)
	// (a caller may name an account the store does not know: it is kept)
	if err != nil {
		t.Fatal(err)
	}
	if plain.Account != "值班号1" || named.Account != "值班号2" {
		t.Errorf("accounts %q %q, want 值班号1 (the one account) and 值班号2 (named)", plain.Account, named.Account)
	}
	camp := mustCampaign(t, s, 1, 1)
	_, _, err = s.QueueDelivery(ctx, DeliveryRequest{CampaignID: camp.ID, GroupID: 1, GroupName: "B群",
		Messages: []OutboxMessage{{Target: "B群", IsGroup: true, Kind: KindBroadcast, Text: "倡议"}}})
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := s.OutboxRows(ctx)
	if last := rows[len(rows)-1]; last.Target != "B群" || last.Account != "值班号1" {
		t.Errorf("broadcast row %+v, want it on 值班号1", last)
	}
}

// TestEachAccountTakesOnlyItsRows: peek, the daily count and crash recovery
// see one account's rows, never another's.
func TestEachAccountTakesOnlyItsRows(t *testing.T) {
	ctx := context.Background()
	s := openAccounts(t, "甲", "乙")
	put := func(account, text string) OutboxMessage {
		t.Helper()
		m, _, err := s.EnqueueOutbox(ctx, OutboxMessage{Target: "A群", IsGroup: true, Kind: KindNotice, Text: text, Account: account}, 0)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	a1, b1, a2 := put("甲", "a1"), put("乙", "b1"), put("甲", "a2")
	for _, c := range []struct {
		account string
		want    uint
	}{{"甲", a1.ID}, {"乙", b1.ID}} {
		got, _, err := s.PeekOutbox(ctx, c.account, fixedNow)
		if err != nil || got.ID != c.want {
			t.Errorf("peek %s: row %d %v, want %d", c.account, got.ID, err, c.want)
		}
	}
	if _, _, err := s.PeekOutbox(ctx, "丙", fixedNow); !errors.Is(err, ErrNotFound) {
		t.Errorf("an account with no rows peeked %v", err)
	}
	for _, id := range []uint{a1.ID, b1.ID, a2.ID} {
		if _, err := s.ClaimOutbox(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.FinishOutbox(ctx, a1.ID, OutboxOutcome{Status: OutboxSent}); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.CountSentSince(ctx, "甲", fixedNow.Add(-time.Hour)); n != 1 {
		t.Errorf("甲 sent %d today, want 1", n)
	}
	if n, _ := s.CountSentSince(ctx, "乙", fixedNow.Add(-time.Hour)); n != 0 {
		t.Errorf("乙 sent %d today, want 0: 甲's send counted against it", n)
	}
	stale, err := s.MarkInterrupted(ctx, "甲", "killed")
	if err != nil || len(stale) != 1 || stale[0].ID != a2.ID {
		t.Fatalf("甲's interrupted rows %+v %v, want only a2", stale, err)
	}
	rows, _ := s.OutboxRows(ctx, OutboxSending)
	if len(rows) != 1 || rows[0].ID != b1.ID {
		t.Errorf("乙's row in flight must stay sending: %+v", rows)
	}
	attempts, _ := s.OutboxAttempts(ctx, b1.ID)
	if len(attempts) != 1 || attempts[0].Account != "乙" {
		t.Errorf("乙's attempt %+v should name 乙", attempts)
	}
}

func TestRepliesMergeOnlyWithinOneAccount(t *testing.T) {
	ctx := context.Background()
	s := openAccounts(t, "甲", "乙")
	for _, m := range []OutboxMessage{
		{Target: "李科长", Kind: KindReply, Text: "一", Account: "甲"},
		{Target: "李科长", Kind: KindReply, Text: "二", Account: "乙"},
		{Target: "李科长", Kind: KindReply, Text: "三", Account: "甲"},
	} {
		if _, _, err := s.EnqueueOutbox(ctx, m, time.Minute); err != nil {
			t.Fatal(err)
		}
	}
	rows, _ := s.OutboxRows(ctx)
	if len(rows) != 2 || rows[0].Text != "一\n三" || rows[0].Account != "甲" || rows[1].Text != "二" {
		t.Errorf("rows %+v, want 甲's two merged and 乙's apart", rows)
	}
}

// TestMigrationFilesOldOutboxRowsUnderTheDefaultAccount opens a database
// written before accounts (schema 1, no account columns) and finds its rows
// and attempts belonging to the default account, the version raised.
func TestMigrationFilesOldOutboxRowsUnderTheDefaultAccount(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	m, _, _ := s.EnqueueOutbox(ctx, OutboxMessage{Target: "A群", IsGroup: true, Kind: KindNotice, Text: "旧"}, 0)
	if _, err := s.ClaimOutbox(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	s.Close()
	db := rawDB(t, path)
	for _, q := range []string{
		"DROP INDEX idx_outbox_account_due",
		"ALTER TABLE outbox_messages DROP COLUMN account",
		"ALTER TABLE outbox_attempts DROP COLUMN account",
		"PRAGMA user_version = 1",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()

	s, err = Open(path, nil, WithAccounts([]string{"值班号1"}))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rows, _ := s.OutboxRows(ctx)
	attempts, _ := s.OutboxAttempts(ctx, m.ID)
	if len(rows) != 1 || rows[0].Account != config.DefaultAccountName || len(attempts) != 1 || attempts[0].Account != config.DefaultAccountName {
		t.Errorf("old rows %+v attempts %+v, want them under %s", rows, attempts, config.DefaultAccountName)
	}
	if v := pragma(t, path, "user_version"); v != schemaVersion {
		t.Errorf("user_version %d, want %d", v, schemaVersion)
	}
}

func TestSchemaVersionIsTheLastMigration(t *testing.T) {
	if last := migrations[len(migrations)-1].version; last != schemaVersion {
		t.Errorf("last migration %d, schemaVersion %d", last, schemaVersion)
	}
	for i := 1; i < len(migrations); i++ {
		if migrations[i].version != migrations[i-1].version+1 {
			t.Errorf("migration %d follows %d: versions must count up by one", migrations[i].version, migrations[i-1].version)
		}
	}
}

func TestAnAccountCannotClaimAnothersRow(t *testing.T) {
	ctx := context.Background()
	s := openAccounts(t, "甲", "乙")
	m, _, err := s.EnqueueOutbox(ctx, OutboxMessage{Target: "A群", IsGroup: true, Kind: KindNotice, Text: "a", Account: "乙"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ClaimOutboxAs(ctx, "甲", "", m.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("甲 claimed 乙's row: %v", err)
	}
	got, err := s.ClaimOutboxAs(ctx, "乙", "", m.ID)
	if err != nil || got.Status != OutboxSending {
		t.Fatalf("乙's claim: %+v %v", got, err)
	}
}

// TestRowsOfARemovedAccountGoToTheDefault: a bureau that adds an accounts:
// list keeps its pending 默认 rows (they move, audited) and its row left
// mid-send is settled uncertain, never resent; configured accounts' rows
// stay where they are.
func TestRowsOfARemovedAccountGoToTheDefault(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.db")
	old, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"待发", "发送中"} {
		if _, _, err := old.EnqueueOutbox(ctx, OutboxMessage{Target: "A群", IsGroup: true, Kind: KindNotice, Text: text}, 0); err != nil {
			t.Fatal(err)
		}
	}
	rows, _ := old.OutboxRows(ctx)
	if _, err := old.ClaimOutbox(ctx, rows[1].ID); err != nil {
		t.Fatal(err)
	}
	old.Close()

	s, err := Open(path, nil, WithAccounts([]string{"值班号1", "值班号2"}))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, _, err := s.EnqueueOutbox(ctx, OutboxMessage{Target: "B群", IsGroup: true, Kind: KindNotice, Text: "二号的", Account: "值班号2"}, 0); err != nil {
		t.Fatal(err)
	}
	n, err := s.AdoptOrphans(ctx)
	if err != nil || n != 1 {
		t.Fatalf("adopted %d %v, want 1", n, err)
	}
	rows, _ = s.OutboxRows(ctx)
	want := []struct{ account, status string }{
		{"值班号1", OutboxPending}, {config.DefaultAccountName, OutboxUncertain}, {"值班号2", OutboxPending},
	}
	for i, w := range want {
		if rows[i].Account != w.account || rows[i].Status != w.status {
			t.Errorf("row %q: %s %s, want %s %s", rows[i].Text, rows[i].Account, rows[i].Status, w.account, w.status)
		}
	}
	trail, _ := s.RecentAudit(ctx, AuditOutboxAdopt, 5)
	if len(trail) != 1 || !strings.Contains(trail[0].Detail, "默认") || !strings.Contains(trail[0].Detail, "1 条待发") {
		t.Errorf("audit %+v", trail)
	}
	if n, err := s.AdoptOrphans(ctx); err != nil || n != 0 {
		t.Errorf("second adoption moved %d %v", n, err)
	}
	if trail, _ := s.RecentAudit(ctx, AuditOutboxAdopt, 5); len(trail) != 1 {
		t.Errorf("a second adoption with nothing to move wrote %d records", len(trail))
	}
}

// TestGroupRowsGoToTheOwnerOrWaitForOne: with several accounts a group's
// row goes to its owner; a group no account serves yet waits (account "")
// until one is found serving it, and then belongs to it; a private chat's
// goes to the default account.
func TestGroupRowsGoToTheOwnerOrWaitForOne(t *testing.T) {
	ctx := context.Background()
	s := openAccounts(t, "甲", "乙")
	if err := s.NoteServed(ctx, "乙", []string{"A群"}); err != nil {
		t.Fatal(err)
	}
	put := func(to string, group bool) OutboxMessage {
		t.Helper()
		m, _, err := s.EnqueueOutbox(ctx, OutboxMessage{Target: to, IsGroup: group, Kind: KindNotice, Text: "x"}, 0)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	owned, waiting, private := put("A群", true), put("B群", true), put("李科长", false)
	if owned.Account != "乙" || waiting.Account != "" || private.Account != "甲" {
		t.Fatalf("accounts %q %q %q, want 乙 (owner), \"\" (waiting), 甲 (default)", owned.Account, waiting.Account, private.Account)
	}
	if n, _ := s.AdoptOrphans(ctx); n != 0 {
		t.Errorf("a waiting row was adopted as an orphan (%d)", n)
	}
	if err := s.NoteServed(ctx, "甲", []string{"B群"}); err != nil {
		t.Fatal(err)
	}
	got, _, err := s.PeekOutbox(ctx, "甲", fixedNow)
	if err != nil || got.ID != waiting.ID {
		t.Errorf("甲 serves B群 now: peek %+v %v, want the waiting row", got, err)
	}
}

func TestCountAccountOutboxCountsOneAccount(t *testing.T) {
	ctx := context.Background()
	s := openAccounts(t, "甲", "乙")
	for _, a := range []string{"甲", "甲", "乙"} {
		m, _, err := s.EnqueueOutbox(ctx, OutboxMessage{Target: "A群", IsGroup: true, Kind: KindNotice, Text: a, Account: a}, 0)
		if err != nil {
			t.Fatal(err)
		}
		if a == "乙" {
			if _, err := s.ClaimOutbox(ctx, m.ID); err != nil {
				t.Fatal(err)
			}
			if err := s.FinishOutbox(ctx, m.ID, OutboxOutcome{Status: OutboxFailed, Err: "refused"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	jia, _ := s.CountAccountOutbox(ctx, "甲", fixedNow.Add(-time.Hour))
	yi, _ := s.CountAccountOutbox(ctx, "乙", fixedNow.Add(-time.Hour))
	if jia.Pending != 2 || jia.Failed != 0 || jia.LastError != "" || yi.Pending != 0 || yi.Failed != 1 || yi.LastError != "refused" {
		t.Errorf("甲 %+v 乙 %+v", jia, yi)
	}
}

// TestAnUnconfiguredOwnerIsPassedOver: a group whose recorded owner is an
// account no longer configured goes to a configured account serving it,
// not to the old one and not to nobody.
func TestAnUnconfiguredOwnerIsPassedOver(t *testing.T) {
	ctx := context.Background()
	s := openAccounts(t, "甲", "乙")
	if err := s.NoteServed(ctx, "旧号", []string{"A群"}); err != nil {
		t.Fatal(err)
	}
	if err := s.NoteServed(ctx, "乙", []string{"A群"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.AssignOwner(ctx, "A群", "旧号", "test"); err != nil {
		t.Fatal(err)
	}
	m, _, err := s.EnqueueOutbox(ctx, OutboxMessage{Target: "A群", IsGroup: true, Kind: KindNotice, Text: "x"}, 0)
	if err != nil || m.Account != "乙" {
		t.Errorf("account %q %v, want 乙 (the configured account serving the group)", m.Account, err)
	}
}
