package chat

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mobilize/models"
)

func TestOutboxKeyQueuesOnce(t *testing.T) {
	store := openStore(t)
	out := NewOutbox(store, time.Minute, nil)
	ctx := context.Background()
	msg := Outgoing{To: chatA, Kind: models.KindReply, Text: "倡议书", Key: "campaign:1:group:A群:text:1"}
	for i, want := range []bool{true, false, false} {
		queued, err := out.Put(ctx, msg)
		if err != nil || queued != want {
			t.Fatalf("put %d: queued %v, %v; want %v", i, queued, err, want)
		}
	}
	// An unkeyed reply right after is not merged into the keyed row.
	queue(t, out, chatA, models.KindReply, "收到")
	rows, err := store.OutboxRows(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Text != "倡议书" || rows[1].Text != "收到" {
		t.Fatalf("rows %+v", rows)
	}
}

func TestOutboxMasksPhonesExceptBroadcastBodies(t *testing.T) {
	store := openStore(t)
	out := NewOutbox(store, 0, nil)
	ctx := context.Background()
	queue(t, out, chatA, models.KindReply, "感谢 群主13800138000 的报名")
	queue(t, out, chatA, models.KindNotice, "递补：李四 139 0013 9000")
	queue(t, out, chatA, models.KindBroadcast, "咨询电话 13800138000")
	rows, err := store.OutboxRows(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows[:2] {
		if strings.Contains(strings.ReplaceAll(r.Text, " ", ""), "0013") || !strings.Contains(r.Text, "****") {
			t.Errorf("row %d not masked: %q", i, r.Text)
		}
	}
	if rows[2].Text != "咨询电话 13800138000" {
		t.Errorf("broadcast body changed: %q", rows[2].Text)
	}
}

func TestOutboxMergeStopsAtOneMessage(t *testing.T) {
	store := openStore(t)
	out := NewOutbox(store, time.Minute, nil)
	long := strings.Repeat("长", models.MaxMergedText-10)
	queue(t, out, chatA, models.KindReply, long)
	queue(t, out, chatA, models.KindReply, strings.Repeat("再", 20))
	rows, err := store.OutboxRows(context.Background())
	if err != nil || len(rows) != 2 {
		t.Fatalf("%d rows, %v: merged past one message", len(rows), err)
	}
}

func TestSenderSendsImagesAndFiles(t *testing.T) {
	store := openStore(t)
	tr := newFakeTransport()
	out := NewOutbox(store, 0, nil)
	ctx := context.Background()
	dir := t.TempDir()
	img, pdf := filepath.Join(dir, "poster.png"), filepath.Join(dir, "倡议书.pdf")
	for _, p := range []string{img, pdf} {
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range []Outgoing{
		{To: chatA, Kind: models.KindBroadcast, Text: "正文"},
		{To: chatA, Kind: models.KindBroadcast, Media: models.MediaImage, Path: img},
		{To: chatA, Kind: models.KindBroadcast, Media: models.MediaFile, Path: pdf},
	} {
		if _, err := out.Put(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	runSender(t, NewSender(store, tr, pace(), nil))
	calls := tr.waitCalls(t, 3)
	got := []string{calls[0].text, calls[1].text, calls[2].text}
	want := []string{"正文", "image:" + img, "file:" + pdf}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("sends %q, want %q", got, want)
		}
	}
	waitStatus(t, store, models.OutboxSent, 3)
}

func TestSenderFailsMissingAttachment(t *testing.T) {
	store := openStore(t)
	tr := newFakeTransport()
	tr.script = func(int, Target, string) (string, error) { return "", ErrNoFile }
	out := NewOutbox(store, 0, nil)
	if _, err := out.Put(context.Background(), Outgoing{To: chatA, Kind: models.KindBroadcast, Media: models.MediaFile, Path: "/gone.pdf"}); err != nil {
		t.Fatal(err)
	}
	runSender(t, NewSender(store, tr, pace(), nil))
	waitStatus(t, store, models.OutboxFailed, 1)
	if n := len(tr.snapshot()); n != 1 {
		t.Fatalf("%d attempts for a missing file, want 1", n)
	}
}

// TestBudgetHoldsWhenCountFails: a database error while counting today's
// sends holds the outbox instead of sending past the budget.
func TestBudgetHoldsWhenCountFails(t *testing.T) {
	store := openStore(t)
	s := NewSender(store, newFakeTransport(), pace(), nil)
	if d := s.budgetWait(context.Background()); d != 0 {
		t.Fatalf("empty outbox: wait %v", d)
	}
	store.Close()
	if d := s.budgetWait(context.Background()); d <= 0 {
		t.Fatalf("count failed but the budget did not hold (wait %v)", d)
	}
}
